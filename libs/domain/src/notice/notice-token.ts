import type { RevocationNoticeState } from '../token/token.decider';
import { revocationNoticeCause, type TokenEvent } from '../token/token.events';
import { isLiveStatus } from '../token/token-view';

/** A token as the notifier needs it: who to tell, what about, and which notices it has had. */
export interface NoticeToken {
  tokenId: string;
  userId: string;
  ownerEmail: string | null;
  name: string;
  tokenHint: string;
  generatedAt: Date;
  expiresAt: Date | null;
  /** What has been recorded; a token past `expiresAt` counts as expired whatever this says. */
  status: 'active' | 'suspended' | 'revoked' | 'expired' | 'rotated';
  /** Thresholds of the notices claimed (ExpiryNoticeSent), in the order they were. */
  sent: readonly number[];
  /** Thresholds of the claimed notices that were not delivered (ExpiryNoticeFailed). */
  failed: readonly number[];
  /** The notice owed because the token was revoked for its owner, and since when. */
  revocationNotice: (RevocationNoticeState & { owedSince: Date }) | null;
}

/** The token a stream's events describe, oldest first; null when the stream holds no TokenGenerated. */
export function noticeTokenFrom(history: readonly TokenEvent[]): NoticeToken | null {
  return history.reduce<NoticeToken | null>(evolveNoticeToken, null);
}

function evolveNoticeToken(token: NoticeToken | null, event: TokenEvent): NoticeToken | null {
  if (event.type === 'TokenGenerated') {
    if (token !== null) return token;
    const data = event.data;
    return {
      tokenId: data.tokenId,
      userId: data.userId,
      ownerEmail: data.ownerEmail,
      name: data.name,
      tokenHint: data.tokenHint,
      generatedAt: new Date(data.generatedAt),
      expiresAt: data.expiresAt === null ? null : new Date(data.expiresAt),
      status: 'active',
      sent: [],
      failed: [],
      revocationNotice: null,
    };
  }
  if (token === null) return null;
  switch (event.type) {
    case 'TokenRevoked': {
      if (!isLiveStatus(token.status) && token.status !== 'rotated') return token;
      const cause = revocationNoticeCause(event.data.reason);
      const owedSince = new Date(event.data.revokedAt);
      return { ...token, status: 'revoked', revocationNotice: cause && { cause, status: 'owed', owedSince } };
    }
    case 'TokenExpired':
      return isLiveStatus(token.status) ? { ...token, status: 'expired' } : token;
    case 'TokenSuspended':
      return token.status === 'active' ? { ...token, status: 'suspended' } : token;
    case 'TokenReactivated':
      return token.status === 'suspended' ? { ...token, status: 'active' } : token;
    case 'ExpiryNoticeSent':
      return { ...token, sent: [...token.sent, event.data.thresholdDays] };
    case 'ExpiryNoticeFailed':
      return { ...token, failed: [...token.failed, event.data.thresholdDays] };
    case 'TokenRenamed':
      return { ...token, name: event.data.name };
    case 'TokenRotated':
      return isLiveStatus(token.status) ? { ...token, status: 'rotated' } : token;
    case 'TokenLeakReported':
    case 'TokenRateLimitChanged':
      return token;
    case 'RevocationNoticeSent':
      return token.revocationNotice === null
        ? token
        : { ...token, revocationNotice: { ...token.revocationNotice, status: 'claimed' } };
    case 'RevocationNoticeFailed':
      return token.revocationNotice === null
        ? token
        : { ...token, revocationNotice: { ...token.revocationNotice, status: 'failed' } };
  }
}
