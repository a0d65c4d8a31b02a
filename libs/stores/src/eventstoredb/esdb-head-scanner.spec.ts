import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { HeadScanner } from './esdb-head-scanner';
import { comparePositions } from './esdb-position';

/** `$all` as the scanner reads it: JSON events of named streams, newest last. */
class FakeAll {
  readonly events: AllStreamResolvedEvent[] = [];
  read = 0;

  append(streamId: string, type = 'Happened'): Position {
    const position = { commit: BigInt(this.events.length + 1) * 100n, prepare: BigInt(this.events.length + 1) * 100n };
    const event = {
      streamId,
      id: `event-${this.events.length}`,
      revision: 0n,
      type,
      data: { type },
      metadata: { actor: 'test' },
      isJson: true,
      created: new Date(),
      position,
    } as unknown as NonNullable<AllStreamResolvedEvent['event']>;
    this.events.push({ event });
    return position;
  }

  readBackwards = (before: Position | null, count: number): Promise<AllStreamResolvedEvent[]> => {
    const older = this.events.filter(
      (resolved) => before === null || comparePositions(resolved.event!.position, before) < 0,
    );
    const page = older.reverse().slice(0, count);
    this.read += page.length;
    return Promise.resolve(page);
  };
}

describe('HeadScanner', () => {
  it("finds the newest event of the prefix's streams behind the server's own events and other streams", async () => {
    const all = new FakeAll();
    const ours = all.append('pat-1');
    all.append('$stats-127.0.0.1:2113', '$statsCollected');
    all.append('other-1');
    all.append('pat-1', '$metadata');

    expect(await new HeadScanner(all.readBackwards).head('pat-')).toEqual(ours);
  });

  it('answers null when no event is ours, and for an empty log', async () => {
    const all = new FakeAll();
    expect(await new HeadScanner(all.readBackwards).head('pat-')).toBeNull();
    all.append('other-1');
    expect(await new HeadScanner(all.readBackwards).head('pat-')).toBeNull();
  });

  it('reads again only what was appended since its previous scan of the prefix', async () => {
    const all = new FakeAll();
    const ours = all.append('pat-1');
    for (let index = 0; index < 200; index++) all.append('$stats-node', '$statsCollected');
    const scanner = new HeadScanner(all.readBackwards);
    expect(await scanner.head('pat-')).toEqual(ours);
    const firstScan = all.read;
    expect(firstScan).toBeGreaterThanOrEqual(201);

    all.append('$stats-node', '$statsCollected');
    all.append('$stats-node', '$statsCollected');
    expect(await scanner.head('pat-')).toEqual(ours);
    expect(all.read - firstScan).toBeLessThanOrEqual(3 + 64);

    const later = all.append('pat-2');
    expect(await scanner.head('pat-')).toEqual(later);
    const before = all.read;
    expect(await scanner.head('pat-')).toEqual(later);
    expect(all.read - before).toBe(1);
  });
});
