/** A notice as mail: its subject, and its body as text and as HTML. */
export interface NoticeMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * A notice's mail: its own lines (`html` already escaped) between the greeting and a link (to
 * the app, or to an action on its page), followed by why the owner receives it; lines end in
 * CRLF, as mail wants.
 */
export function noticeMail(subject: string, link: string, body: { text: string[]; html: string[] }): NoticeMail {
  const footer = 'You receive this mail because you own this token.';
  const text = ['Hello,', '', ...body.text, '', link, '', footer, ''].join('\r\n');
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    '<p>Hello,</p>',
    ...body.html,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    `<p>${footer}</p>`,
    '</body></html>',
    '',
  ].join('\r\n');
  return { subject, text, html };
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

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
