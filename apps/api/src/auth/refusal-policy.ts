import { Injectable } from '@nestjs/common';
import { ApiProblem } from '../http/api-problem.exception';
import { AuthMetrics } from '../metrics/auth-metrics';
import { RefusalThrottle } from './refusal-throttle';

/** What a refused X-API-Token is answered with: the refusal, or 429 once its address is over budget. */
@Injectable()
export class RefusalPolicy {
  constructor(
    private readonly throttle: RefusalThrottle,
    private readonly metrics: AuthMetrics,
  ) {}

  answer(refusal: ApiProblem, address: string): ApiProblem {
    const retryAfter = this.throttle.refuse(address);
    if (retryAfter === 0) return refusal;
    this.metrics.throttled();
    return ApiProblem.tooManyRequests('Too many refused tokens from this address; try again later', retryAfter);
  }
}
