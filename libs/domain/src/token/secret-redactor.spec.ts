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

  it('redacts a JWT after any delimiter, and every part of one glued to a token', () => {
    for (const before of [' ', '=', '/', '"', ':', ',', '.', '?', '&']) {
      expect(redactor.redact(`a${before}${jwt}`)).toBe(`a${before}${REDACTED}`);
    }
    const glued = redactor.redact(`${token}${jwt}`);
    for (const part of [token.slice('pat_'.length), ...jwt.split('.')]) expect(glued).not.toContain(part);
  });

  describe('on hostile text, costs what ordinary text of the same length costs', () => {
    const SIZE = 64 * 1024;
    const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
    /** Far above what a linear pattern shows (under 10 ×) and far below a quadratic one (thousands ×). */
    const MAX_RATIO = 100;

    /** The fastest of a few runs: the one least disturbed by whatever else the machine is doing. */
    function fastestNs(text: string, runs: number): number {
      let fastest = Infinity;
      for (let run = 0; run < runs; run++) {
        const started = process.hrtime.bigint();
        redactor.redact(text);
        fastest = Math.min(fastest, Number(process.hrtime.bigint() - started));
      }
      return fastest;
    }

    const ordinary = fill('GET /api/v1/tokens?status=active&limit=100 200 3ms eyJ pat_ ');
    const hostile: [string, string][] = [
      ['eyJ repeated', fill('eyJ')],
      ['eyJ then one long segment', `eyJ${'a'.repeat(SIZE - 3)}`],
      ['eyJ segments without a payload', fill('eyJa.')],
      ['eyJ after each delimiter', fill('.eyJ')],
      ['eyJ and the prefix interleaved', fill('-eyJ_pat_')],
      ['the prefix repeated', fill('pat_')],
      ['one long base62 run', `pat_${'A'.repeat(SIZE - 4)}`],
      ['token bodies one character short', fill(`pat_${'A'.repeat(39)}/`)],
      ['URL schemes repeated', fill('a://')],
      ['URL credentials without a host', fill('x://user:password')],
      ['at signs after one scheme', `x://${'u:p@'.repeat(SIZE / 4 - 1)}`],
    ];

    it.each(hostile)('%s', (_shape, text) => {
      const baseline = fastestNs(ordinary, 20);
      const cost = fastestNs(text, 3);
      expect(cost / baseline).toBeLessThan(MAX_RATIO);
    });
  });

  it('refuses a prefix that is not one', () => {
    expect(() => new SecretRedactor('a|b')).toThrow('Not a token prefix');
  });
});
