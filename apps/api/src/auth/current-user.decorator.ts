import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TokenPrincipal, UserPrincipal } from './principals';

/** The principal a guard put on the request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserPrincipal =>
    context.switchToHttp().getRequest<{ user: UserPrincipal }>().user,
);

export const CurrentToken = createParamDecorator(
  (_: unknown, context: ExecutionContext): TokenPrincipal =>
    context.switchToHttp().getRequest<{ user: TokenPrincipal }>().user,
);
