import { MAX_JSON_DEPTH } from '../apps/api/src/http/json-body-parser';
import { startApi, type ApiHarness } from './support/api-harness';
import { listeningPort, rawExchange } from './support/raw-http';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

describe('bad input is answered 4xx problem+json naming the field, and writes nothing', () => {
  let api: ApiHarness;
  let jwt: string;

  beforeAll(async () => {
    api = await startApi();
    jwt = await api.userJwt('validator');
  });
  afterAll(() => api.close());

  afterEach(async () => {
    const list = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(list.body.items).toEqual([]);
  });

  const inAMinute = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();

  const cases: [string, () => unknown, string][] = [
    ['missing name', () => ({}), 'name'],
    ['empty name', () => ({ name: '' }), 'name'],
    ['blank name', () => ({ name: '   \t ' }), 'name'],
    ['too long name', () => ({ name: 'x'.repeat(101) }), 'name'],
    ['numeric name', () => ({ name: 42 }), 'name'],
    ['null name', () => ({ name: null }), 'name'],
    ['object name', () => ({ name: { first: 'a' } }), 'name'],
    ['array name', () => ({ name: ['a'] }), 'name'],
    ['zero expiresInDays', () => ({ name: 'n', expiresInDays: 0 }), 'expiresInDays'],
    ['negative expiresInDays', () => ({ name: 'n', expiresInDays: -3 }), 'expiresInDays'],
    ['fractional expiresInDays', () => ({ name: 'n', expiresInDays: 1.5 }), 'expiresInDays'],
    ['string expiresInDays', () => ({ name: 'n', expiresInDays: '5' }), 'expiresInDays'],
    ['null expiresInDays', () => ({ name: 'n', expiresInDays: null }), 'expiresInDays'],
    ['too large expiresInDays', () => ({ name: 'n', expiresInDays: 366 }), 'expiresInDays'],
    ['huge expiresInDays', () => ({ name: 'n', expiresInDays: 1e308 }), 'expiresInDays'],
    ['past expiresAt', () => ({ name: 'n', expiresAt: inAMinute(-3600) }), 'expiresAt'],
    ['too near expiresAt', () => ({ name: 'n', expiresAt: inAMinute(30) }), 'expiresAt'],
    ['unparsable expiresAt', () => ({ name: 'n', expiresAt: 'next tuesday' }), 'expiresAt'],
    ['impossible date expiresAt', () => ({ name: 'n', expiresAt: '2027-02-30T00:00:00Z' }), 'expiresAt'],
    ['numeric expiresAt', () => ({ name: 'n', expiresAt: Date.now() + DAY_MS }), 'expiresAt'],
    [
      'over the limit expiresAt',
      () => ({ name: 'n', expiresAt: new Date(Date.now() + 400 * DAY_MS).toISOString() }),
      'expiresAt',
    ],
    ['both expiry fields', () => ({ name: 'n', expiresInDays: 5, expiresAt: inAMinute(3600) }), 'expiresAt'],
    ['expiresAt null when not allowed', () => ({ name: 'n', expiresAt: null }), 'expiresAt'],
    ['a JSON array body', () => [{ name: 'n' }], 'body'],
    ['a JSON string body', () => 'name', 'body'],
    ['a JSON number body', () => 7, 'body'],
    ['a JSON null body', () => null, 'body'],
  ];

  it.each(cases)('%s', async (_label, body, field) => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body()))
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.body as Problem;
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed', title: 'Bad Request' });
    expect(problem.type).toEqual(expect.any(String));
    expect(problem.errors?.map((error) => error.field)).toContain(field);
  });

  it('broken JSON', async () => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .set('Content-Type', 'application/json')
      .send('{"name": "unterminated')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'invalid_json', errors: [{ field: 'body' }] });
  });

  it('an empty body with a JSON content type', async () => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .set('Content-Type', 'application/json')
      .send('')
      .expect(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body' }] });
  });

  it('a 2 MiB body', async () => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expect([400, 413]).toContain(response.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('a body that is not JSON', async () => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .set('Content-Type', 'text/plain')
      .send('name=x')
      .expect(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('unsupported_media_type');
  });

  it.each([
    ['not UTF-8', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('"}')])],
    ['a 60 KB nest of arrays', Buffer.from(`${'['.repeat(30_000)}${']'.repeat(30_000)}`)],
    ['a name nested 10 000 objects deep', Buffer.from(`{"name": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`)],
  ])('a JSON body %s', async (_label, body) => {
    const head =
      `POST /api/v1/tokens HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${jwt}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const answer = await rawExchange(
      await listeningPort(api.app.getHttpServer()),
      Buffer.concat([Buffer.from(head), body]),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'invalid_json', errors: [{ field: 'body' }] });
  });

  it('a JSON body just within the depth limit is read', async () => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .set('Content-Type', 'application/json')
      .send(
        `{"name": "n", "extra": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}, "expiresInDays": 0}`,
      )
      .expect(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'expiresInDays' }] });
  });

  it('an unknown media type', async () => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .set('Content-Type', 'application/x-thing')
      .send('name=x')
      .expect(415);
    expect(response.body.code).toBe('unsupported_media_type');
  });

  it.each([
    ['U+202E', '\u202e'],
    ['U+2066', '\u2066'],
    ['U+2067', '\u2067'],
    ['U+2068', '\u2068'],
    ['U+2069', '\u2069'],
    ['U+200B', '\u200b'],
    ['U+FEFF', '\ufeff'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
  ])('a name with %s inside', async (codePoint, character) => {
    const response = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: `invoice${character}gpj.exe` })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.body.errors).toEqual([{ field: 'name', message: expect.stringContaining(codePoint) }]);
  });

  it('an unknown status filter', async () => {
    const response = await api.http.get('/api/v1/tokens?status=lost').set('Authorization', `Bearer ${jwt}`).expect(400);
    expect(response.body.errors).toEqual([{ field: 'status', message: expect.any(String) }]);
  });

  it('accepts expiresAt exactly at the maximum lifetime and a date-only expiresAt', async () => {
    const bob = await api.userJwt('validator-ok');
    const at = new Date(Date.now() + 365 * DAY_MS - 5000).toISOString();
    await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${bob}`)
      .send({ name: 'max', expiresAt: at })
      .expect(201);
    await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${bob}`)
      .send({ name: 'max', expiresInDays: 365 })
      .expect(201);
  });

  it('stores and answers a decomposed (NFD) name in NFC, everywhere it is shown', async () => {
    const owner = await api.userJwt('validator-nfc');
    const decomposed = 'Cafe\u0301 de\u0301ploiement \u{1f468}\u200d\u{1f469}\u200d\u{1f467}';
    const composed = decomposed.normalize('NFC');
    expect(composed).not.toBe(decomposed);
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${owner}`)
      .send({ name: decomposed })
      .expect(201);
    expect(created.body.name).toBe(composed);
    const whoami = await api.http.get('/api/v1/whoami').set('X-API-Token', created.body.token).expect(200);
    expect(whoami.body.tokenName).toBe(composed);
    const item = await api.http
      .get(`/api/v1/tokens/${created.body.id}`)
      .set('Authorization', `Bearer ${owner}`)
      .expect(200);
    expect(item.body.name).toBe(composed);
  });
});

describe('bodies where none is expected', () => {
  let api: ApiHarness;
  let jwt: string;
  beforeAll(async () => {
    api = await startApi();
    jwt = await api.userJwt('deleter');
  });
  afterAll(() => api.close());

  async function generated(): Promise<string> {
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: 'to revoke' })
      .expect(201);
    return String(created.body.id);
  }

  it.each([
    ['no body with a JSON Content-Type, as many client wrappers send', 'application/json', undefined],
    ['an empty body with a JSON Content-Type', 'application/json', ''],
    ['a JSON body, which means nothing to DELETE', 'application/json', '{"reason": "done"}'],
    ['a body of another media type', 'text/plain', 'done'],
  ])('DELETE accepts %s', async (_label, contentType, body) => {
    const id = await generated();
    const call = api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${jwt}`);
    await (body === undefined ? call : call.send(body)).set('Content-Type', contentType).expect(204);
    const item = await api.http.get(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(item.body.status).toBe('revoked');
  });
});

describe('tokens without expiry, where allowed', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ env: { TOKEN_ALLOW_NO_EXPIRY: 'true' } });
  });
  afterAll(() => api.close());

  it('accepts expiresAt: null and the token never expires', async () => {
    const jwt = await api.userJwt('forever');
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: 'forever', expiresAt: null })
      .expect(201);
    expect(created.body.expiresAt).toBeNull();
    const whoami = await api.http.get('/api/v1/whoami').set('X-API-Token', created.body.token).expect(200);
    expect(whoami.body.expiresAt).toBeNull();
  });
});
