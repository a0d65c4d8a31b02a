import type { ServerResponse } from 'node:http';
import {
  TOKEN_STREAM_PREFIX,
  type EventStore,
  type LogPosition,
  type LogSubscription,
  type RecordedEvent,
} from '@pat/domain';
import type { AuditEventMatcher } from '../audit-event-matcher';
import { endFrame, HEARTBEAT_FRAME, messageFrame, retryFrame } from './server-sent-events';

const CLIENT_RETRY_MS = 2000;

/** Why the server ends a stream: the admin's JWT is no longer accepted, or the stream is as old as allowed. */
export type StreamEndReason = 'credential_expired' | 'max_lifetime';

export interface AuditEventStreamOptions {
  after: LogPosition | null;
  heartbeatMs: number;
  /** When, from now, the stream ends, and why. */
  end: { inMs: number; reason: StreamEndReason };
  onError: (error: unknown) => void;
}

/**
 * One client's live audit stream: every matching event after `after`, in log order, each
 * written (and drained) before the next is read, so a slow client slows only its own stream.
 * It ends at `end` with an `event: end` frame naming the reason; nothing is written after it.
 */
export class AuditEventStream {
  private readonly subscription: LogSubscription;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly ending: NodeJS.Timeout;
  private closed = false;

  constructor(
    store: EventStore,
    private readonly response: ServerResponse,
    private readonly matcher: AuditEventMatcher,
    options: AuditEventStreamOptions,
  ) {
    void this.write(retryFrame(CLIENT_RETRY_MS));
    this.subscription = store.subscribeToAll(options.after, (recorded) => this.send(recorded), {
      streamPrefix: TOKEN_STREAM_PREFIX,
      onError: options.onError,
    });
    this.heartbeat = setInterval(() => void this.write(HEARTBEAT_FRAME), options.heartbeatMs);
    this.ending = setTimeout(() => void this.end(options.end.reason), options.end.inMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.ending);
    await this.subscription.close();
    if (!this.response.writableEnded) this.response.end();
  }

  private async end(reason: StreamEndReason): Promise<void> {
    if (this.closed) return;
    this.response.write(endFrame(reason));
    await this.close();
  }

  private async send(recorded: RecordedEvent): Promise<void> {
    if (this.closed) return;
    const item = await this.matcher.match(recorded);
    if (item) await this.write(messageFrame(item.position, item));
  }

  private write(frame: string): Promise<void> {
    if (this.closed || this.response.write(frame)) return Promise.resolve();
    return new Promise((resolve) => {
      const resume = (): void => {
        this.response.off('drain', resume);
        this.response.off('close', resume);
        resolve();
      };
      this.response.on('drain', resume);
      this.response.on('close', resume);
    });
  }
}
