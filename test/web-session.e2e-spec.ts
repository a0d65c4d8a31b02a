import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from './support/api-harness';

const PAGE_ORIGIN = 'http://localhost:3000';

function sessionCookieOf(setCookie: string[] | string | undefined): { value: string; attributes: string[] } {
  const line = [setCookie ?? []].flat().find((header) => header.startsWith('pat_session='));
  if (line === undefined) throw new Error(`no pat_session cookie in ${String(setCookie)}`);
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return { value: pair.slice('pat_session='.length), attributes };
}

describe("the token page's session: a cookie on the server's side, CSRF-checked", () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const signIn = (body: object, origin = PAGE_ORIGIN) =>
    api.http.post('/api/v1/session/local').set('Origin', origin).send(body);

  async function signedIn(userId: string, admin = false) {
    const answer = await signIn({ userId, email: `${userId}@example.com`, admin }).expect(201);
    return {
      cookie: `pat_session=${sessionCookieOf(answer.headers['set-cookie']).value}`,
      csrf: answer.body.csrfToken,
    };
  }

  it('offers the local sign-in on a loopback HOST, with the token policy the form follows', async () => {
    const options = await api.http.get('/api/v1/session/options').expect(200);
    expect(options.body).toEqual({
      signIn: { local: true, oidc: false },
      tokenPolicy: {
        defaultLifetimeDays: 30,
        maxLifetimeDays: 365,
        maxRotationOverlapSeconds: 86_400,
        allowNoExpiry: false,
        scopes: [
          { name: 'api', description: 'Full access: read and write', includes: ['read_api'] },
          { name: 'read_api', description: 'Read-only access', includes: [] },
        ],
      },
      apiUrl: PAGE_ORIGIN,
    });
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie whose id the store keeps only as a digest', async () => {
    const answer = await signIn({ userId: 'alice', email: 'alice@example.com' }).expect(201);
    expect(answer.headers['cache-control']).toBe('no-store');
    const cookie = sessionCookieOf(answer.headers['set-cookie']);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(cookie.attributes).not.toContain('Secure');
    expect(answer.body).toMatchObject({ user: { userId: 'alice', email: 'alice@example.com', isAdmin: false } });
    expect(answer.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.body.csrfToken).not.toBe(cookie.value);

    const current = await api.http.get('/api/v1/session').set('Cookie', `pat_session=${cookie.value}`).expect(200);
    expect(current.body).toEqual(answer.body);

    if (api.config.mongoUrl === null) {
      const sqlite = readdirSync(api.dataDir).filter((file) => file.startsWith('sessions.sqlite'));
      expect(sqlite.length).toBeGreaterThan(0);
      const stored = sqlite.map((file) => readFileSync(join(api.dataDir, file)).toString('latin1')).join('');
      expect(stored).not.toContain(cookie.value);
      expect(stored).toContain(createHash('sha256').update(cookie.value).digest('base64url'));
    }
  });

  it('refuses a sign-in that does not come from the page, and bad input naming the field', async () => {
    expect((await api.http.post('/api/v1/session/local').send({ userId: 'mallory' })).body).toMatchObject({
      status: 403,
      code: 'csrf_failed',
    });
    expect((await signIn({ userId: 'mallory' }, 'https://evil.example')).body.code).toBe('csrf_failed');
    const blank = await signIn({ userId: '' }).expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'userId' })]);
    const notAnAddress = await signIn({ userId: 'bob', email: 'bob at example' }).expect(400);
    expect(notAnAddress.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    const headerBreak = await signIn({ userId: 'bob\r\nX-Evil: 1' }).expect(400);
    expect(headerBreak.body.errors[0].field).toBe('userId');
  });

  it('opens the management API to the session: reads freely, changes only with Origin and the CSRF token', async () => {
    const { cookie, csrf } = await signedIn('carol');
    await api.http.get('/api/v1/tokens').set('Cookie', cookie).expect(200);

    const generate = () => api.http.post('/api/v1/tokens').set('Cookie', cookie).send({ name: 'from the page' });
    const noToken = await generate().set('Origin', PAGE_ORIGIN).expect(403);
    expect(noToken.body.code).toBe('csrf_failed');
    const crossSite = await generate().set('Origin', 'https://evil.example').set('X-CSRF-Token', csrf).expect(403);
    expect(crossSite.body.code).toBe('csrf_failed');
    await generate().set('X-CSRF-Token', csrf).expect(403);
    await generate()
      .set('Origin', PAGE_ORIGIN)
      .set('X-CSRF-Token', `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`)
      .expect(403);
    const created = await generate().set('Origin', PAGE_ORIGIN).set('X-CSRF-Token', csrf).expect(201);

    const list = await api.http.get('/api/v1/tokens').set('Cookie', cookie).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    await api.http
      .delete(`/api/v1/tokens/${created.body.id}`)
      .set('Cookie', cookie)
      .set('Origin', PAGE_ORIGIN)
      .set('X-CSRF-Token', csrf)
      .expect(204);
  });

  it('lets a local admin into the admin API, and nobody else', async () => {
    const admin = await signedIn('root', true);
    const user = await signedIn('dave');
    await api.http.get('/api/v1/admin/tokens').set('Cookie', admin.cookie).expect(200);
    expect((await api.http.get('/api/v1/admin/tokens').set('Cookie', user.cookie).expect(403)).body.code).toBe(
      'forbidden',
    );
  });

  it('signs out: the session ends on the server, so its cookie opens nothing any more', async () => {
    const { cookie, csrf } = await signedIn('erin');
    await api.http.delete('/api/v1/session').set('Cookie', cookie).set('Origin', PAGE_ORIGIN).expect(403);
    const out = await api.http
      .delete('/api/v1/session')
      .set('Cookie', cookie)
      .set('Origin', PAGE_ORIGIN)
      .set('X-CSRF-Token', csrf)
      .expect(204);
    expect(sessionCookieOf(out.headers['set-cookie']).value).toBe('');
    await api.http.get('/api/v1/session').set('Cookie', cookie).expect(401);
    const after = await api.http.get('/api/v1/tokens').set('Cookie', cookie).expect(401);
    expect(after.body.code).toBe('auth_required');
  });

  it('answers 401 to a cookie that names no session, and still prefers a bearer JWT when both are sent', async () => {
    await api.http.get('/api/v1/tokens').set('Cookie', 'pat_session=not-a-session').expect(401);
    await api.http
      .get('/api/v1/tokens')
      .set('Cookie', `pat_session=${'A'.repeat(43)}`)
      .expect(401);
    const { cookie } = await signedIn('frank');
    const jwt = await api.userJwt('grace');
    const whoami = await api.http.get('/api/v1/tokens').set('Cookie', cookie).set('Authorization', `Bearer ${jwt}`);
    expect(whoami.status).toBe(200);
    await api.http.get('/api/v1/tokens').set('Cookie', cookie).set('Authorization', 'Bearer broken').expect(401);
  });
});

describe('the local sign-in off a loopback HOST', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi({ env: { HOST: '0.0.0.0' } });
  });
  afterAll(() => api.close());

  it('is neither offered nor answered', async () => {
    const options = await api.http.get('/api/v1/session/options').expect(200);
    expect(options.body.signIn).toEqual({ local: false, oidc: false });
    const refused = await api.http
      .post('/api/v1/session/local')
      .set('Origin', PAGE_ORIGIN)
      .send({ userId: 'intruder' })
      .expect(404);
    expect(refused.body.code).toBe('not_found');
  });
});
