import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { NoticesModule } from '../notices/notices.module';
import { MetricsController } from './metrics.controller';
import { NotifierHealthController } from './notifier-health.controller';

/** `/health/live`, `/health/ready` and `/metrics` on NOTIFIER_PORT. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), NoticesModule],
  controllers: [NotifierHealthController, MetricsController],
})
export class OperationsModule {}
