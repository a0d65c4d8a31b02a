import {
  EXPIRES_AT,
  expiryNoticeFailed,
  expiryNoticeSent,
  GENERATED_AT,
  TEST_OWNER_ID,
  TEST_TOKEN_ID,
  tokenExpired,
  tokenGenerated,
  tokenLeakReported,
  tokenReactivated,
  tokenRenamed,
  tokenRevoked,
  tokenRotated,
  tokenSuspended,
  TEST_SUCCESSOR_ID,
} from './testing/token-events';
import type { TokenEvent } from './token.events';
import { effectiveStatus, projectTokenView, TOKEN_STATUSES, type TokenView } from './token-view';

const EXPIRY = new Date(EXPIRES_AT);

/** Applies events at revisions 0, 1, 2… and fails if one of them is dropped. */
function project(events: readonly TokenEvent[]): TokenView {
  let view: TokenView | null = null;
  events.forEach((event, revision) => {
    const next = projectTokenView(view, event, revision);
    if (next === undefined) throw new Error(`event ${revision} (${event.type}) was dropped`);
    view = next;
  });
  if (view === null) throw new Error('no events');
  return view;
}

describe('projectTokenView', () => {
  it('creates the view from TokenGenerated at revision 0', () => {
    expect(projectTokenView(null, tokenGenerated(), 0)).toEqual({
      id: TEST_TOKEN_ID,
      userId: TEST_OWNER_ID,
      ownerEmail: 'alice@example.com',
      name: 'CI deploy',
      tokenHint: 'pat_0123…dE1x',
      tokenDigest: 'd'.repeat(64),
      createdAt: new Date(GENERATED_AT),
      expiresAt: EXPIRY,
      scopes: ['api', 'read_api'],
      maxRequestsPerSecond: null,
      status: 'active',
      revokedAt: null,
      revokedBy: null,
      suspendedAt: null,
      suspendedBy: null,
      expiredAt: null,
      expiredByPolicy: false,
      successorId: null,
      rotatedAt: null,
      graceUntil: null,
      predecessorId: null,
      revision: 0,
    });
  });

  it('keeps a never-expiring token with expiresAt null', () => {
    expect(projectTokenView(null, tokenGenerated({ expiresAt: null }), 0)?.expiresAt).toBeNull();
  });

  it('ignores TokenGenerated at another revision, or when the view exists (replay)', () => {
    expect(projectTokenView(null, tokenGenerated(), 1)).toBeUndefined();
    const view = project([tokenGenerated()]);
    expect(projectTokenView(view, tokenGenerated({ name: 'again' }), 0)).toBeUndefined();
    expect(projectTokenView(view, tokenGenerated({ name: 'again' }), 1)).toBeUndefined();
  });

  it('records a revoke with its time, actor and revision', () => {
    const revoked = projectTokenView(
      project([tokenGenerated()]),
      tokenRevoked({ revokedAt: '2026-03-10T08:00:00.000Z', revokedBy: 'root' }),
      1,
    );
    expect(revoked).toMatchObject({
      status: 'revoked',
      revokedAt: new Date('2026-03-10T08:00:00.000Z'),
      revokedBy: 'root',
      expiredAt: null,
      successorId: null,
      rotatedAt: null,
      graceUntil: null,
      predecessorId: null,
      revision: 1,
    });
  });

  it('records an expiry with its time and revision', () => {
    const expired = projectTokenView(project([tokenGenerated()]), tokenExpired({ expiredAt: EXPIRES_AT }), 1);
    expect(expired).toMatchObject({ status: 'expired', expiredAt: EXPIRY, revokedAt: null, revision: 1 });
    expect(expired?.expiredByPolicy).toBe(false);
  });

  it('records an expiry by the lifetime policy as such', () => {
    const byPolicy = tokenExpired({
      expiredAt: '2026-03-05T00:00:00.000Z',
      reason: 'lifetime_policy',
      maxLifetimeDays: 7,
    });
    expect(projectTokenView(project([tokenGenerated()]), byPolicy, 1)).toMatchObject({
      status: 'expired',
      expiredAt: new Date('2026-03-05T00:00:00.000Z'),
      expiredByPolicy: true,
    });
  });

  it('records a rename: the new name and the revision, nothing else', () => {
    const before = project([tokenGenerated()]);
    expect(projectTokenView(before, tokenRenamed({ name: 'nightly' }), 1)).toEqual({
      ...before,
      name: 'nightly',
      revision: 1,
    });
  });

  it('records a suspension with its time and actor, and clears both on reactivation', () => {
    const suspended = project([tokenGenerated(), tokenSuspended({ suspendedBy: 'root' })]);
    expect(suspended).toMatchObject({
      status: 'suspended',
      suspendedAt: new Date('2026-03-15T00:00:00.000Z'),
      suspendedBy: 'root',
      revision: 1,
    });
    expect(project([tokenGenerated(), tokenSuspended(), tokenReactivated()])).toEqual({
      ...project([tokenGenerated()]),
      revision: 2,
    });
  });

  it('revokes or expires a suspended token, and ignores a reactivation after that', () => {
    expect(project([tokenGenerated(), tokenSuspended(), tokenRevoked()])).toMatchObject({ status: 'revoked' });
    expect(project([tokenGenerated(), tokenSuspended(), tokenExpired(), tokenReactivated()])).toMatchObject({
      status: 'expired',
      revision: 3,
    });
  });

  it('records a rotation: the successor, when, and until when the old secret is accepted', () => {
    expect(project([tokenGenerated(), tokenSuspended(), tokenRotated()])).toMatchObject({
      status: 'rotated',
      successorId: TEST_SUCCESSOR_ID,
      rotatedAt: new Date('2026-03-15T00:00:00.000Z'),
      graceUntil: new Date('2026-03-15T01:00:00.000Z'),
      suspendedAt: null,
      revision: 2,
    });
    expect(project([tokenGenerated(), tokenRotated(), tokenRevoked()])).toMatchObject({
      status: 'revoked',
      successorId: TEST_SUCCESSOR_ID,
    });
    expect(project([tokenGenerated(), tokenRevoked(), tokenRotated()])).toMatchObject({
      status: 'revoked',
      successorId: null,
    });
  });

  it('names the predecessor of a successor', () => {
    expect(project([tokenGenerated({ predecessorId: TEST_TOKEN_ID })]).predecessorId).toBe(TEST_TOKEN_ID);
    expect(project([tokenGenerated()]).predecessorId).toBeNull();
  });

  it('returns undefined for a duplicate (replayed) event', () => {
    const revoked = project([tokenGenerated(), tokenRevoked()]);
    expect(revoked.revision).toBe(1);
    expect(projectTokenView(revoked, tokenRevoked(), 1)).toBeUndefined();
    expect(projectTokenView(revoked, tokenRevoked(), 0)).toBeUndefined();
  });

  it('returns undefined for an event after a gap', () => {
    const view = project([tokenGenerated()]);
    expect(projectTokenView(view, tokenRevoked(), 2)).toBeUndefined();
    expect(projectTokenView(view, expiryNoticeSent(), 5)).toBeUndefined();
  });

  it('returns undefined for a lifecycle event without a view', () => {
    expect(projectTokenView(null, tokenRevoked(), 1)).toBeUndefined();
    expect(projectTokenView(null, tokenExpired(), 0)).toBeUndefined();
  });

  it('advances only the revision for a notice', () => {
    const view = project([tokenGenerated()]);
    expect(projectTokenView(view, expiryNoticeSent(), 1)).toEqual({ ...view, revision: 1 });
  });

  it('advances only the revision for a failed notice, so later events still apply', () => {
    const view = project([tokenGenerated(), expiryNoticeSent(), expiryNoticeFailed(), tokenRevoked()]);
    expect(view).toMatchObject({ status: 'revoked', revision: 3 });
  });

  it('advances only the revision for a leak report; the revoke that follows it records the revocation', () => {
    const view = project([tokenGenerated()]);
    expect(projectTokenView(view, tokenLeakReported(), 1)).toEqual({ ...view, revision: 1 });
    expect(project([tokenGenerated(), tokenLeakReported(), tokenRevoked({ reason: 'leaked' })])).toMatchObject({
      status: 'revoked',
      revision: 2,
    });
  });

  it('keeps the first terminal status and advances the revision past later events', () => {
    const revokedFirst = project([tokenGenerated(), tokenRevoked(), tokenExpired()]);
    expect(revokedFirst).toMatchObject({ status: 'revoked', expiredAt: null, revision: 2 });
    const expiredFirst = project([tokenGenerated(), tokenExpired(), tokenRevoked()]);
    expect(expiredFirst).toMatchObject({ status: 'expired', revokedAt: null, revokedBy: null, revision: 2 });
  });

  it('does not change the view it is given', () => {
    const view = project([tokenGenerated()]);
    const before = structuredClone(view);
    projectTokenView(view, tokenRevoked(), 1);
    projectTokenView(view, tokenExpired(), 1);
    expect(view).toEqual(before);
  });
});

describe('effectiveStatus', () => {
  const active = project([tokenGenerated()]);

  it('is active before expiresAt', () => {
    expect(effectiveStatus(active, new Date(EXPIRY.getTime() - 1))).toBe('active');
  });

  it('is expired from expiresAt on even when recorded active', () => {
    expect(active.status).toBe('active');
    expect(effectiveStatus(active, EXPIRY)).toBe('expired');
    expect(effectiveStatus(active, new Date(EXPIRY.getTime() + 60_000))).toBe('expired');
  });

  it('keeps a token without expiry active', () => {
    const never = project([tokenGenerated({ expiresAt: null })]);
    expect(effectiveStatus(never, new Date('2199-01-01T00:00:00Z'))).toBe('active');
  });

  it('keeps a recorded revoke or expiry as it is', () => {
    const revoked = project([tokenGenerated(), tokenRevoked()]);
    expect(effectiveStatus(revoked, new Date(EXPIRY.getTime() - 1))).toBe('revoked');
    expect(effectiveStatus(revoked, new Date(EXPIRY.getTime() + 1))).toBe('revoked');
    expect(effectiveStatus(project([tokenGenerated(), tokenExpired()]), EXPIRY)).toBe('expired');
  });

  it('is expired from expiresAt on when suspended, and suspended before', () => {
    const suspended = project([tokenGenerated(), tokenSuspended()]);
    expect(effectiveStatus(suspended, new Date(EXPIRY.getTime() - 1))).toBe('suspended');
    expect(effectiveStatus(suspended, EXPIRY)).toBe('expired');
  });

  it('keeps a rotated token rotated, past its overlap and its expiry', () => {
    expect(effectiveStatus(project([tokenGenerated(), tokenRotated()]), EXPIRY)).toBe('rotated');
  });

  it('lists the five statuses', () => {
    expect(TOKEN_STATUSES).toEqual(['active', 'suspended', 'revoked', 'expired', 'rotated']);
  });
});
