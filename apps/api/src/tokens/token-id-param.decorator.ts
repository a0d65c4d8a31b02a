import { ApiParam } from '@nestjs/swagger';

/** The `:id` of a token route, as TokenIdPipe reads it. */
export function ApiTokenIdParam(): MethodDecorator & ClassDecorator {
  return ApiParam({
    name: 'id',
    type: String,
    format: 'uuid',
    description: 'The token id; anything that is not a UUID answers 404 like an unknown id',
  });
}
