import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { ListAuditEventsController } from './list-audit-events/list-audit-events.controller';
import { ListAuditEventsHandler } from './list-audit-events/list-audit-events.handler';
import { AuditStreams } from './stream-audit-events/audit-streams';
import { StreamAuditEventsController } from './stream-audit-events/stream-audit-events.controller';

@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [ListAuditEventsController, StreamAuditEventsController],
  providers: [ListAuditEventsHandler, AuditStreams],
})
export class AuditModule {}
