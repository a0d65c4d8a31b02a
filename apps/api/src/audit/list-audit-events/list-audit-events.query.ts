import type { LogPosition, TokenEventType } from '@pat/domain';

export class ListAuditEventsQuery {
  constructor(
    readonly after: LogPosition | null,
    readonly limit: number,
    readonly filter: AuditEventFilter,
  ) {}
}

export interface AuditEventFilter {
  type?: TokenEventType;
  userId?: string;
  tokenId?: string;
}
