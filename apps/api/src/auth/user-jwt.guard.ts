import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../http/api-problem.exception';
import type { UserPrincipal } from './principals';
import { UserJwtVerifier } from './user-jwt.verifier';

export type UserRequest = FastifyRequest & { user?: UserPrincipal };

/** Management endpoints: a user's JWT in `Authorization: Bearer`, never an X-API-Token. */
@Injectable()
export class UserJwtGuard implements CanActivate {
  constructor(private readonly verifier: UserJwtVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<UserRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new ApiProblem('auth_required', 'Send a user JWT as Authorization: Bearer <jwt>');
    }
    const user = await this.verifier.verify(match[1]);
    if (!user) throw new ApiProblem('auth_invalid', 'The bearer token is not a valid user JWT');
    request.user = user;
    return true;
  }
}
