import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { startApi, type ApiHarness } from './support/api-harness';
import { bearer } from './support/http-client';
import { eventually, OUTCOME_DEADLINE_MS } from './support/outcome-deadline';
import { startNotifier, type NotifierHarness } from './support/notifier-harness';
import { RawConnection } from './support/raw-connection';
import { SseClient } from './support/sse-client';
import { tempDataDir } from './support/temp-dir';

/** Short limits, so that a test sees them act; the deadlines below only bound the wait for an outcome. */
const SHORT_LIMITS = { HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' };
const BODY = JSON.stringify({ name: 'trickled token', expiresInDays: 30 });

async function listen(app: NestFastifyApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

function postTokenHead(headers: Record<string, string>): string {
  const lines = Object.entries({
    host: '127.0.0.1',
    'content-type': 'application/json',
    'content-length': String(BODY.length),
    ...headers,
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  return `POST /api/v1/tokens HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/** The status of one GET on a connection of its own, or null when the server closes it unanswered. */
async function rawGet(port: number, path: string): Promise<number | null> {
  const connection = await RawConnection.open(port);
  connection.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`);
  await connection.waitForClose(OUTCOME_DEADLINE_MS);
  return connection.status;
}

describe('slow clients', () => {
  const open: RawConnection[] = [];
  const connectTo = async (port: number): Promise<RawConnection> => {
    const connection = await RawConnection.open(port);
    open.push(connection);
    return connection;
  };
  afterEach(() => {
    for (const connection of open.splice(0)) connection.destroy();
  });

  /** Headers sent one byte every 100 ms (30 s in all) are cut with 408, and the server goes on serving. */
  async function expectTrickledHeadersCut(port: number): Promise<void> {
    const connection = await connectTo(port);
    connection.write('GET /health/live HTTP/1.1\r\n');
    const rest = `host: 127.0.0.1\r\nx-slow: ${'s'.repeat(280)}\r\n\r\n`;
    const headers = connection.trickle(rest, 100);
    await connection.waitForClose(OUTCOME_DEADLINE_MS);
    headers.stop();
    expect(headers.sent).toBeLessThan(rest.length);
    expect(connection.status).toBe(408);
    expect(await rawGet(port, '/health/live')).toBe(200);
  }

  describe('management requests without a valid JWT', () => {
    let api: ApiHarness;
    let port: number;

    beforeAll(async () => {
      api = await startApi({ env: { HTTP_REQUEST_TIMEOUT_MS: '120000' } });
      port = await listen(api.app);
    });
    afterAll(() => api.close());

    it.each([
      ['no Authorization', {}, 'auth_required'],
      ['a bearer that is not a valid JWT', { authorization: 'Bearer not.a.jwt' }, 'auth_invalid'],
    ])(
      'are answered 401 with %s at once, before their trickled body has arrived, and the connection is closed',
      async (_, headers: Record<string, string>, code) => {
        const connection = await connectTo(port);
        connection.write(postTokenHead(headers));
        const body = connection.trickle(BODY, 1000);
        await connection.waitUntil((c) => c.status !== null, OUTCOME_DEADLINE_MS, 'answer');
        const sentWhenAnswered = body.sent;
        await connection.waitForClose(OUTCOME_DEADLINE_MS);
        body.stop();
        expect(sentWhenAnswered).toBeLessThan(BODY.length / 2);
        expect(connection.status).toBe(401);
        expect(connection.text).toMatch(/\r\ncontent-type: application\/problem\+json/i);
        expect(connection.jsonBody).toMatchObject({ status: 401, code });
      },
      30_000,
    );
  });

  describe('with short timeouts configured', () => {
    let api: ApiHarness;
    let port: number;
    let alice: string;

    beforeAll(async () => {
      api = await startApi({ env: { ...SHORT_LIMITS, AUDIT_STREAM_HEARTBEAT_MS: '200' } });
      port = await listen(api.app);
      alice = await api.userJwt('alice');
    });
    afterAll(() => api.close());

    it('cuts a body trickled under a valid JWT once HTTP_REQUEST_TIMEOUT_MS has passed, and still serves others', async () => {
      const connection = await connectTo(port);
      connection.write(postTokenHead(bearer(alice)));
      const body = connection.trickle(BODY, 1000);
      await connection.waitForClose(OUTCOME_DEADLINE_MS);
      body.stop();
      expect(body.sent).toBeLessThan(BODY.length);
      expect(connection.status).toBe(408);
      const list = await api.http.get('/api/v1/tokens').set(bearer(alice)).expect(200);
      expect(list.body.items).toEqual([]);
    }, 30_000);

    it('cuts headers trickled for longer than HTTP_HEADERS_TIMEOUT_MS', () => expectTrickledHeadersCut(port), 30_000);

    it('closes a connection that sends nothing', async () => {
      const connection = await connectTo(port);
      await connection.waitForClose(OUTCOME_DEADLINE_MS);
      expect(connection.status === null || connection.status === 408).toBe(true);
    }, 30_000);

    it('does not cut an audit stream: the request timeout covers receiving the request, not the response', async () => {
      const root = await api.userJwt('root', { roles: ['admin'] });
      const stream = await SseClient.connect(`http://127.0.0.1:${port}/api/v1/audit/stream`, bearer(root));
      try {
        expect(stream.response.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 4 * Number(SHORT_LIMITS.HTTP_REQUEST_TIMEOUT_MS)));
        await api.http.post('/api/v1/tokens').set(bearer(alice)).send({ name: 'after a while' }).expect(201);
        const [generated] = await stream.waitForMessages(1, OUTCOME_DEADLINE_MS);
        expect(JSON.parse(generated.data)).toMatchObject({ type: 'TokenGenerated', userId: 'alice' });
        expect(stream.ended).toBe(false);
      } finally {
        await stream.close();
      }
    }, 30_000);
  });

  describe('past HTTP_MAX_CONNECTIONS', () => {
    const CAP = 3;
    let api: ApiHarness;
    let port: number;

    beforeAll(async () => {
      api = await startApi({ env: { HTTP_MAX_CONNECTIONS: String(CAP) } });
      port = await listen(api.app);
    });
    afterAll(() => api.close());

    it('closes a new connection at once, and serves new ones again once others have closed', async () => {
      const held = [];
      for (let i = 0; i < CAP; i += 1) {
        const connection = await connectTo(port);
        connection.write('GET /health/live HTTP/1.1\r\n');
        held.push(connection);
      }
      expect(await rawGet(port, '/health/live')).toBeNull();
      expect(held.some((connection) => connection.closed)).toBe(false);
      for (const connection of held) connection.destroy();
      await eventually(async () => (await rawGet(port, '/health/live')) === 200, OUTCOME_DEADLINE_MS);
    }, 30_000);

    it('closes idle keep-alive connections when the cap is reached, so that the next connection gets in', async () => {
      const idle = [];
      for (let i = 0; i < CAP; i += 1) {
        const connection = await connectTo(port);
        connection.write('GET /health/live HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
        await connection.waitUntil((c) => c.status === 200, OUTCOME_DEADLINE_MS, 'answer');
        idle.push(connection);
      }
      expect(await rawGet(port, '/health/live')).toBeNull();
      await Promise.all(idle.map((connection) => connection.waitForClose(OUTCOME_DEADLINE_MS)));
      expect(await rawGet(port, '/health/live')).toBe(200);
    }, 30_000);
  });

  describe("the notifier's health port", () => {
    const dataDir = tempDataDir('pat-slow-notifier');
    let notifier: NotifierHarness;
    let port: number;

    beforeAll(async () => {
      notifier = await startNotifier({ dataDir: dataDir.path, env: SHORT_LIMITS });
      port = await listen(notifier.app);
    });
    afterAll(async () => {
      await notifier.close();
      dataDir.remove();
    });

    it('cuts headers trickled for longer than HTTP_HEADERS_TIMEOUT_MS', () => expectTrickledHeadersCut(port), 30_000);
  });
});
