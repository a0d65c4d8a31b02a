import type { RevocationNotice } from '@pat/domain';
import { escapeHtml, inDays, noticeMail, utcInWords, type NoticeMail } from './notice-mail-parts';

/**
 * The mail telling the owner that their token was revoked without their asking: because its
 * secret was reported as leaked, or because it was left unused. When, what it means, what to do,
 * and a link to the app. Like every notice, it carries neither the token nor its digest.
 */
export function composeRevocationNoticeMail(notice: RevocationNotice, appUrl: string): NoticeMail {
  const iso = notice.revokedAt.toISOString();
  const when = `${utcInWords(notice.revokedAt)} (${iso})`;
  const whenHtml = `${utcInWords(notice.revokedAt)} (<time datetime="${iso}">${iso}</time>)`;
  const name = { text: `"${notice.name}" (${notice.tokenHint})`, html: tokenNameHtml(notice) };
  if (notice.cause === 'idle') {
    const unused = notice.idleDays === null ? 'for a long time' : `for ${inDays(notice.idleDays)}`;
    return noticeMail(`Your personal access token "${notice.name}" was revoked: it was not used ${unused}`, appUrl, {
      text: [
        `your personal access token ${name.text} was not used ${unused},`,
        `so it was revoked on ${when}.`,
        '',
        'A token nobody uses is only a risk. If you need one again, generate a new token:',
      ],
      html: [
        `<p>your personal access token ${name.html} was not used <strong>${unused}</strong>,`,
        `so it was revoked on ${whenHtml}.</p>`,
        '<p>A token nobody uses is only a risk. If you need one again, generate a new token:</p>',
      ],
    });
  }
  return noticeMail(`Your personal access token "${notice.name}" was revoked: it was reported as leaked`, appUrl, {
    text: [
      `your personal access token ${name.text} was found where others can see it`,
      `and reported as leaked, so it was revoked on ${when}.`,
      '',
      'Every request made with it is refused from then on. Remove it from where it was published,',
      'and, if you still need a token there, generate a new one and keep it out of sight:',
    ],
    html: [
      `<p>your personal access token ${name.html} was found where others can see it and reported as`,
      `<strong>leaked</strong>, so it was revoked on ${whenHtml}.</p>`,
      '<p>Every request made with it is refused from then on. Remove it from where it was published, and,',
      'if you still need a token there, generate a new one and keep it out of sight:</p>',
    ],
  });
}

const tokenNameHtml = (notice: RevocationNotice): string =>
  `<strong>&quot;${escapeHtml(notice.name)}&quot;</strong> (<code>${escapeHtml(notice.tokenHint)}</code>)`;
