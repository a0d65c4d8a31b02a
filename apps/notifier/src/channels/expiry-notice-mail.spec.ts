import type { ExpiryNotice } from '@pat/domain';
import { composeExpiryNoticeMail } from './expiry-notice-mail';
import { inDays, utcInWords } from './notice-mail-parts';

const notice: ExpiryNotice = {
  kind: 'expiry',
  noticeId: '6e525906-ce95-5291-a2f0-3a50b62c2d9a',
  tokenId: '9ae1e3b6-9bb6-4a74-824d-d0746b9581bd',
  userId: 'alice',
  ownerEmail: 'alice@example.com',
  name: 'CI deploy',
  tokenHint: 'pat_PuQi…lCg6',
  expiresAt: new Date('2026-12-04T23:41:23.377Z'),
  thresholdDays: 7,
  claimedAt: new Date('2026-11-27T23:41:23.379Z'),
};

describe('composeExpiryNoticeMail', () => {
  it('names the token and the days left in the subject, singular for one day', () => {
    expect(composeExpiryNoticeMail(notice, 'https://pat.example.com').subject).toBe(
      'Your personal access token "CI deploy" expires in 7 days',
    );
    expect(composeExpiryNoticeMail({ ...notice, thresholdDays: 1 }, 'https://pat.example.com').subject).toBe(
      'Your personal access token "CI deploy" expires in 1 day',
    );
  });

  it.each(['text', 'html'] as const)('gives the name, hint, expiry (ISO and words) and the link in %s', (part) => {
    const body = composeExpiryNoticeMail(notice, 'https://pat.example.com/tokens')[part];
    expect(body).toContain('CI deploy');
    expect(body).toContain('pat_PuQi…lCg6');
    expect(body).toContain('2026-12-04T23:41:23.377Z');
    expect(body).toContain('Friday, 4 December 2026 at 23:41 UTC');
    expect(body).toContain('https://pat.example.com/tokens');
    expect(body).toContain('expires in 7 days');
  });

  it('links to the Rotate dialog of the token on the page', () => {
    const mail = composeExpiryNoticeMail(notice, 'https://pat.example.com/');
    const link = `https://pat.example.com/settings/tokens?rotate=${notice.tokenId}`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`<a href="${link}">`);
    expect(mail.text).toContain('rotate it');
  });

  it('says when the token was last used, or that it never was, and nothing when that is not known', () => {
    const used = composeExpiryNoticeMail({ ...notice, lastUsedAt: new Date('2026-11-20T08:15:00.000Z') }, 'http://x');
    for (const body of [used.text, used.html]) {
      expect(body).toContain('It was last used on Friday, 20 November 2026 at 08:15 UTC');
      expect(body).toContain('2026-11-20T08:15:00.000Z');
    }
    const never = composeExpiryNoticeMail({ ...notice, lastUsedAt: null }, 'http://x');
    expect(never.text).toContain('It has never been used');
    const unknown = composeExpiryNoticeMail(notice, 'http://x');
    expect(unknown.text).not.toMatch(/last used|never been used/);
  });

  it('escapes the name in HTML', () => {
    const html = composeExpiryNoticeMail({ ...notice, name: '<script>alert("x")</script> & co' }, 'http://x').html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });
});

describe('utcInWords and inDays', () => {
  it('writes the instant in UTC, whatever the local zone', () => {
    expect(utcInWords(new Date('2027-01-01T00:05:59.999Z'))).toBe('Friday, 1 January 2027 at 00:05 UTC');
    expect(utcInWords(new Date('2026-02-28T23:59:00+02:00'))).toBe('Saturday, 28 February 2026 at 21:59 UTC');
  });

  it('counts days in words', () => {
    expect([inDays(1), inDays(2), inDays(14)]).toEqual(['1 day', '2 days', '14 days']);
  });
});
