import type { TokenEventType } from '@pat/domain';

/** Which audit events a reader wants; an absent field matches everything. */
export interface AuditEventFilter {
  type?: TokenEventType;
  userId?: string;
  tokenId?: string;
}

export function isFiltered(filter: AuditEventFilter): boolean {
  return filter.type !== undefined || filter.userId !== undefined || filter.tokenId !== undefined;
}
