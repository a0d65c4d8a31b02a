import type { Credentials } from '@eventstore/db-client';
import { request } from 'node:https';

export interface UsersApiOptions {
  /** `https://host:port` of the node: EventStoreDB serves its HTTP API on the gRPC port. */
  baseUrl: URL;
  admin: Credentials;
  /** PEM CA certificate the node's certificate must be signed by; the system CAs when undefined. */
  ca: Buffer | undefined;
  /** How long to keep asking while the node is not ready (no connection, 503, 408). */
  readyTimeoutMs: number;
  retryIntervalMs: number;
}

interface Answer {
  status: number;
  body: string;
}

/** Answers of a node that is starting: its users subsystem is not ready yet. */
const NOT_READY_STATUSES = new Set([408, 503]);
/** A request the node has not answered by then is abandoned and tried again. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * The users endpoints of EventStoreDB's HTTP API (`POST /users/`,
 * `POST /users/{login}/command/reset-password`), as an admin: the gRPC client has no user management.
 */
export class EventStoreDbUsersApi {
  constructor(private readonly options: UsersApiOptions) {}

  /** Creates the user, or gives an existing one this password: what it is after this is what was asked. */
  async ensureUser(user: Credentials, fullName: string): Promise<'created' | 'password reset'> {
    const created = await this.post('/users/', {
      loginName: user.username,
      fullName,
      groups: [],
      password: user.password,
    });
    if (created.status === 201) return 'created';
    if (created.status !== 409) throw this.failure('create the user', created);
    const reset = await this.post(`/users/${encodeURIComponent(user.username)}/command/reset-password`, {
      newPassword: user.password,
    });
    if (reset.status !== 200) throw this.failure('reset the password of the user', reset);
    return 'password reset';
  }

  private async post(path: string, body: object): Promise<Answer> {
    const deadline = Date.now() + this.options.readyTimeoutMs;
    for (;;) {
      const timeoutMs = Math.max(1, Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now()));
      const attempt = await this.send(path, JSON.stringify(body), timeoutMs).then(
        (answer) => ({ answer, notReady: NOT_READY_STATUSES.has(answer.status) ? `HTTP ${answer.status}` : null }),
        (error: unknown) => ({ answer: null, notReady: error instanceof Error ? error.message : String(error) }),
      );
      if (attempt.answer !== null && attempt.notReady === null) return attempt.answer;
      if (Date.now() >= deadline) {
        throw new Error(`EventStoreDB at ${this.options.baseUrl.origin} was not ready in time: ${attempt.notReady}`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.retryIntervalMs));
    }
  }

  private send(path: string, body: string, timeoutMs: number): Promise<Answer> {
    const { admin, ca } = this.options;
    const authorization = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        new URL(path, this.options.baseUrl),
        {
          method: 'POST',
          ca,
          signal: AbortSignal.timeout(timeoutMs),
          headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (text += chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  private failure(action: string, answer: Answer): Error {
    const hint = answer.status === 401 ? ' (is EVENTSTORE_DEFAULT_ADMIN_PASSWORD the password of admin?)' : '';
    return new Error(`EventStoreDB did not ${action}: HTTP ${answer.status}${hint} ${answer.body}`.trim());
  }
}
