import { applyDecorators, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTokenGuard } from './api-token.guard';
import { API_TOKEN_ROUTE } from './malformed-token-gate';

/** A route for token holders: the X-API-Token guard, and malformed tokens refused at the door. */
export function ApiTokenRoute(): MethodDecorator {
  return applyDecorators(UseGuards(ApiTokenGuard), RouteConfig({ [API_TOKEN_ROUTE]: true }));
}
