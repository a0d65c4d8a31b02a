import type { NoticeChannelName } from '../notice/notice-delivery';

/** What a notice tells its recipient. Never the token, never its digest. */
export interface ExpiryNotice {
  /** Stable per notice (the id of its ExpiryNoticeSent), for receivers to drop repeats. */
  noticeId: string;
  tokenId: string;
  userId: string;
  ownerEmail: string | null;
  name: string;
  tokenHint: string;
  expiresAt: Date;
  thresholdDays: number;
  claimedAt: Date;
}

/** A way to deliver notices: SMTP, the outbox directory, a webhook. */
export interface NoticeChannel {
  readonly name: NoticeChannelName;
  /** Whether this channel can reach the token's owner (mail needs an address). */
  reaches(ownerEmail: string | null): boolean;
  /** Resolves once the channel has accepted the notice; rejects when it has not. */
  deliver(notice: ExpiryNotice): Promise<void>;
  close(): Promise<void>;
}

export const NOTICE_CHANNELS = Symbol('NoticeChannels');
