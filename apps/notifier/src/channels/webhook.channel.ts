import { NoticeChannelError, webhookStatusCode, type NoticeChannel, type OwnerNotice } from '@pat/domain';
import { fetchErrorCode } from './channel-error-codes';
import { webhookSignature } from './webhook-signature';

export interface WebhookSettings {
  /** `NOTIFY_WEBHOOK_URL`: never with credentials in it (the configuration refuses them). */
  url: string;
  secret: string;
  /** `NOTIFY_WEBHOOK_AUTHORIZATION`, sent as the `Authorization` header, or null. */
  authorization: string | null;
  timeoutMs: number;
  /**
   * The time signed into `X-Signature`. The receiver holds it against its own clock, so this is
   * the wall clock, not the notifier's (simulated in tests) notice clock.
   */
  now?: () => Date;
}

/**
 * The JSON body of a webhook notice: an expiry notice with exactly the contract's fields; a
 * revocation notice as `token.revoked` with the same token fields, `reason` and `revokedAt`.
 */
export function webhookBody(notice: OwnerNotice): string {
  if (notice.kind === 'revocation') {
    return JSON.stringify({
      event: 'token.revoked',
      tokenId: notice.tokenId,
      userId: notice.userId,
      name: notice.name,
      tokenHint: notice.tokenHint,
      reason: notice.cause,
      revokedAt: notice.revokedAt.toISOString(),
    });
  }
  return JSON.stringify({
    event: 'token.expiry_notice',
    tokenId: notice.tokenId,
    userId: notice.userId,
    name: notice.name,
    tokenHint: notice.tokenHint,
    expiresAt: notice.expiresAt.toISOString(),
    thresholdDays: notice.thresholdDays,
  });
}

/**
 * POSTs each notice to `NOTIFY_WEBHOOK_URL`, signed with `NOTIFY_WEBHOOK_SECRET`. A 2xx answer
 * is acceptance; a redirect is not followed. `X-Notice-Id` is stable per notice, for receivers
 * to drop a repeat.
 */
export class WebhookChannel implements NoticeChannel {
  readonly name = 'webhook';

  constructor(private readonly settings: WebhookSettings) {}

  reaches(): boolean {
    return true;
  }

  async deliver(notice: OwnerNotice): Promise<void> {
    const body = webhookBody(notice);
    const { url, secret, authorization, timeoutMs, now = () => new Date() } = this.settings;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'pat-notifier',
        'x-signature': webhookSignature(body, secret, now()),
        'x-notice-id': notice.noticeId,
        ...(authorization === null ? {} : { authorization }),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: unknown) => {
      throw new NoticeChannelError(fetchErrorCode(error), error);
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      throw new NoticeChannelError(
        webhookStatusCode(response.status),
        new Error(`The webhook answered ${response.status}`),
      );
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
