import { fetchErrorCode, smtpErrorCode } from './channel-error-codes';

const error = (fields: Record<string, unknown>): Error => Object.assign(new Error('x'), fields);

describe('smtpErrorCode (nodemailer errors)', () => {
  it.each([
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'smtp_unreachable'],
    [{ code: 'EDNS', originalCode: 'ENOTFOUND' }, 'smtp_unreachable'],
    [{ code: 'ECONNECTION' }, 'smtp_unreachable'],
    [{ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'smtp_tls_error'],
    [{ code: 'ETLS' }, 'smtp_tls_error'],
    [{ code: 'ETIMEDOUT' }, 'smtp_timeout'],
    [{ code: 'EAUTH', responseCode: 535 }, 'smtp_auth_failed'],
    [{ code: 'EENVELOPE', responseCode: 530 }, 'smtp_auth_failed'],
    [{ code: 'EENVELOPE', responseCode: 550 }, 'smtp_refused'],
    [{ code: 'EMESSAGE', responseCode: 451 }, 'smtp_refused'],
    [{ code: 'EPROTOCOL', responseCode: 554 }, 'smtp_refused'],
    [{ code: 'EPROTOCOL' }, 'smtp_error'],
    [{}, 'smtp_error'],
  ])('%j is %s', (fields, code) => {
    expect(smtpErrorCode(error(fields))).toBe(code);
  });
});

describe('fetchErrorCode (fetch errors)', () => {
  const failed = (code: string): Error => new TypeError('fetch failed', { cause: error({ code }) });

  it.each([
    [failed('ECONNREFUSED'), 'webhook_unreachable'],
    [failed('ENOTFOUND'), 'webhook_unreachable'],
    [failed('UND_ERR_SOCKET'), 'webhook_unreachable'],
    [failed('UND_ERR_CONNECT_TIMEOUT'), 'webhook_timeout'],
    [failed('CERT_HAS_EXPIRED'), 'webhook_tls_error'],
    [failed('ERR_TLS_CERT_ALTNAME_INVALID'), 'webhook_tls_error'],
    [failed('ERR_SSL_WRONG_VERSION_NUMBER'), 'webhook_tls_error'],
    [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'webhook_timeout'],
    [
      new TypeError('Request cannot be constructed from a URL that includes credentials: http://u:p@h/'),
      'webhook_error',
    ],
  ])('%s is %s', (thrown, code) => {
    expect(fetchErrorCode(thrown)).toBe(code);
  });
});
