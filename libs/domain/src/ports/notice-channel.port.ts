import type { NoticeChannelName } from '../notice/notice-delivery';
import { channelErrorMessage, type NoticeChannelErrorCode } from '../notice/notice-failure-detail';
import type { RevocationNoticeCause } from '../token/token.events';

/** What every notice tells its recipient. Never the token, never its digest. */
interface NoticeAboutToken {
  /** Stable per notice (the id of its claim: ExpiryNoticeSent or RevocationNoticeSent), for receivers to drop repeats. */
  noticeId: string;
  tokenId: string;
  userId: string;
  ownerEmail: string | null;
  name: string;
  tokenHint: string;
  claimedAt: Date;
}

/** The token expires in `thresholdDays`. */
export interface ExpiryNotice extends NoticeAboutToken {
  kind: 'expiry';
  expiresAt: Date;
  thresholdDays: number;
  /** When the token was last used: null if never, absent when the usage store did not say. */
  lastUsedAt?: Date | null;
}

/** The token was revoked for its owner at `revokedAt`: its secret was reported leaked, or it was left unused. */
export interface RevocationNotice extends NoticeAboutToken {
  kind: 'revocation';
  cause: RevocationNoticeCause;
  revokedAt: Date;
  /** For `idle`: the unused days after which tokens are revoked (`TOKEN_IDLE_REVOKE_DAYS`), when known. */
  idleDays: number | null;
}

export type OwnerNotice = ExpiryNotice | RevocationNotice;

/** A way to deliver notices: SMTP, the outbox directory, a webhook. */
export interface NoticeChannel {
  readonly name: NoticeChannelName;
  /** Whether this channel can reach the token's owner (mail needs an address). */
  reaches(ownerEmail: string | null): boolean;
  /** Resolves once the channel has accepted the notice; rejects (with a NoticeChannelError) when it has not. */
  deliver(notice: OwnerNotice): Promise<void>;
  close(): Promise<void>;
}

/**
 * Why a channel did not accept a notice: a stable code for the audit trail, and the error of
 * the library or server underneath as `cause`, for the notifier's log only.
 */
export class NoticeChannelError extends Error {
  constructor(
    readonly code: NoticeChannelErrorCode,
    cause?: unknown,
  ) {
    super(channelErrorMessage(code) ?? code, { cause });
    this.name = 'NoticeChannelError';
  }
}

export const NOTICE_CHANNELS = Symbol('NoticeChannels');
