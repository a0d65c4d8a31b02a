import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials } from './basic-authentication';
import type { EventStoreDouble, SecureMode } from './eventstore-double';

const ADMIN = 'admin';
const RESET_PASSWORD = /^\/users\/([^/]+)\/command\/reset-password$/;

/**
 * The users endpoints of EventStoreDB's HTTP API over TLS, for a secure double: they change the
 * users its gRPC side accepts, as the real node's HTTP API and gRPC share one user store.
 * `POST /users/` answers 201 or 409, `POST /users/{login}/command/reset-password` 200 or 404,
 * anything not from `admin` 401. `answerNotReady(n)` makes the next n requests 503, as a
 * starting node answers before its users subsystem is up.
 */
export class UsersHttpApi {
  readonly requests: string[] = [];
  private notReady = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(
    double: EventStoreDouble,
    tls: Pick<SecureMode, 'certificateChain' | 'privateKey'>,
  ): Promise<UsersHttpApi> {
    let api: UsersHttpApi | null = null;
    const server = createServer({ cert: tls.certificateChain, key: tls.privateKey }, (request, response) => {
      void api?.handle(double, request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    api = new UsersHttpApi(server, `https://127.0.0.1:${port}`);
    return api;
  }

  answerNotReady(count: number): void {
    this.notReady = count;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(double: EventStoreDouble, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '';
    this.requests.push(`${request.method} ${path}`);
    const body = await readJson(request);
    if (this.notReady > 0) {
      this.notReady--;
      return void response.writeHead(503, { 'retry-after': '1' }).end();
    }
    if (request.method !== 'POST' || !isAdmin(double, request.headers.authorization)) {
      return void response.writeHead(401).end();
    }
    const reset = RESET_PASSWORD.exec(path);
    if (path === '/users/' && typeof body.loginName === 'string' && typeof body.password === 'string') {
      if (double.users.has(body.loginName)) return void response.writeHead(409).end();
      double.users.set(body.loginName, body.password);
      return void response.writeHead(201, { location: `/users/${body.loginName}` }).end();
    }
    if (reset !== null && typeof body.newPassword === 'string') {
      const login = decodeURIComponent(reset[1]);
      if (!double.users.has(login)) return void response.writeHead(404).end();
      double.users.set(login, body.newPassword);
      return void response.writeHead(200).end();
    }
    response.writeHead(400).end();
  }
}

function isAdmin(double: EventStoreDouble, authorization: string | undefined): boolean {
  const credentials = basicCredentials(authorization ?? '');
  return credentials?.username === ADMIN && double.users.get(ADMIN) === credentials.password;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
