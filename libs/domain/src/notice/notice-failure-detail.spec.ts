import {
  WITHHELD_DETAIL,
  channelErrorMessage,
  noticeFailureDetail,
  shownNoticeFailureDetail,
  webhookStatusCode,
} from './notice-failure-detail';

const URL_OR_ADDRESS = /:\/\/|@|\b\d{1,3}(?:\.\d{1,3}){3}\b/;

describe('noticeFailureDetail', () => {
  it('names each failed channel with the fixed sentence and the code of its error', () => {
    expect(noticeFailureDetail('delivery_failed', { email: 'smtp_timeout', webhook: webhookStatusCode(503) }, [])).toBe(
      'email: the mail server did not answer in time (smtp_timeout); ' +
        'webhook: the webhook receiver answered HTTP 503 (webhook_status_503)',
    );
  });

  it('says that no channel reaches the owner, or which channels had delivered a dropped notice', () => {
    expect(noticeFailureDetail('no_recipient', {}, [])).toBe('no channel reaches the owner');
    expect(noticeFailureDetail('token_revoked', {}, ['outbox', 'webhook'])).toBe('delivered only by outbox+webhook');
    expect(noticeFailureDetail('superseded', {}, [])).toBeNull();
  });
});

describe('channelErrorMessage', () => {
  it('knows each code and the statuses of a webhook, nothing else', () => {
    expect(channelErrorMessage('smtp_refused')).toBe('the mail server refused the message');
    expect(channelErrorMessage('webhook_status_404')).toBe('the webhook receiver answered HTTP 404');
    for (const code of ['webhook_status_99', 'webhook_status_1000', 'toString', '__proto__', 'smtp_refused ']) {
      expect(channelErrorMessage(code)).toBeNull();
    }
  });
});

describe('shownNoticeFailureDetail', () => {
  it.each([
    [
      'channel errors',
      noticeFailureDetail('delivery_failed', { email: 'smtp_auth_failed', outbox: 'outbox_write_failed' }, []),
    ],
    ['no recipient', noticeFailureDetail('no_recipient', {}, [])],
    ['a partial delivery', noticeFailureDetail('token_expired', {}, ['email'])],
  ])('shows a detail written from codes (%s) as it is', (_, detail) => {
    expect(shownNoticeFailureDetail(detail)).toBe(detail);
  });

  it.each([
    'webhook: Request cannot be constructed from a URL that includes credentials: http://user:secret@10.0.0.5:8080/hook',
    'email: connect ECONNREFUSED 10.1.2.3:25',
    'email: Message failed: 451 relay-7.mail.internal greylisted alice@example.com',
    'webhook: The webhook answered 500',
    'email: the mail server did not answer in time (smtp_timeout); webhook: fetch failed',
    'email: the mail server did not answer in time (smtp_refused)',
    'email: see http://10.0.0.5/ (smtp_timeout)',
    'delivered only by email@example.com',
    '',
  ])('withholds a detail recorded before codes: %j', (detail) => {
    const shown = shownNoticeFailureDetail(detail);
    expect(shown).toBe(WITHHELD_DETAIL);
    expect(shown).not.toMatch(URL_OR_ADDRESS);
  });

  it('keeps null, and withholds what is not text', () => {
    expect(shownNoticeFailureDetail(null)).toBeNull();
    expect(shownNoticeFailureDetail(undefined)).toBeNull();
    expect(shownNoticeFailureDetail({ url: 'http://x' })).toBe(WITHHELD_DETAIL);
  });
});
