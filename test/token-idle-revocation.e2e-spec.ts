import { adjustableClock, startApi, type ApiHarness } from './support/api-harness';
import { eventually } from './support/outcome-deadline';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Item {
  id: string;
  status: string;
  revokedBy?: string;
}

describe('idle revocation: TOKEN_IDLE_REVOKE_DAYS', () => {
  const clock = adjustableClock();
  let api: ApiHarness;
  let auth: { Authorization: string };

  beforeAll(async () => {
    api = await startApi({
      clock,
      env: { TOKEN_IDLE_REVOKE_DAYS: '30', TOKEN_POLICY_SWEEP_INTERVAL_MS: '100' },
    });
    auth = { Authorization: `Bearer ${await api.userJwt('alice', { expiresIn: '120d' })}` };
  });
  afterAll(() => api.close());

  const generate = async (name: string): Promise<{ id: string; token: string }> =>
    (await api.http.post('/api/v1/tokens').set(auth).send({ name, expiresInDays: 365 }).expect(201)).body as {
      id: string;
      token: string;
    };
  const item = async (id: string): Promise<Item> =>
    (await api.http.get(`/api/v1/tokens/${id}`).set(auth).expect(200)).body as Item;
  const whoami = (token: string) => api.http.get('/api/v1/whoami').set('X-API-Token', token);

  it('revokes a token unused for 30 days (counted from its generation or its last use), once, as idle', async () => {
    const unused = await generate('never used');
    const used = await generate('used now and then');
    clock.advance(20 * DAY_MS);
    await whoami(used.token).expect(200);
    clock.advance(10 * DAY_MS + 60_000);

    await eventually(async () => (await item(unused.id)).status === 'revoked');
    expect(await item(unused.id)).toMatchObject({ status: 'revoked', revokedBy: 'system:idle-revocation' });
    expect((await whoami(unused.token).expect(401)).body.code).toBe('token_revoked');
    await whoami(used.token).expect(200);

    const trail = await api.http.get(`/api/v1/tokens/${unused.id}/events`).set(auth).expect(200);
    const revokes = (trail.body.items as { type: string; data: object }[]).filter(
      (event) => event.type === 'TokenRevoked',
    );
    expect(revokes.map((event) => event.data)).toEqual([
      expect.objectContaining({ revokedBy: 'system:idle-revocation', reason: 'idle' }),
    ]);

    clock.advance(30 * DAY_MS + 60_000);
    await eventually(async () => (await item(used.id)).status === 'revoked');
    expect((await whoami(used.token).expect(401)).body.code).toBe('token_revoked');
  }, 60_000);

  it('leaves every token alone when TOKEN_IDLE_REVOKE_DAYS is unset', async () => {
    const offClock = adjustableClock();
    const off = await startApi({ clock: offClock, env: { TOKEN_POLICY_SWEEP_INTERVAL_MS: '100' } });
    try {
      const jwt = await off.userJwt('bob', { expiresIn: '2000d' });
      const created = await off.http
        .post('/api/v1/tokens')
        .set('Authorization', `Bearer ${jwt}`)
        .send({ name: 'left alone', expiresInDays: 365 })
        .expect(201);
      offClock.advance(364 * DAY_MS);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await off.http.get('/api/v1/whoami').set('X-API-Token', String(created.body.token)).expect(200);
    } finally {
      await off.close();
    }
  });
});
