import { DAY_MS } from '../token/token-expiry';
import {
  expiryNoticeSent,
  revocationNoticeFailed,
  revocationNoticeSent,
  tokenExpired,
  tokenGenerated,
  tokenLeakReported,
  tokenRevoked,
  tokenRotated,
} from '../token/testing/token-events';
import type { TokenEvent } from '../token/token.events';
import { deliveryVerdict } from './notice-decision';
import { noticeTokenFrom, type NoticeToken } from './notice-token';

const EXPIRY = new Date('2026-03-31T12:00:00.000Z').getTime();
const generated = tokenGenerated({
  generatedAt: '2026-03-01T12:00:00.000Z',
  expiresAt: new Date(EXPIRY).toISOString(),
});
const tokenOf = (...events: TokenEvent[]): NoticeToken => {
  const token = noticeTokenFrom([generated, ...events]);
  if (token === null) throw new Error('no token');
  return token;
};
const at = (ms: number): Date => new Date(ms);

describe('deliveryVerdict of a claimed notice', () => {
  it('delivers the 7-day notice while it is the tightest one due', () => {
    const token = tokenOf(expiryNoticeSent({ thresholdDays: 7 }));
    expect(deliveryVerdict(token, 7, [7, 1], at(EXPIRY - 7 * DAY_MS))).toBe('deliver');
    expect(deliveryVerdict(token, 7, [7, 1], at(EXPIRY - DAY_MS - 1))).toBe('deliver');
  });

  it('drops it once the 1-day notice is due or sent', () => {
    const token = tokenOf(expiryNoticeSent({ thresholdDays: 7 }));
    expect(deliveryVerdict(token, 7, [7, 1], at(EXPIRY - DAY_MS))).toBe('superseded');
    const tighterSent = tokenOf(expiryNoticeSent({ thresholdDays: 7 }), expiryNoticeSent({ thresholdDays: 1 }));
    expect(deliveryVerdict(tighterSent, 7, [7, 1], at(EXPIRY - 2 * DAY_MS))).toBe('superseded');
  });

  it('drops it for a revoked or expired token', () => {
    const sent = expiryNoticeSent({ thresholdDays: 1 });
    expect(deliveryVerdict(tokenOf(sent, tokenRevoked()), 1, [7, 1], at(EXPIRY - DAY_MS))).toBe('token_revoked');
    expect(deliveryVerdict(tokenOf(sent, tokenExpired()), 1, [7, 1], at(EXPIRY - DAY_MS))).toBe('token_expired');
    expect(deliveryVerdict(tokenOf(sent), 1, [7, 1], at(EXPIRY))).toBe('token_expired');
  });

  it('drops it for a rotated token: its successor is the one to hear about expiry', () => {
    const sent = expiryNoticeSent({ thresholdDays: 1 });
    expect(deliveryVerdict(tokenOf(sent, tokenRotated()), 1, [7, 1], at(EXPIRY - DAY_MS))).toBe('token_rotated');
  });
});

describe('noticeTokenFrom', () => {
  it('reads who to tell and what about from TokenGenerated, and the notices from the rest', () => {
    const token = tokenOf(expiryNoticeSent({ thresholdDays: 7 }), tokenRevoked(), tokenExpired());
    expect(token).toEqual({
      tokenId: generated.data.tokenId,
      userId: 'alice',
      ownerEmail: 'alice@example.com',
      name: 'CI deploy',
      tokenHint: 'pat_0123…dE1x',
      generatedAt: new Date('2026-03-01T12:00:00.000Z'),
      expiresAt: new Date(EXPIRY),
      status: 'revoked',
      sent: [7],
      failed: [],
      revocationNotice: null,
    });
    expect(token).not.toHaveProperty('tokenDigest');
  });

  it('owes the revocation notice from a revoke as leaked on, until it is claimed and while it is delivered', () => {
    const revoked = tokenRevoked({ revokedAt: '2026-03-15T00:00:00.000Z', reason: 'leaked' });
    const owed = { cause: 'leaked', owedSince: new Date('2026-03-15T00:00:00.000Z') };
    expect(tokenOf(tokenLeakReported(), revoked).revocationNotice).toEqual({ ...owed, status: 'owed' });
    expect(tokenOf(revoked, revocationNoticeSent()).revocationNotice).toEqual({ ...owed, status: 'claimed' });
    expect(tokenOf(revoked, revocationNoticeSent(), revocationNoticeFailed()).revocationNotice).toEqual({
      ...owed,
      status: 'failed',
    });
    expect(tokenOf(tokenRevoked()).revocationNotice).toBeNull();
  });

  it('is null without TokenGenerated', () => {
    expect(noticeTokenFrom([tokenRevoked()])).toBeNull();
  });
});
