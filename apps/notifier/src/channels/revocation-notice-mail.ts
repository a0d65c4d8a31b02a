import type { RevocationNotice } from '@pat/domain';
import { escapeHtml, noticeMail, utcInWords, type NoticeMail } from './notice-mail-parts';

/**
 * The mail telling the owner that their token was revoked because its secret was reported as
 * leaked: when, what it means, what to do, and a link to the app. Like every notice, it carries
 * neither the token nor its digest.
 */
export function composeRevocationNoticeMail(notice: RevocationNotice, appUrl: string): NoticeMail {
  const iso = notice.revokedAt.toISOString();
  const words = utcInWords(notice.revokedAt);
  return noticeMail(`Your personal access token "${notice.name}" was revoked: it was reported as leaked`, appUrl, {
    text: [
      `your personal access token "${notice.name}" (${notice.tokenHint}) was found where others can see it`,
      `and reported as leaked, so it was revoked on ${words} (${iso}).`,
      '',
      'Every request made with it is refused from then on. Remove it from where it was published,',
      'and, if you still need a token there, generate a new one and keep it out of sight:',
    ],
    html: [
      `<p>your personal access token <strong>&quot;${escapeHtml(notice.name)}&quot;</strong>`,
      `(<code>${escapeHtml(notice.tokenHint)}</code>) was found where others can see it and reported as`,
      `<strong>leaked</strong>, so it was revoked on ${words} (<time datetime="${iso}">${iso}</time>).</p>`,
      '<p>Every request made with it is refused from then on. Remove it from where it was published, and,',
      'if you still need a token there, generate a new one and keep it out of sight:</p>',
    ],
  });
}
