import type { TokenStatus } from '@pat/domain';
import type { TokenPageRequest } from '../token-page/token-page';

export class ListTokensQuery {
  constructor(
    readonly userId: string,
    readonly status: TokenStatus | undefined,
    readonly page: TokenPageRequest,
  ) {}
}
