import { adjustableClock, startApi, type ApiHarness } from './support/api-harness';
import { signUserJwt } from './support/user-jwt';

/** What a user JWT must be to open the management API, and which of its claims are believed. */
describe('user JWT rules', () => {
  const clock = adjustableClock();
  let api: ApiHarness;
  let secret: string;

  beforeAll(async () => {
    api = await startApi({ clock });
    secret = api.config.userAuth.kind === 'secret' ? api.config.userAuth.secret : '';
  });
  afterAll(() => api.close());

  const listWith = (jwt: string) => api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`);
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  describe('lifetime', () => {
    it('refuses a JWT without exp', async () => {
      const forever = await signUserJwt(secret, { sub: 'mallory', expiresIn: null });
      const response = await listWith(forever).expect(401);
      expect(response.body.code).toBe('auth_invalid');
    });

    it('refuses a JWT issued more than 30 s in the future, and accepts one within the skew', async () => {
      const ahead = (seconds: number) =>
        signUserJwt(secret, { sub: 'skewed', issuedAt: nowSeconds() + seconds, expiresIn: '2h' });
      expect((await listWith(await ahead(600)).expect(401)).body.code).toBe('auth_invalid');
      await listWith(await ahead(20)).expect(200);
    });

    it('accepts a JWT up to 30 s after its exp, and refuses it after', async () => {
      const jwt = await signUserJwt(secret, { sub: 'late', expiresIn: '60s' });
      await listWith(jwt).expect(200);
      clock.advance(80_000);
      await listWith(jwt).expect(200);
      clock.advance(20_000);
      expect((await listWith(jwt).expect(401)).body.code).toBe('auth_invalid');
    });
  });

  describe('the email claim', () => {
    const ownerEmailOf = async (claims: { email?: string; email_verified?: boolean }): Promise<unknown> => {
      const jwt = await signUserJwt(secret, { sub: 'erin', ...claims });
      const created = await api.http
        .post('/api/v1/tokens')
        .set('Authorization', `Bearer ${jwt}`)
        .send({ name: 'mail test' })
        .expect(201);
      const trail = await api.http
        .get(`/api/v1/tokens/${created.body.id}/events`)
        .set('Authorization', `Bearer ${jwt}`)
        .expect(200);
      return trail.body.items[0].data.ownerEmail;
    };

    it('keeps one plain address', async () => {
      expect(await ownerEmailOf({ email: 'erin@example.com' })).toBe('erin@example.com');
      expect(await ownerEmailOf({ email: 'erin@example.com', email_verified: true })).toBe('erin@example.com');
    });

    it.each([
      ['a list of recipients', 'a@x.io, b@y.io, "Evil" <e@z.io>'],
      ['a header break', 'erin@example.com\r\nBcc: e@z.io'],
      ['a display name', 'Erin <erin@example.com>'],
      ['an overlong address', `${'a'.repeat(250)}@x.io`],
    ])('takes %s as no address', async (_, email) => {
      expect(await ownerEmailOf({ email })).toBeNull();
    });

    it('takes an address the provider marks unverified as no address', async () => {
      expect(await ownerEmailOf({ email: 'erin@example.com', email_verified: false })).toBeNull();
    });
  });
});
