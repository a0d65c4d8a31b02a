import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TokenPrincipal } from './principals';
import { AUTH_REQUIRED, type UserRequest } from './user-jwt-gate';

/** The user the JWT gate put on the request; a route the gate does not guard is refused, never served. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const user = context.switchToHttp().getRequest<UserRequest>().user;
  if (user === undefined) throw AUTH_REQUIRED;
  return user;
});

/** The token holder the X-API-Token guard put on the request. */
export const CurrentToken = createParamDecorator(
  (_: unknown, context: ExecutionContext): TokenPrincipal =>
    context.switchToHttp().getRequest<{ user: TokenPrincipal }>().user,
);
