import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';

export type FeedItem =
  | { kind: 'event'; resolved: AllStreamResolvedEvent }
  | { kind: 'caughtUp' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'closed' };

/** Events held before the subscription is paused, and how few let it resume. */
const HIGH_WATER = 256;
const LOW_WATER = 64;

/**
 * One attempt of a client subscription as an ordered pull of items. The client signals
 * `caughtUp` out of band, possibly while events before it are still buffered in the stream;
 * the feed puts it in line right after the last of those events. A failure may overtake
 * events still held in the stream: the next attempt reads them again.
 */
export class SubscriptionFeed {
  private readonly items: FeedItem[] = [];
  private readonly caughtUpAfter: number[] = [];
  private received = 0;
  private waiter: (() => void) | null = null;
  private closed = false;

  constructor(private readonly subscription: AllStreamSubscription) {
    subscription.on('data', (resolved) => this.receive(resolved));
    subscription.on('caughtUp', () => {
      this.caughtUpAfter.push(this.received + subscription.readableLength);
      this.releaseCaughtUp();
    });
    subscription.on('error', (error) => this.push({ kind: 'failed', error }));
    subscription.on('end', () => this.push({ kind: 'failed', error: new Error('The server ended the subscription') }));
  }

  async next(): Promise<FeedItem> {
    while (this.items.length === 0) {
      if (this.closed) return { kind: 'closed' };
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    const item = this.items.shift() as FeedItem;
    if (this.items.length <= LOW_WATER && this.subscription.isPaused()) this.subscription.resume();
    return item;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    try {
      await this.subscription.unsubscribe();
    } catch {
      // The call never started or has already failed: nothing is left to cancel.
    }
  }

  private receive(resolved: AllStreamResolvedEvent): void {
    this.received++;
    this.push({ kind: 'event', resolved });
    this.releaseCaughtUp();
    if (this.items.length >= HIGH_WATER) this.subscription.pause();
  }

  private releaseCaughtUp(): void {
    while (this.caughtUpAfter.length > 0 && this.caughtUpAfter[0] <= this.received) {
      this.caughtUpAfter.shift();
      this.push({ kind: 'caughtUp' });
    }
  }

  private push(item: FeedItem): void {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}
