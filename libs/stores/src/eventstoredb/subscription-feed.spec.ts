import { Readable } from 'node:stream';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { SubscriptionFeed, type FeedItem } from './subscription-feed';

/** The part of the client's subscription the feed uses: an object stream with out-of-band signals. */
class FakeSubscription extends Readable {
  unsubscribed = false;

  constructor() {
    super({ objectMode: true, read: () => undefined });
  }

  unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    return Promise.resolve();
  }
}

const resolved = (n: number): AllStreamResolvedEvent => ({ commitPosition: BigInt(n) });

const describeItem = (item: FeedItem): string =>
  item.kind === 'event' ? `event ${String(item.resolved.commitPosition)}` : item.kind;

async function take(feed: SubscriptionFeed, count: number): Promise<string[]> {
  const items: string[] = [];
  for (let i = 0; i < count; i++) items.push(describeItem(await feed.next()));
  return items;
}

function open(): { fake: FakeSubscription; feed: SubscriptionFeed } {
  const fake = new FakeSubscription();
  return { fake, feed: new SubscriptionFeed(fake) };
}

describe('SubscriptionFeed', () => {
  it('puts caught up after the events the stream still held when the client signalled it', async () => {
    const { fake, feed } = open();
    fake.push(resolved(1));
    fake.pause();
    fake.push(resolved(2));
    fake.push(resolved(3));

    fake.emit('caughtUp');
    fake.push(resolved(4));
    fake.resume();

    expect(await take(feed, 5)).toEqual(['event 1', 'event 2', 'event 3', 'caughtUp', 'event 4']);
  });

  it('pauses the stream while many events wait, and resumes it once most are taken', async () => {
    const { fake, feed } = open();
    for (let n = 0; n < 300; n++) fake.push(resolved(n));
    await new Promise((resolve) => setImmediate(resolve));

    expect(fake.isPaused()).toBe(true);
    await take(feed, 250);
    expect(fake.isPaused()).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await take(feed, 50)).at(-1)).toBe('event 299');
  });

  it('hands over the events received before a failure, then the failure', async () => {
    const { fake, feed } = open();
    const failure = new Error('connection lost');
    fake.push(resolved(1));
    await new Promise((resolve) => setImmediate(resolve));

    fake.emit('error', failure);

    expect(await take(feed, 1)).toEqual(['event 1']);
    expect(await feed.next()).toEqual({ kind: 'failed', error: failure });
  });

  it('answers closed once closed, also to a pending pull, and unsubscribes', async () => {
    const { fake, feed } = open();
    const pending = feed.next();

    await feed.close();

    expect(await pending).toEqual({ kind: 'closed' });
    expect(await feed.next()).toEqual({ kind: 'closed' });
    expect(fake.unsubscribed).toBe(true);
  });
});
