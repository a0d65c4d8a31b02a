import { applyDecorators, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTokenRefusals } from '../docs/api-problems.decorator';
import { ApiTokenGuard } from './api-token.guard';
import { API_TOKEN_ROUTE, type ApiTokenRouteKind } from './api-token-route.config';

/**
 * A route for token holders: the X-API-Token guard, malformed tokens refused at the door, and
 * the refusals it answers with documented (the throttle's status depends on the kind).
 */
export function ApiTokenRoute(kind: ApiTokenRouteKind = 'token-holder'): MethodDecorator {
  return applyDecorators(UseGuards(ApiTokenGuard), RouteConfig({ [API_TOKEN_ROUTE]: kind }), ApiTokenRefusals(kind));
}
