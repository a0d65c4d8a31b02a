import type { ExpiryNotice } from '@pat/domain';
import { escapeHtml, inDays, noticeMail, utcInWords, type NoticeMail } from './notice-mail-parts';

/**
 * The mail of an expiry notice, as text and as HTML: the token's name, hint and expiry (in UTC,
 * ISO-8601 and words) and a link to the app. It can carry neither the token nor its digest:
 * an ExpiryNotice has neither.
 */
export function composeExpiryNoticeMail(notice: ExpiryNotice, appUrl: string): NoticeMail {
  const left = inDays(notice.thresholdDays);
  const iso = notice.expiresAt.toISOString();
  const words = utcInWords(notice.expiresAt);
  const name = escapeHtml(notice.name);
  return noticeMail(`Your personal access token "${notice.name}" expires in ${left}`, appUrl, {
    text: [
      `your personal access token "${notice.name}" (${notice.tokenHint}) expires in ${left},`,
      `on ${words} (${iso}).`,
      '',
      'From then on every request made with it is refused. If you still need it, generate a new',
      'token and put it in place of this one wherever it is used:',
    ],
    html: [
      `<p>your personal access token <strong>&quot;${name}&quot;</strong> (<code>${escapeHtml(notice.tokenHint)}</code>)`,
      `expires in <strong>${left}</strong>, on ${words}`,
      `(<time datetime="${iso}">${iso}</time>).</p>`,
      '<p>From then on every request made with it is refused. If you still need it, generate a new token',
      'and put it in place of this one wherever it is used:</p>',
    ],
  });
}
