import { decodeJwt } from 'jose';
import { adjustableClock, startApi, type ApiHarness } from './support/api-harness';
import { bearer } from './support/http-client';
import { SseClient, type SseMessage } from './support/sse-client';

const OUTCOME_DEADLINE_MS = 15_000;

const tokenIds = (messages: SseMessage[]): string[] =>
  messages
    .filter((message) => message.event === 'message')
    .map((message) => (JSON.parse(message.data) as { tokenId: string }).tokenId);

describe('the server ends GET /audit/stream', () => {
  const clients: SseClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  async function startListening(api: ApiHarness): Promise<string> {
    await api.app.listen(0, '127.0.0.1');
    return (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  async function generate(api: ApiHarness, jwt: string, name: string): Promise<string> {
    const response = await api.http.post('/api/v1/tokens').set(bearer(jwt)).send({ name }).expect(201);
    return (response.body as { id: string }).id;
  }

  async function follow(url: string, jwt: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = await SseClient.connect(`${url}/api/v1/audit/stream`, { ...bearer(jwt), ...headers });
    clients.push(client);
    expect(client.response.status).toBe(200);
    return client;
  }

  describe('when the JWT it was opened with is no longer accepted', () => {
    // The service's clock runs 25 s ahead of the identity provider's: within the 30 s tolerance,
    // so a JWT that expires in 2 s is accepted for 5 s more, and the test need not wait 30 s.
    const SKEW_MS = 25_000;
    let api: ApiHarness;
    let url: string;

    beforeAll(async () => {
      const clock = adjustableClock();
      clock.advance(SKEW_MS);
      api = await startApi({ clock });
      url = await startListening(api);
    });
    afterAll(() => api.close());

    it('ends it with `event: end` (credential_expired) when REST starts refusing the JWT, and sends nothing after', async () => {
      const alice = await api.userJwt('alice');
      const admin = await api.userJwt('root', { roles: ['admin'], expiresIn: '2s' });
      const expiresAtMs = (decodeJwt(admin).exp ?? 0) * 1000;
      const stream = await follow(url, admin);
      const beforeExp = await generate(api, alice, 'before exp');
      await stream.waitForMessages(1, OUTCOME_DEADLINE_MS);

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAtMs + 100 - Date.now())));
      await api.http.get('/api/v1/audit/events?limit=1').set(bearer(admin)).expect(200);
      const withinTolerance = await generate(api, alice, 'after exp, within the clock tolerance');
      await stream.waitForMessages(2, OUTCOME_DEADLINE_MS);

      await stream.waitForEnd(OUTCOME_DEADLINE_MS);
      const refused = await api.http.get('/api/v1/audit/events?limit=1').set(bearer(admin));
      expect([refused.status, refused.body.code]).toEqual([401, 'auth_invalid']);
      await generate(api, alice, 'after the end');
      expect(tokenIds(stream.messages)).toEqual([beforeExp, withinTolerance]);
      expect(stream.messages.at(-1)).toEqual({ id: '', event: 'end', data: '{"reason":"credential_expired"}' });
    }, 30_000);
  });

  describe('once it is AUDIT_STREAM_MAX_SECONDS old', () => {
    let api: ApiHarness;
    let url: string;

    beforeAll(async () => {
      api = await startApi({ env: { AUDIT_STREAM_MAX_SECONDS: '1' } });
      url = await startListening(api);
    });
    afterAll(() => api.close());

    it('ends it with `event: end` (max_lifetime), and Last-Event-ID resumes it with nothing lost', async () => {
      const alice = await api.userJwt('alice');
      const root = await api.userJwt('root', { roles: ['admin'] });
      const first = await generate(api, alice, 'first');
      const stream = await follow(url, root);
      await stream.waitForEnd(OUTCOME_DEADLINE_MS);
      expect(tokenIds(stream.messages)).toEqual([first]);
      expect(stream.messages.at(-1)).toEqual({ id: '', event: 'end', data: '{"reason":"max_lifetime"}' });

      const second = await generate(api, alice, 'second');
      const resumed = await follow(url, root, { 'last-event-id': stream.messages[0].id });
      await resumed.waitForEnd(OUTCOME_DEADLINE_MS);
      expect(tokenIds(resumed.messages)).toEqual([second]);
      expect(resumed.messages.at(-1)?.data).toBe('{"reason":"max_lifetime"}');
    }, 30_000);
  });
});
