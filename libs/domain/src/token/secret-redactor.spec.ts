import { randomBytes, randomUUID } from 'node:crypto';
import { REDACTED, SecretRedactor } from './secret-redactor';
import { TokenFormat } from './token-secret';

const base64url = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
const jwt = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'alice', roles: ['admin'] })}.${randomBytes(32).toString('base64url')}`;

describe('SecretRedactor', () => {
  const format = new TokenFormat('pat');
  const redactor = new SecretRedactor('pat');
  const token = format.generate(randomBytes);

  it.each([
    ['a URL path', `/api/v1/tokens/${token}`, `/api/v1/tokens/${REDACTED}`],
    ['a query string', `/api/v1/whoami?token=${token}&jwt=${jwt}`, `/api/v1/whoami?token=${REDACTED}&jwt=${REDACTED}`],
    ['an error message', `Error: cannot use ${token}.`, `Error: cannot use ${REDACTED}.`],
    [
      'a JSON log line',
      `{"msg":"x","body":{"token":"${token}","auth":"Bearer ${jwt}"}}`,
      `{"msg":"x","body":{"token":"${REDACTED}","auth":"Bearer ${REDACTED}"}}`,
    ],
    ['a token glued to other text', `x${token}y`, `x${REDACTED}`],
    ['the same token twice', `${token} ${token}`, `${REDACTED} ${REDACTED}`],
  ])('redacts tokens and JWTs in %s', (_where, text, expected) => {
    expect(redactor.redact(text)).toBe(expected);
  });

  it('redacts a token whose check is wrong or cut off', () => {
    expect(redactor.redact(`${token.slice(0, -1)}x`)).toBe(REDACTED);
    expect(redactor.redact(token.slice(0, -6))).toBe(REDACTED);
  });

  it('redacts an unsigned JWT and one without its signature segment', () => {
    const [header, payload] = jwt.split('.');
    expect(redactor.redact(`a ${header}.${payload}. b`)).toBe(`a ${REDACTED} b`);
    expect(redactor.redact(`a ${header}.${payload} b`)).toBe(`a ${REDACTED} b`);
  });

  it('redacts tokens of the configured prefix', () => {
    const acme = new TokenFormat('acme2').generate(randomBytes);
    expect(new SecretRedactor('acme2').redact(`t=${acme}`)).toBe(`t=${REDACTED}`);
  });

  it.each([
    [
      'a connection string',
      'connect mongodb://admin:hunter2@db:27017/pat',
      `connect mongodb://${REDACTED}@db:27017/pat`,
    ],
    [
      'a JSON log line',
      '{"err":"http://user:s3cr%40t@10.0.0.5:8080/hook"}',
      `{"err":"http://${REDACTED}@10.0.0.5:8080/hook"}`,
    ],
    ['a user alone', 'smtp://apikey@smtp.example.com', `smtp://${REDACTED}@smtp.example.com`],
    ['several hosts', 'esdb://a:b@h1:2113,h2:2113?tls=true', `esdb://${REDACTED}@h1:2113,h2:2113?tls=true`],
  ])('redacts the credentials of a URL in %s', (_where, text, expected) => {
    expect(redactor.redact(text)).toBe(expected);
  });

  it('keeps an address in a URL path or in text as it is', () => {
    const text = 'GET https://host/users/alice@example.com for bob@example.com';
    expect(redactor.redact(text)).toBe(text);
  });

  it('keeps hints, ids, digests and short look-alikes as they are', () => {
    const text = `pat_ABCD…WXYZ ${randomUUID()} ${randomBytes(32).toString('hex')} pat_short eyJhbGciOiJIUzI1NiJ9`;
    expect(redactor.redact(text)).toBe(text);
  });

  it('refuses a prefix that is not one', () => {
    expect(() => new SecretRedactor('a|b')).toThrow('Not a token prefix');
  });
});
