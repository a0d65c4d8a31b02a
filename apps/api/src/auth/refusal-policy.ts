import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../http/api-problem.exception';
import { AuthMetrics } from '../metrics/auth-metrics';
import { apiTokenRouteKind, THROTTLED_STATUS } from './api-token-route.config';
import { RefusalThrottle } from './refusal-throttle';
import { throttleKey } from './throttle-key';

const THROTTLED_DETAIL = 'Too many refused tokens from this address; try again later';

/**
 * What a refused X-API-Token is answered with: the refusal, or `too_many_requests` once its
 * client is over budget (429, or 401 on the forward-auth route, with Retry-After either way).
 */
@Injectable()
export class RefusalPolicy {
  constructor(
    private readonly throttle: RefusalThrottle,
    private readonly metrics: AuthMetrics,
  ) {}

  answer(refusal: ApiProblem, request: FastifyRequest): ApiProblem {
    const retryAfter = this.throttle.count(throttleKey(request));
    if (retryAfter === 0) return refusal;
    this.metrics.throttled();
    const kind = apiTokenRouteKind(request.routeOptions.config) ?? 'token-holder';
    return ApiProblem.throttled(THROTTLED_STATUS[kind], THROTTLED_DETAIL, retryAfter);
  }
}
