import { applyDecorators, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { AdminGuard } from './admin.guard';
import { USER_ROUTE } from './user-jwt-gate';

/** A management route: a user JWT in `Authorization: Bearer`, checked at the door before the body is read. */
export function UserRoute(): MethodDecorator {
  return RouteConfig({ [USER_ROUTE]: true });
}

/** A management route for admins: a user JWT at the door, then 403 unless it carries the `admin` role. */
export function AdminRoute(): MethodDecorator {
  return applyDecorators(UserRoute(), UseGuards(AdminGuard));
}
