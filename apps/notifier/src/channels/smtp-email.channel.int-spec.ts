import { NoticeChannelError, type ExpiryNotice } from '@pat/domain';
import { startSmtpSink, type SmtpSink } from '../../../../test/support/smtp-sink';
import { SmtpEmailChannel, type SmtpSettings } from './smtp-email.channel';

const DIGEST = 'f'.repeat(64);
const TOKEN = 'pat_PuQig58LFQ87HyXacN1fsRTzjD4WjLSNok7cAGij1HlCg6';

const notice: ExpiryNotice = {
  kind: 'expiry',
  noticeId: '6e525906-ce95-5291-a2f0-3a50b62c2d9a',
  tokenId: '9ae1e3b6-9bb6-4a74-824d-d0746b9581bd',
  userId: 'alice',
  ownerEmail: 'alice@example.com',
  name: 'Déploiement CI',
  tokenHint: 'pat_PuQi…lCg6',
  expiresAt: new Date('2026-12-04T23:41:23.377Z'),
  thresholdDays: 1,
  claimedAt: new Date('2026-12-03T23:41:23.380Z'),
};

describe('SMTP channel against a real SMTP server', () => {
  let sink: SmtpSink;
  let channel: SmtpEmailChannel;

  beforeEach(async () => {
    sink = await startSmtpSink();
    channel = new SmtpEmailChannel({
      url: sink.url,
      from: 'Tokens <tokens@pat.example.com>',
      appUrl: 'https://pat.example.com',
      auth: null,
      timeoutMs: 5000,
    });
  });

  afterEach(async () => {
    await channel.close();
    await sink.close();
  });

  it('sends the owner a mail with subject, text and HTML parts, and never the token or its digest', async () => {
    await channel.deliver(notice);

    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail.from).toBe('tokens@pat.example.com');
    expect(mail.recipients).toEqual(['alice@example.com']);
    const { headers, parts, raw } = mail.message;
    expect(headers.get('subject')).toBe('Your personal access token "Déploiement CI" expires in 1 day');
    expect(headers.get('to')).toBe('alice@example.com');
    expect(headers.get('message-id')).toBe(`<${notice.noticeId}@pat.example.com>`);
    expect([...parts.keys()].sort()).toEqual(['text/html', 'text/plain']);
    for (const body of parts.values()) {
      expect(body).toContain('Déploiement CI');
      expect(body).toContain('pat_PuQi…lCg6');
      expect(body).toContain('2026-12-04T23:41:23.377Z');
      expect(body).toContain('Friday, 4 December 2026 at 23:41 UTC');
      expect(body).toContain('https://pat.example.com');
    }
    expect(parts.get('text/html')).toContain(
      `<a href="https://pat.example.com/settings/tokens?rotate=${notice.tokenId}">`,
    );
    for (const secret of [TOKEN, TOKEN.slice(4), DIGEST]) expect(raw).not.toContain(secret);
  });

  it('fails the delivery when the server refuses the message: smtp_refused, the reply only as the cause', async () => {
    sink.refuseNext(1, 'relay-7.mail.internal [10.20.30.40] greylisted');
    const failure = await channel.deliver(notice).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NoticeChannelError);
    expect(failure).toMatchObject({ code: 'smtp_refused', message: 'the mail server refused the message' });
    expect(String((failure as Error).cause)).toMatch(/451 relay-7\.mail\.internal \[10\.20\.30\.40\]/);
    expect(sink.received).toHaveLength(0);
  });

  it('fails the delivery when no server listens', async () => {
    const port = Number(new URL(sink.url).port);
    await sink.close();
    const orphan = new SmtpEmailChannel({
      url: `smtp://127.0.0.1:${port}`,
      from: 'tokens@pat.example.com',
      appUrl: 'https://pat.example.com',
      auth: null,
      timeoutMs: 2000,
    });
    await expect(orphan.deliver(notice)).rejects.toMatchObject({ code: 'smtp_unreachable' });
    await orphan.close();
    sink = await startSmtpSink();
  });

  it('does not reach an owner without an address', () => {
    expect(channel.reaches(null)).toBe(false);
    expect(channel.reaches('bob@example.com')).toBe(true);
  });

  it.each([
    ['a list', 'alice@example.com, b@y.io, "Evil" <e@z.io>'],
    ['a header break', 'alice@example.com\r\nBcc: e@z.io'],
  ])('neither reaches nor mails an owner whose recorded address is %s', async (_, ownerEmail) => {
    expect(channel.reaches(ownerEmail)).toBe(false);
    await expect(channel.deliver({ ...notice, ownerEmail })).rejects.toMatchObject({ code: 'invalid_recipient' });
    expect(sink.received).toHaveLength(0);
  });
});

describe('SMTP channel against a real SMTP server that requires AUTH', () => {
  const credentials = { user: 'pat-notifier', pass: 'short pw' };
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink({ auth: credentials });
  });

  afterEach(() => sink.close());

  const channelWith = (auth: SmtpSettings['auth']): SmtpEmailChannel =>
    new SmtpEmailChannel({
      url: sink.url,
      from: 'tokens@pat.example.com',
      appUrl: 'https://pat.example.com',
      auth,
      timeoutMs: 5000,
    });

  it('authenticates with SMTP_USER and SMTP_PASSWORD, then sends', async () => {
    const channel = channelWith(credentials);
    try {
      await channel.deliver(notice);
    } finally {
      await channel.close();
    }
    expect(sink.received.map((mail) => [mail.user, mail.recipients])).toEqual([
      ['pat-notifier', ['alice@example.com']],
    ]);
  });

  it.each([
    ['a wrong password', { user: 'pat-notifier', pass: 'wrong' }],
    ['no credentials', null],
  ])('fails with smtp_auth_failed on %s', async (_, auth) => {
    const channel = channelWith(auth);
    try {
      await expect(channel.deliver(notice)).rejects.toMatchObject({ code: 'smtp_auth_failed' });
    } finally {
      await channel.close();
    }
    expect(sink.received).toHaveLength(0);
  });
});
