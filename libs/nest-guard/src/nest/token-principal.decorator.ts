import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TokenPrincipal as Principal } from '../core/token-principal';

/** Who the request's X-API-Token belongs to (the guard must have run). */
export type TokenPrincipal = Principal;

export const TokenPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);
