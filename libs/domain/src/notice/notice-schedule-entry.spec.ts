import { DAY_MS } from '../token/token-expiry';
import {
  expiryNoticeFailed,
  expiryNoticeSent,
  revocationNoticeFailed,
  revocationNoticeSent,
  tokenExpired,
  tokenLeakReported,
  tokenGenerated,
  tokenReactivated,
  tokenRevoked,
  tokenRotated,
  tokenSuspended,
} from '../token/testing/token-events';
import type { TokenEvent } from '../token/token.events';
import { nextDueAt, pendingCount, projectNoticeSchedule, type NoticeScheduleEntry } from './notice-schedule-entry';

const EXPIRY = new Date('2026-03-31T12:00:00.000Z');
const generated = tokenGenerated({ generatedAt: '2026-03-01T12:00:00.000Z', expiresAt: EXPIRY.toISOString() });
const before = (days: number): Date => new Date(EXPIRY.getTime() - days * DAY_MS);

/** Applies events at revisions 0, 1, 2… and fails if one of them is dropped. */
function project(events: readonly TokenEvent[]): NoticeScheduleEntry {
  let entry: NoticeScheduleEntry | null = null;
  events.forEach((event, revision) => {
    const next = projectNoticeSchedule(entry, event, revision, [7, 1]);
    if (next === undefined) throw new Error(`event ${revision} (${event.type}) was dropped`);
    entry = next;
  });
  if (entry === null) throw new Error('no events');
  return entry;
}

describe('projectNoticeSchedule', () => {
  it('schedules every threshold of a new token, the soonest due first', () => {
    const entry = project([generated]);
    expect(entry).toEqual({
      tokenId: generated.data.tokenId,
      revision: 0,
      expiresAt: EXPIRY,
      pending: [
        { thresholdDays: 7, dueAt: before(7) },
        { thresholdDays: 1, dueAt: before(1) },
      ],
      held: false,
      revocationNoticeDueAt: null,
    });
    expect(nextDueAt(entry)).toEqual(before(7));
  });

  it('drops the sent notice and every looser one', () => {
    expect(project([generated, expiryNoticeSent({ thresholdDays: 7 })]).pending).toEqual([
      { thresholdDays: 1, dueAt: before(1) },
    ]);
    const tightestFirst = project([generated, expiryNoticeSent({ thresholdDays: 1 })]);
    expect(tightestFirst.pending).toEqual([]);
    expect(nextDueAt(tightestFirst)).toBeNull();
  });

  it('cancels everything on a revoke, an expiry or a rotation (the successor has its own)', () => {
    expect(project([generated, tokenRevoked()]).pending).toEqual([]);
    expect(project([generated, tokenRotated()]).pending).toEqual([]);
    expect(project([generated, tokenExpired()]).pending).toEqual([]);
  });

  it('holds the pending notices while the token is suspended, and lets them fall due once reactivated', () => {
    const suspended = project([generated, tokenSuspended()]);
    expect(suspended).toMatchObject({ held: true, pending: [{ thresholdDays: 7 }, { thresholdDays: 1 }] });
    expect(nextDueAt(suspended)).toBeNull();
    const reactivated = project([generated, tokenSuspended(), tokenReactivated()]);
    expect(reactivated).toMatchObject({ held: false, revision: 2 });
    expect(nextDueAt(reactivated)).toEqual(before(7));
  });

  it('advances only the revision on a failed notice', () => {
    const entry = project([generated, expiryNoticeSent({ thresholdDays: 7 }), expiryNoticeFailed()]);
    expect(entry).toMatchObject({ revision: 2, pending: [{ thresholdDays: 1 }] });
  });

  it('changes nothing for a replayed, duplicate or out-of-order event', () => {
    const entry = project([generated, expiryNoticeSent({ thresholdDays: 7 })]);
    expect(projectNoticeSchedule(entry, generated, 0, [7, 1])).toBeUndefined();
    expect(projectNoticeSchedule(entry, expiryNoticeSent({ thresholdDays: 7 }), 1, [7, 1])).toBeUndefined();
    expect(projectNoticeSchedule(entry, tokenRevoked(), 3, [7, 1])).toBeUndefined();
    expect(projectNoticeSchedule(null, tokenRevoked(), 1, [7, 1])).toBeUndefined();
    expect(projectNoticeSchedule(null, generated, 1, [7, 1])).toBeUndefined();
  });

  it('keeps no entry for a token that never expires', () => {
    expect(projectNoticeSchedule(null, tokenGenerated({ expiresAt: null }), 0, [7, 1])).toBeUndefined();
  });

  it.each(['leaked', 'idle'])(
    'owes a revocation notice from a revoke with reason %s on, once the expiry notices are cancelled',
    (reason) => {
      const revokedAt = new Date('2026-03-15T00:00:00.000Z');
      const revoked = tokenRevoked({ revokedAt: revokedAt.toISOString(), revokedBy: 'system:x', reason });
      const entry = project([generated, tokenLeakReported(), revoked]);
      expect(entry).toMatchObject({ revision: 2, pending: [], revocationNoticeDueAt: revokedAt });
      expect(nextDueAt(entry)).toEqual(revokedAt);
      expect(pendingCount(entry)).toBe(1);
      const claimed = project([generated, revoked, revocationNoticeSent({ cause: reason as 'leaked' | 'idle' })]);
      expect(claimed).toMatchObject({ revision: 2, revocationNoticeDueAt: null });
      expect(nextDueAt(claimed)).toBeNull();
      expect(pendingCount(claimed)).toBe(0);
      const failed = project([generated, revoked, revocationNoticeSent(), revocationNoticeFailed()]);
      expect(failed).toMatchObject({ revision: 3, revocationNoticeDueAt: null });
    },
  );

  it("owes nothing for the owner's own revoke (no reason, or one of the API's own)", () => {
    expect(project([generated, tokenRevoked()]).revocationNoticeDueAt).toBeNull();
    expect(project([generated, tokenRevoked({ reason: 'self_revoked' })]).revocationNoticeDueAt).toBeNull();
  });

  it('starts an entry for a token that never expires when it is revoked as leaked, and follows it from there', () => {
    const revokedAt = '2026-03-15T00:00:00.000Z';
    const entry = projectNoticeSchedule(null, tokenRevoked({ revokedAt, reason: 'leaked' }), 2, [7, 1]);
    expect(entry).toEqual({
      tokenId: generated.data.tokenId,
      revision: 2,
      expiresAt: null,
      pending: [],
      held: false,
      revocationNoticeDueAt: new Date(revokedAt),
    });
    if (entry === undefined) return;
    expect(projectNoticeSchedule(entry, tokenRevoked({ reason: 'leaked' }), 2, [7, 1])).toBeUndefined();
    expect(projectNoticeSchedule(entry, revocationNoticeSent(), 4, [7, 1])).toBeUndefined();
    expect(projectNoticeSchedule(entry, revocationNoticeSent(), 3, [7, 1])).toMatchObject({
      revision: 3,
      revocationNoticeDueAt: null,
    });
  });

  it('does not change the entry it is given', () => {
    const entry = project([generated]);
    const copy = structuredClone(entry);
    projectNoticeSchedule(entry, expiryNoticeSent({ thresholdDays: 7 }), 1, [7, 1]);
    projectNoticeSchedule(entry, tokenRevoked(), 1, [7, 1]);
    expect(entry).toEqual(copy);
  });
});
