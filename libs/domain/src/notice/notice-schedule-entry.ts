import { assertNever } from '../shared/assert-never';
import { revocationNoticeCause, type TokenEvent } from '../token/token.events';
import { noticeDueTimes, type ScheduledNotice } from './notice-due-times';

/** The notices still to send for one token, as derived from its stream. */
export interface NoticeScheduleEntry {
  tokenId: string;
  /** Revision of the last event of the token's stream applied to this entry. */
  revision: number;
  /** Null for a token that never expires: it has an entry only once a revocation notice is owed. */
  expiresAt: Date | null;
  /** Soonest due first; empty once the token is revoked, expired, rotated or has had its tightest notice. */
  pending: readonly ScheduledNotice[];
  /** The token is suspended: its pending notices wait, and fall due again when it is reactivated. */
  held: boolean;
  /** Since when the owner is owed the notice that the token was revoked for them (a reported leak), until it is claimed. */
  revocationNoticeDueAt: Date | null;
}

/** When the entry's next notice falls due, or null when none is pending (or they are held). */
export function nextDueAt(entry: NoticeScheduleEntry): Date | null {
  const expiryNoticeDueAt = entry.held ? null : (entry.pending[0]?.dueAt ?? null);
  return entry.revocationNoticeDueAt ?? expiryNoticeDueAt;
}

/** How many notices the entry still owes. */
export const pendingCount = (entry: NoticeScheduleEntry): number =>
  entry.pending.length + (entry.revocationNoticeDueAt === null ? 0 : 1);

/**
 * The entry after the stream's event at `revision`, or `undefined` when the event changes
 * nothing: it does not follow the entry's revision (a replay, a duplicate or a gap), or it
 * belongs to a token that never expires and so has no entry (until a revoke it did not ask
 * for makes a revocation notice owed: that entry starts at the revoke's revision).
 */
export function projectNoticeSchedule(
  entry: NoticeScheduleEntry | null,
  event: TokenEvent,
  revision: number,
  thresholdsDays: readonly number[],
): NoticeScheduleEntry | undefined {
  if (event.type === 'TokenGenerated') {
    if (entry !== null || revision !== 0 || event.data.expiresAt === null) return undefined;
    const expiresAt = new Date(event.data.expiresAt);
    return {
      tokenId: event.data.tokenId,
      revision,
      expiresAt,
      pending: noticeDueTimes(new Date(event.data.generatedAt), expiresAt, thresholdsDays),
      held: false,
      revocationNoticeDueAt: null,
    };
  }
  const revocationNoticeDueAt = owedRevocationNotice(event);
  if (revocationNoticeDueAt !== null && entry === null) {
    const tokenId = event.data.tokenId;
    return { tokenId, revision, expiresAt: null, pending: [], held: false, revocationNoticeDueAt };
  }
  if (entry === null || entry.revision !== revision - 1) return undefined;
  switch (event.type) {
    case 'TokenRevoked':
      return {
        ...entry,
        revision,
        pending: [],
        revocationNoticeDueAt: revocationNoticeDueAt ?? entry.revocationNoticeDueAt,
      };
    case 'TokenExpired':
    case 'TokenRotated':
      return { ...entry, revision, pending: [] };
    case 'ExpiryNoticeSent': {
      const sent = event.data.thresholdDays;
      return { ...entry, revision, pending: entry.pending.filter((notice) => notice.thresholdDays < sent) };
    }
    case 'TokenSuspended':
      return { ...entry, revision, held: true };
    case 'TokenReactivated':
      return { ...entry, revision, held: false };
    case 'RevocationNoticeSent':
      return { ...entry, revision, revocationNoticeDueAt: null };
    case 'TokenRenamed':
    case 'TokenRateLimitChanged':
    case 'TokenLeakReported':
    case 'ExpiryNoticeFailed':
    case 'RevocationNoticeFailed':
      return { ...entry, revision };
    default:
      return assertNever(event);
  }
}

/** When a revoke the owner did not ask for (a leak, idleness) happened: from then on they are owed a notice. */
function owedRevocationNotice(event: TokenEvent): Date | null {
  if (event.type !== 'TokenRevoked' || revocationNoticeCause(event.data.reason) === null) return null;
  return new Date(event.data.revokedAt);
}
