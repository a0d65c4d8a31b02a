import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { ListAuditEventsController } from './list-audit-events/list-audit-events.controller';
import { ListAuditEventsHandler } from './list-audit-events/list-audit-events.handler';

@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [ListAuditEventsController],
  providers: [ListAuditEventsHandler],
})
export class AuditModule {}
