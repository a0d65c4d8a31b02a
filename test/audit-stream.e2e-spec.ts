import { startApi, type ApiHarness } from './support/api-harness';
import { OUTCOME_DEADLINE_MS } from './support/outcome-deadline';
import { SseClient, type SseMessage } from './support/sse-client';

interface AuditItem {
  id: string;
  position: string;
  type: string;
  tokenId: string;
  userId: string | null;
  actor: string;
  data: Record<string, unknown>;
}

const HEARTBEAT_MS = 300;
/** Heartbeats a test waits for: at the default interval (15 s) they would take longer than the deadline. */
const HEARTBEATS = 3;

describe('GET /audit/stream (Server-Sent Events)', () => {
  let api: ApiHarness;
  let url: string;
  let root: string;
  let alice: string;
  const clients: SseClient[] = [];

  async function generate(jwt: string, name: string): Promise<{ id: string; token: string }> {
    const response = await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name });
    expect(response.status).toBe(201);
    return response.body as { id: string; token: string };
  }

  async function logItems(query = ''): Promise<AuditItem[]> {
    const response = await api.http
      .get(`/api/v1/audit/events?limit=500${query}`)
      .set('Authorization', `Bearer ${root}`)
      .expect(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items as AuditItem[];
  }

  async function connect(query = '', headers: Record<string, string> = {}): Promise<SseClient> {
    const client = await SseClient.connect(`${url}/api/v1/audit/stream${query}`, {
      authorization: `Bearer ${root}`,
      ...headers,
    });
    clients.push(client);
    return client;
  }

  const parsed = (messages: SseMessage[]): AuditItem[] => messages.map((message) => JSON.parse(message.data));

  beforeAll(async () => {
    api = await startApi({ env: { AUDIT_STREAM_HEARTBEAT_MS: String(HEARTBEAT_MS) } });
    await api.app.listen(0, '127.0.0.1');
    url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    root = await api.userJwt('root', { roles: ['admin'] });
    alice = await api.userJwt('alice');
    await generate(alice, 'one');
    await generate(alice, 'two');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await api.close();
  });

  it('replays the log as the paged API shows it, each `id:` being the item cursor', async () => {
    const client = await connect('', { 'x-request-id': 'stream-1' });
    expect(client.response.status).toBe(200);
    expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(client.response.headers.get('cache-control')).toContain('no-cache');
    expect(client.response.headers.get('x-request-id')).toBe('stream-1');
    const expected = await logItems();
    const messages = await client.waitForMessages(expected.length, OUTCOME_DEADLINE_MS);
    expect(parsed(messages)).toEqual(expected);
    expect(messages.map((message) => message.id)).toEqual(expected.map((item) => item.position));
    expect(JSON.stringify(messages)).not.toMatch(/tokenDigest|pat_[A-Za-z0-9]{20}/);
  });

  it('delivers a TokenRevoked to a connected client, live', async () => {
    const before = await logItems();
    const client = await connect(`?after=${encodeURIComponent(before[before.length - 1].position)}`);
    const { id } = await generate(alice, 'to revoke');
    await client.waitForMessages(1, OUTCOME_DEADLINE_MS);
    await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${alice}`).expect(204);
    const [, revoked] = parsed(await client.waitForMessages(2, OUTCOME_DEADLINE_MS));
    expect(revoked).toMatchObject({ type: 'TokenRevoked', tokenId: id, userId: 'alice', actor: 'alice' });
  });

  it('resumes after Last-Event-ID with exactly the events after it: none lost, none repeated', async () => {
    const first = await connect();
    const seen = await first.waitForMessages(2, OUTCOME_DEADLINE_MS);
    await first.close();
    await generate(alice, 'while away');
    await generate(alice, 'while away 2');
    const all = await logItems();
    const afterSecond = all.slice(2);

    const resumed = await connect('', { 'last-event-id': seen[1].id });
    const messages = await resumed.waitForMessages(afterSecond.length, OUTCOME_DEADLINE_MS);
    expect(parsed(messages)).toEqual(afterSecond);
    await new Promise((resolve) => setTimeout(resolve, 2 * HEARTBEAT_MS));
    expect(resumed.messages).toHaveLength(afterSecond.length);
  });

  it('prefers Last-Event-ID to `after`, as a reconnecting EventSource sends both', async () => {
    const all = await logItems();
    const client = await connect(`?after=${encodeURIComponent(all[0].position)}`, { 'last-event-id': all[2].position });
    const messages = await client.waitForMessages(all.length - 3, OUTCOME_DEADLINE_MS);
    expect(parsed(messages)).toEqual(all.slice(3));
  });

  it('applies the filters of the paged API', async () => {
    const { id } = await generate(alice, 'filtered');
    const mine = await logItems(`&tokenId=${id}`);
    expect(mine).toHaveLength(1);
    const byToken = await connect(`?tokenId=${id}`);
    const byType = await connect('?type=TokenRevoked&userId=alice');
    const nobody = await connect('?userId=nobody');
    expect(parsed(await byToken.waitForMessages(1, OUTCOME_DEADLINE_MS))).toEqual(mine);
    await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${alice}`).expect(204);
    const revokes = await logItems('&type=TokenRevoked&userId=alice');
    const streamed = parsed(await byType.waitForMessages(revokes.length, OUTCOME_DEADLINE_MS));
    expect(streamed).toEqual(revokes);
    expect(parsed(await byToken.waitForMessages(2, OUTCOME_DEADLINE_MS)).map((item) => item.type)).toEqual([
      'TokenGenerated',
      'TokenRevoked',
    ]);
    await nobody.waitForComment('heartbeat', OUTCOME_DEADLINE_MS, HEARTBEATS);
    expect(nobody.messages).toEqual([]);
  });

  it('sends heartbeat comments while idle', async () => {
    const all = await logItems();
    const client = await connect(`?after=${encodeURIComponent(all[all.length - 1].position)}`);
    await client.waitForComment('heartbeat', OUTCOME_DEADLINE_MS, HEARTBEATS);
    expect(client.messages).toEqual([]);
  });

  it('answers 403 to a user who is not an admin, 401 to a token holder, without opening a stream', async () => {
    const { token } = await generate(alice, 'holder');
    const user = await api.http.get('/api/v1/audit/stream').set('Authorization', `Bearer ${alice}`);
    expect(user.status).toBe(403);
    expect(user.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(user.body.code).toBe('forbidden');
    const holder = await api.http.get('/api/v1/audit/stream').set('X-API-Token', token);
    expect(holder.status).toBe(401);
    expect(holder.body.code).toBe('auth_required');
  });

  it.each([
    ['Last-Event-ID', '', { 'Last-Event-ID': 'not-a-cursor' }],
    ['after', '?after=nope', {}],
    ['type', '?type=TokenDeleted', {}],
    ['tokenId', '?tokenId=123', {}],
  ])('refuses a bad %s with a 400 naming it', async (field, query, headers) => {
    const response = await api.http
      .get(`/api/v1/audit/stream${query}`)
      .set('Authorization', `Bearer ${root}`)
      .set(headers);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field })] });
  });
});
