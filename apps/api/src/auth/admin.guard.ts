import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiProblem } from '../http/api-problem.exception';
import type { UserRequest } from './user-jwt-gate';

/** Admin endpoints: after the user JWT gate, lets only users whose JWT carries the `admin` role through. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<UserRequest>();
    if (request.user?.isAdmin !== true) {
      throw new ApiProblem('forbidden', 'This endpoint is for administrators only');
    }
    return true;
  }
}
