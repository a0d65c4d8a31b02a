import type { ExpiryNoticeFailureReason } from '../token/token.events';

/**
 * Why a channel did not accept a notice, as the audit trail records it: a stable code and one
 * fixed sentence per code. A channel's own error text never goes into an event: it can name a
 * URL, an address, a host, a server's banner or the recipient (it goes to the notifier's log).
 */
const CHANNEL_ERROR_MESSAGES = {
  smtp_unreachable: 'the mail server could not be reached',
  smtp_timeout: 'the mail server did not answer in time',
  smtp_tls_error: 'the TLS connection to the mail server failed',
  smtp_auth_failed: 'the mail server refused to authenticate the notifier',
  smtp_refused: 'the mail server refused the message',
  smtp_error: 'the mail server could not take the message',
  webhook_unreachable: 'the webhook receiver could not be reached',
  webhook_timeout: 'the webhook receiver did not answer in time',
  webhook_tls_error: 'the TLS connection to the webhook receiver failed',
  webhook_error: 'the webhook request failed',
  outbox_write_failed: 'the notice could not be written to the outbox',
  invalid_recipient: "the owner's recorded email is not one plain address",
  channel_not_configured: 'the channel is not configured in the notifier that delivered the notice',
  channel_error: 'the channel could not take the notice',
} as const;

/** `webhook_status_<code>`: the receiver answered with that HTTP status, not a 2xx (a redirect is not followed). */
type WebhookStatusCode = `webhook_status_${number}`;
export type NoticeChannelErrorCode = keyof typeof CHANNEL_ERROR_MESSAGES | WebhookStatusCode;

/** The code of each channel that did not accept the notice, by channel name. */
export type NoticeChannelErrorCodes = Record<string, NoticeChannelErrorCode>;

const WEBHOOK_STATUS = /^webhook_status_([1-5]\d\d)$/;

export const webhookStatusCode = (status: number): NoticeChannelErrorCode => `webhook_status_${status}`;

/** The fixed sentence of a code, or null when it is not one. */
export function channelErrorMessage(code: string): string | null {
  const status = WEBHOOK_STATUS.exec(code)?.[1];
  if (status !== undefined) return `the webhook receiver answered HTTP ${status}`;
  return Object.hasOwn(CHANNEL_ERROR_MESSAGES, code)
    ? CHANNEL_ERROR_MESSAGES[code as keyof typeof CHANNEL_ERROR_MESSAGES]
    : null;
}

const SEPARATOR = '; ';
const NO_CHANNEL_REACHES = 'no channel reaches the owner';
const DELIVERED_ONLY_BY = 'delivered only by ';
const CHANNEL_NAMES = /^[a-z]+(?:\+[a-z]+)*$/;
const CHANNEL_SEGMENT = /^([a-z]+): .+ \(([a-z0-9_]+)\)$/;

/** Shown in place of a detail that is not made of the sentences above (one recorded before them). */
export const WITHHELD_DETAIL = "the delivery error is not shown here: it is in the notifier's log";

/** `webhook: the webhook receiver answered HTTP 500 (webhook_status_500)`. */
const channelSegment = (channel: string, code: NoticeChannelErrorCode): string =>
  `${channel}: ${channelErrorMessage(code) ?? CHANNEL_ERROR_MESSAGES.webhook_error} (${code})`;

/** The failed channels in fixed sentences: `email: … (smtp_timeout); webhook: … (webhook_status_500)`. */
export function channelFailureDetail(errorCodes: NoticeChannelErrorCodes): string {
  return Object.entries(errorCodes)
    .map(([channel, code]) => channelSegment(channel, code))
    .join(SEPARATOR);
}

/**
 * The `detail` of ExpiryNoticeFailed, made only of channel names and fixed sentences: the
 * failed channels' codes (delivery_failed), that no channel reaches the owner (no_recipient),
 * or which channels had delivered a notice that is no longer sent (its other reasons).
 */
export function noticeFailureDetail(
  reason: ExpiryNoticeFailureReason,
  errorCodes: NoticeChannelErrorCodes,
  deliveredBy: readonly string[],
): string | null {
  if (reason === 'no_recipient') return NO_CHANNEL_REACHES;
  if (reason === 'delivery_failed') return channelFailureDetail(errorCodes) || null;
  return deliveredBy.length > 0 ? `${DELIVERED_ONLY_BY}${deliveredBy.join('+')}` : null;
}

/**
 * A recorded `detail` as it may be shown: as it is when every part of it is one that
 * `noticeFailureDetail` writes, else WITHHELD_DETAIL. Events recorded before error codes
 * carry a channel's raw error text, which may hold URLs, addresses or credentials.
 */
export function shownNoticeFailureDetail(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  if (typeof detail !== 'string') return WITHHELD_DETAIL;
  return detail.split(SEPARATOR).every(isWrittenSegment) ? detail : WITHHELD_DETAIL;
}

function isWrittenSegment(segment: string): boolean {
  if (segment === NO_CHANNEL_REACHES) return true;
  if (segment.startsWith(DELIVERED_ONLY_BY)) return CHANNEL_NAMES.test(segment.slice(DELIVERED_ONLY_BY.length));
  const [, channel, code] = CHANNEL_SEGMENT.exec(segment) ?? [];
  return (
    channel !== undefined &&
    code !== undefined &&
    channelErrorMessage(code) !== null &&
    segment === channelSegment(channel, code as NoticeChannelErrorCode)
  );
}
