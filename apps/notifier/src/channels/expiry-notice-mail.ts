import type { ExpiryNotice } from '@pat/domain';
import { escapeHtml, inDays, noticeMail, utcInWords, type NoticeMail } from './notice-mail-parts';

/** The page's Rotate dialog of one token: the notice's link, for a person to act on it at once. */
export function rotateLink(appUrl: string, tokenId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/settings/tokens?rotate=${encodeURIComponent(tokenId)}`;
}

/**
 * The mail of an expiry notice, as text and as HTML: the token's name, hint and expiry (in UTC,
 * ISO-8601 and words), when it was last used (or that it never was), and a link to rotate it on
 * the page. It can carry neither the token nor its digest: an ExpiryNotice has neither.
 */
export function composeExpiryNoticeMail(notice: ExpiryNotice, appUrl: string): NoticeMail {
  const left = inDays(notice.thresholdDays);
  const iso = notice.expiresAt.toISOString();
  const words = utcInWords(notice.expiresAt);
  const name = escapeHtml(notice.name);
  const use = lastUse(notice);
  return noticeMail(
    `Your personal access token "${notice.name}" expires in ${left}`,
    rotateLink(appUrl, notice.tokenId),
    {
      text: [
        `your personal access token "${notice.name}" (${notice.tokenHint}) expires in ${left},`,
        `on ${words} (${iso}).`,
        ...(use === null ? [] : ['', use.text]),
        '',
        'From then on every request made with it is refused. If you still need it, rotate it: a new',
        'secret with the same name, scopes and lifetime, to put in place of this one wherever it is used:',
      ],
      html: [
        `<p>your personal access token <strong>&quot;${name}&quot;</strong> (<code>${escapeHtml(notice.tokenHint)}</code>)`,
        `expires in <strong>${left}</strong>, on ${words}`,
        `(<time datetime="${iso}">${iso}</time>).</p>`,
        ...(use === null ? [] : [`<p>${use.html}</p>`]),
        '<p>From then on every request made with it is refused. If you still need it, rotate it: a new secret',
        'with the same name, scopes and lifetime, to put in place of this one wherever it is used:</p>',
      ],
    },
  );
}

/** What the mail says of the token's last use; nothing when it is not known. */
function lastUse(notice: ExpiryNotice): { text: string; html: string } | null {
  if (notice.lastUsedAt === undefined) return null;
  if (notice.lastUsedAt === null) {
    const never = 'It has never been used: if nobody needs it, let it expire.';
    return { text: never, html: never };
  }
  const iso = notice.lastUsedAt.toISOString();
  const words = utcInWords(notice.lastUsedAt);
  return {
    text: `It was last used on ${words} (${iso}).`,
    html: `It was last used on ${words} (<time datetime="${iso}">${iso}</time>).`,
  };
}
