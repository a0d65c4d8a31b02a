import type { LogPosition } from '@pat/domain';
import type { AuditEventFilter } from '../audit-event-filter';

export class ListAuditEventsQuery {
  constructor(
    readonly after: LogPosition | null,
    readonly limit: number,
    readonly filter: AuditEventFilter,
  ) {}
}
