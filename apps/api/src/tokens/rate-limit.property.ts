import type { ApiPropertyOptions } from '@nestjs/swagger';
import { MAX_REQUESTS_PER_SECOND } from '@pat/domain';

/** How `maxRequestsPerSecond` is documented wherever a body takes it. */
export const MAX_REQUESTS_PER_SECOND_PROPERTY: ApiPropertyOptions = {
  description:
    'Requests a second the token may make; beyond it a request is answered 429 `token_rate_limited` with ' +
    '`Retry-After`. Absent or null: no limit of its own.',
  type: 'integer',
  minimum: 1,
  maximum: MAX_REQUESTS_PER_SECOND,
  nullable: true,
  example: 20,
};
