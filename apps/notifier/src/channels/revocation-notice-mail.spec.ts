import type { RevocationNotice } from '@pat/domain';
import { composeRevocationNoticeMail } from './revocation-notice-mail';
import { webhookBody } from './webhook.channel';

const notice: RevocationNotice = {
  kind: 'revocation',
  noticeId: '0b0f5e4e-55c4-5a7e-9d5e-1f2e3d4c5b6a',
  tokenId: '9ae1e3b6-9bb6-4a74-824d-d0746b9581bd',
  userId: 'alice',
  ownerEmail: 'alice@example.com',
  name: 'CI deploy',
  tokenHint: 'pat_PuQi…lCg6',
  cause: 'leaked',
  revokedAt: new Date('2026-12-06T21:15:00.000Z'),
  idleDays: null,
  claimedAt: new Date('2026-12-06T21:15:00.020Z'),
};

describe('composeRevocationNoticeMail', () => {
  it('says in the subject which token was revoked and why', () => {
    expect(composeRevocationNoticeMail(notice, 'https://pat.example.com').subject).toBe(
      'Your personal access token "CI deploy" was revoked: it was reported as leaked',
    );
  });

  it.each(['text', 'html'] as const)('gives the name, hint, time of the report and the link in %s', (part) => {
    const body = composeRevocationNoticeMail(notice, 'https://pat.example.com/tokens')[part];
    expect(body).toContain('CI deploy');
    expect(body).toContain('pat_PuQi…lCg6');
    expect(body).toContain('2026-12-06T21:15:00.000Z');
    expect(body).toContain('Sunday, 6 December 2026 at 21:15 UTC');
    expect(body).toContain('https://pat.example.com/tokens');
    expect(body).toContain('leaked');
  });

  it('escapes the name in HTML', () => {
    const html = composeRevocationNoticeMail({ ...notice, name: '<img src=x onerror=alert(1)>' }, 'http://x').html;
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('composeRevocationNoticeMail of a token left unused', () => {
  const idle: RevocationNotice = { ...notice, cause: 'idle', idleDays: 90 };

  it('says for how long it was not used, in the subject and the body', () => {
    const mail = composeRevocationNoticeMail(idle, 'https://pat.example.com');
    expect(mail.subject).toBe('Your personal access token "CI deploy" was revoked: it was not used for 90 days');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('90 days');
      expect(body).toContain('2026-12-06T21:15:00.000Z');
      expect(body).toContain('pat_PuQi…lCg6');
      expect(body).not.toContain('leaked');
    }
  });

  it('says "for a long time" when the notifier does not know the setting', () => {
    expect(composeRevocationNoticeMail({ ...idle, idleDays: null }, 'http://x').subject).toContain(
      'it was not used for a long time',
    );
  });
});

describe('webhookBody of a revocation notice', () => {
  it('is token.revoked with the token fields, the reason and the time, and nothing else', () => {
    expect(JSON.parse(webhookBody(notice))).toEqual({
      event: 'token.revoked',
      tokenId: notice.tokenId,
      userId: 'alice',
      name: 'CI deploy',
      tokenHint: 'pat_PuQi…lCg6',
      reason: 'leaked',
      revokedAt: '2026-12-06T21:15:00.000Z',
    });
    expect(JSON.parse(webhookBody({ ...notice, cause: 'idle', idleDays: 90 }))).toMatchObject({ reason: 'idle' });
  });
});
