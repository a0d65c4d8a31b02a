import type { ExpiryNotice } from '@pat/domain';

export interface ExpiryNoticeMail {
  subject: string;
  text: string;
  html: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `7 days`, `1 day`. */
export const inDays = (days: number): string => `${days} ${days === 1 ? 'day' : 'days'}`;

/** The instant in words, in UTC and independent of the ICU data: `Friday, 4 December 2026 at 22:50 UTC`. */
export function utcInWords(at: Date): string {
  const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return `${WEEKDAYS[at.getUTCDay()]}, ${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} at ${time} UTC`;
}

/**
 * The mail of an expiry notice, as text and as HTML: the token's name, hint and expiry (in UTC,
 * ISO-8601 and words) and a link to the app. It can carry neither the token nor its digest:
 * an ExpiryNotice has neither.
 */
export function composeExpiryNoticeMail(notice: ExpiryNotice, appUrl: string): ExpiryNoticeMail {
  const left = inDays(notice.thresholdDays);
  const iso = notice.expiresAt.toISOString();
  const words = utcInWords(notice.expiresAt);
  const subject = `Your personal access token "${notice.name}" expires in ${left}`;
  const text = [
    'Hello,',
    '',
    `your personal access token "${notice.name}" (${notice.tokenHint}) expires in ${left},`,
    `on ${words} (${iso}).`,
    '',
    'From then on every request made with it is refused. If you still need it, generate a new',
    'token and put it in place of this one wherever it is used:',
    '',
    appUrl,
    '',
    'You receive this mail because you own this token.',
    '',
  ].join('\r\n');
  const name = escapeHtml(notice.name);
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    '<p>Hello,</p>',
    `<p>your personal access token <strong>&quot;${name}&quot;</strong> (<code>${escapeHtml(notice.tokenHint)}</code>)`,
    `expires in <strong>${left}</strong>, on ${words}`,
    `(<time datetime="${iso}">${iso}</time>).</p>`,
    '<p>From then on every request made with it is refused. If you still need it, generate a new token',
    'and put it in place of this one wherever it is used:</p>',
    `<p><a href="${escapeHtml(appUrl)}">${escapeHtml(appUrl)}</a></p>`,
    '<p>You receive this mail because you own this token.</p>',
    '</body></html>',
    '',
  ].join('\r\n');
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
