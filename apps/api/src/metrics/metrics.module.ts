import { Module } from '@nestjs/common';
import { HttpRequestMetrics } from './http-request-metrics';
import { MetricsController } from './metrics.controller';
import { TokenStatusMetrics } from './token-status-metrics';

/** `GET /metrics` and the metrics not owned by another module. */
@Module({
  controllers: [MetricsController],
  providers: [HttpRequestMetrics, TokenStatusMetrics],
})
export class MetricsModule {}
