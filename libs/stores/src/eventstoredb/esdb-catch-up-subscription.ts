import type { AllStreamSubscription } from '@eventstore/db-client';
import type { EventHandler, LogPosition, LogSubscription, RecordedEvent } from '@pat/domain';
import { fromResolvedEvent } from './esdb-event-codec';
import { toPortError } from './esdb-errors';
import { backoffDelay, InterruptibleSleep } from './interruptible-sleep';
import { SubscriptionFeed } from './subscription-feed';

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

type AttemptEnd = { kind: 'closed' } | { kind: 'failed'; error: unknown };

/**
 * A catch-up subscription to `$all` that outlives its connection. The client never re-creates
 * a failed subscription, so each failure ends the attempt and, after a backoff, a new one
 * starts after the last event handled (subscription starts are exclusive): nothing is lost or
 * delivered twice. A failing handler gets the same event again, with backoff, meanwhile.
 */
export class EsdbCatchUpSubscription implements LogSubscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private position: LogPosition | null;
  private closed = false;
  private feed: SubscriptionFeed | null = null;
  private readonly sleep = new InterruptibleSleep();
  private readonly loop: Promise<void>;

  constructor(
    private readonly open: (after: LogPosition | null) => AllStreamSubscription,
    after: LogPosition | null,
    private readonly handler: EventHandler,
    private readonly onError: ((error: unknown) => void) | undefined,
    private readonly backoff: Backoff,
  ) {
    this.position = after;
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sleep.wakeAll();
    await this.feed?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      let end: AttemptEnd;
      try {
        this.feed = new SubscriptionFeed(this.open(this.position));
        end = await this.follow(this.feed, () => (failures = 0));
      } catch (error) {
        end = { kind: 'failed', error };
      }
      await this.feed?.close();
      if (end.kind === 'closed' || this.closed) continue;
      failures++;
      this.report(toPortError(end.error, 'follow $all'));
      await this.sleep.sleep(backoffDelay(failures, this.backoff.initialMs, this.backoff.maxMs));
    }
  }

  /** Delivers the attempt's events in order until it fails or the subscription closes. */
  private async follow(feed: SubscriptionFeed, onProgress: () => void): Promise<AttemptEnd> {
    for (;;) {
      const item = await feed.next();
      if (this.closed || item.kind === 'closed') return { kind: 'closed' };
      if (item.kind === 'failed') return item;
      if (item.kind === 'caughtUp') {
        this.markCaughtUp();
        onProgress();
        continue;
      }
      let event: RecordedEvent | null;
      try {
        event = fromResolvedEvent(item.resolved);
      } catch (error) {
        return { kind: 'failed', error };
      }
      if (event === null) continue;
      if (!(await this.deliver(event))) return { kind: 'closed' };
      this.position = event.position;
      onProgress();
    }
  }

  /** Hands `event` to the handler until it succeeds; false if the subscription closed first. */
  private async deliver(event: RecordedEvent): Promise<boolean> {
    for (let failures = 1; !this.closed; failures++) {
      try {
        await this.handler(event);
        return true;
      } catch (error) {
        this.report(error);
        await this.sleep.sleep(backoffDelay(failures, this.backoff.initialMs, this.backoff.maxMs));
      }
    }
    return false;
  }

  private report(error: unknown): void {
    try {
      this.onError?.(error);
    } catch {
      // A throwing error callback must not stop the subscription.
    }
  }
}
