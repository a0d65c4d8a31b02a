import type { ExpiryNotice, NoticeChannel } from '@pat/domain';
import { webhookSignature } from './webhook-signature';

export interface WebhookSettings {
  url: string;
  secret: string;
  timeoutMs: number;
}

/** The JSON body of a webhook notice, exactly the contract's fields. */
export function webhookBody(notice: ExpiryNotice): string {
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
 * is acceptance. `X-Notice-Id` is stable per notice, for receivers to drop a repeat.
 */
export class WebhookChannel implements NoticeChannel {
  readonly name = 'webhook';

  constructor(private readonly settings: WebhookSettings) {}

  reaches(): boolean {
    return true;
  }

  async deliver(notice: ExpiryNotice): Promise<void> {
    const body = webhookBody(notice);
    const response = await fetch(this.settings.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'pat-notifier',
        'x-signature': webhookSignature(body, this.settings.secret),
        'x-notice-id': notice.noticeId,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`The webhook answered ${response.status}`);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
