import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  StoreUnavailableError,
  TOKEN_EVENT_SCHEMA_VERSION,
  TOKEN_GENERATED_SCHEMA_VERSION,
  tokenStreamName,
  type AppendResult,
  type EventToAppend,
  type ExpiryNoticeSent,
  type LogPosition,
  type RecordedEvent,
  type TokenEvent,
  type TokenExpired,
  type TokenGenerated,
  type TokenProjection,
  type TokenRevoked,
  type TokenView,
} from '@pat/domain';
import { OUTCOME_DEADLINE_MS } from '../../../../test/support/outcome-deadline';
import { InMemoryTokenReadModel } from '../memory/in-memory-token-read-model';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ProjectionFreshness } from './projection-freshness';
import { ProjectionRunner } from './projection-runner';

const NOW = new Date('2031-06-15T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

interface TokenSpec {
  userId?: string;
  createdAt?: Date;
  expiresAt?: Date | null;
}

/** The events of one token, written to `pat-<tokenId>` with the right expected revisions. */
class TokenStream {
  readonly id = randomUUID();
  readonly digest = `digest-${randomUUID()}`;
  private revision = -1;

  constructor(private readonly store: SqliteEventStore) {}

  get streamId(): string {
    return tokenStreamName(this.id);
  }

  generate(spec: TokenSpec = {}): Promise<AppendResult> {
    const data: TokenGenerated['data'] = {
      schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION,
      tokenId: this.id,
      userId: spec.userId ?? 'user-1',
      ownerEmail: 'owner@example.com',
      name: `token ${this.id.slice(0, 8)}`,
      tokenDigest: this.digest,
      tokenHint: 'pat_ABCD…WXYZ',
      generatedAt: (spec.createdAt ?? at(-DAY)).toISOString(),
      expiresAt: spec.expiresAt === undefined || spec.expiresAt === null ? null : spec.expiresAt.toISOString(),
      scopes: ['api', 'read_api'],
      maxRequestsPerSecond: null,
    };
    return this.append({ type: 'TokenGenerated', data });
  }

  revoke(revokedAt = at(-HOUR)): Promise<AppendResult> {
    const data: TokenRevoked['data'] = {
      schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
      tokenId: this.id,
      revokedAt: revokedAt.toISOString(),
      revokedBy: 'user:admin',
      reason: 'leaked',
    };
    return this.append({ type: 'TokenRevoked', data });
  }

  expire(expiredAt = at(-HOUR)): Promise<AppendResult> {
    const data: TokenExpired['data'] = {
      schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
      tokenId: this.id,
      expiredAt: expiredAt.toISOString(),
    };
    return this.append({ type: 'TokenExpired', data });
  }

  noticeSent(thresholdDays: number): Promise<AppendResult> {
    const data: ExpiryNoticeSent['data'] = {
      schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
      tokenId: this.id,
      thresholdDays,
      channel: 'email',
      sentAt: NOW.toISOString(),
    };
    return this.append({ type: 'ExpiryNoticeSent', data });
  }

  private async append(event: TokenEvent): Promise<AppendResult> {
    const toAppend: EventToAppend = {
      id: randomUUID(),
      type: event.type,
      data: { ...event.data },
      metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'user:test' },
    };
    const result = await this.store.append(this.streamId, [toAppend], this.revision < 0 ? 'no_stream' : this.revision);
    this.revision = result.nextExpectedRevision;
    return result;
  }
}

/** Everything the read model answers, for comparing two models. */
async function snapshot(model: InMemoryTokenReadModel) {
  const all = await model.list({ now: NOW });
  return {
    all,
    byId: await Promise.all(all.map((view) => model.findById(view.id))),
    byDigest: await Promise.all(all.map((view) => model.findByDigest(view.tokenDigest))),
    active: await model.list({ now: NOW, status: 'active' }),
    revoked: await model.list({ now: NOW, status: 'revoked' }),
    expired: await model.list({ now: NOW, status: 'expired' }),
    due: await model.findDueForExpiry(NOW, 1000),
    checkpoint: await model.checkpoint(),
  };
}

const ids = (views: readonly TokenView[]): string[] => views.map((view) => view.id);

describe('ProjectionRunner with InMemoryTokenReadModel over SqliteEventStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  let model: InMemoryTokenReadModel;
  let errors: unknown[];
  let runner: ProjectionRunner;
  const cleanups: (() => Promise<void>)[] = [];

  const token = (): TokenStream => new TokenStream(store);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pat-projection-'));
    file = join(dir, 'events.sqlite');
    store = new SqliteEventStore(file);
    model = new InMemoryTokenReadModel();
    errors = [];
    runner = new ProjectionRunner(store, model, (error) => errors.push(error));
  });

  afterEach(async () => {
    await runner.stop();
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
  });

  describe('start', () => {
    it('resolves only once every event already in the log is applied, over several batches', async () => {
      const tokens = Array.from({ length: 1100 }, token);
      for (const each of tokens) await each.generate();
      await tokens[0].revoke();
      await store.append('other-stream', [otherEvent()], 'no_stream');
      const last = await tokens[1099].noticeSent(7);

      await runner.start();

      expect((await model.findById(tokens[0].id))?.status).toBe('revoked');
      expect((await model.findById(tokens[1099].id))?.revision).toBe(1);
      expect(await model.list({ now: NOW })).toHaveLength(1100);
      expect(runner.position).toBe(last.position);
      expect(await model.checkpoint()).toBe(last.position);
    });

    it('resolves at once on an empty log', async () => {
      await runner.start();

      expect(runner.position).toBeNull();
      expect(await model.list({ now: NOW })).toEqual([]);
    });
  });

  describe('waitFor', () => {
    it('resolves true once an append is applied, and the token is then readable', async () => {
      await runner.start();
      const fresh = token();

      const appended = await fresh.generate();
      const reached = await runner.waitFor(appended.position, OUTCOME_DEADLINE_MS);

      expect(reached).toBe(true);
      expect((await model.findById(fresh.id))?.status).toBe('active');
      await expect(runner.waitFor(appended.position, 1)).resolves.toBe(true);
    });

    it('resolves false once the timeout has passed for a position never reached, not before', async () => {
      await runner.start();
      const appended = await token().generate();
      await runner.waitFor(appended.position, OUTCOME_DEADLINE_MS);
      const beyond: LogPosition = String(Number(appended.position) + 1_000_000);
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        let reached: boolean | null = null;
        void runner.waitFor(beyond, 200).then((outcome) => (reached = outcome));

        await jest.advanceTimersByTimeAsync(199);
        expect(reached).toBeNull();
        await jest.advanceTimersByTimeAsync(1);
        expect(reached).toBe(false);
      } finally {
        jest.useRealTimers();
      }
    });

    it('resolves pending waiters false on stop', async () => {
      await runner.start();
      const appended = await token().generate();
      const pending = runner.waitFor(String(Number(appended.position) + 1_000_000), 10_000);

      await runner.stop();

      await expect(pending).resolves.toBe(false);
    });
  });

  describe('the read model it keeps', () => {
    beforeEach(() => runner.start());

    it('shows a token generated then revoked, by id, by digest and in lists', async () => {
      const revoked = token();
      await revoked.generate({ userId: 'alice', createdAt: at(-2 * DAY), expiresAt: at(30 * DAY) });
      const generated = await runner.waitFor(
        (await token().generate({ userId: 'alice' })).position,
        OUTCOME_DEADLINE_MS,
      );
      const beforeRevoke = await model.findById(revoked.id);
      const revokedAt = at(-HOUR);
      await runner.waitFor((await revoked.revoke(revokedAt)).position, OUTCOME_DEADLINE_MS);

      const view = await model.findById(revoked.id);

      expect(generated).toBe(true);
      expect(beforeRevoke?.status).toBe('active');
      expect(view).toEqual<TokenView>({
        id: revoked.id,
        userId: 'alice',
        ownerEmail: 'owner@example.com',
        name: `token ${revoked.id.slice(0, 8)}`,
        tokenHint: 'pat_ABCD…WXYZ',
        tokenDigest: revoked.digest,
        scopes: ['api', 'read_api'],
        maxRequestsPerSecond: null,
        createdAt: at(-2 * DAY),
        expiresAt: at(30 * DAY),
        status: 'revoked',
        revokedAt,
        revokedBy: 'user:admin',
        suspendedAt: null,
        suspendedBy: null,
        expiredAt: null,
        expiredByPolicy: false,
        successorId: null,
        rotatedAt: null,
        graceUntil: null,
        predecessorId: null,
        revision: 1,
      });
      expect(await model.findByDigest(revoked.digest)).toEqual(view);
      expect(model.viewByDigest(revoked.digest)).toEqual(view);
      expect(await model.findByDigest('digest-unknown')).toBeNull();
      expect(await model.findById(randomUUID())).toBeNull();
      expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'revoked' }))).toEqual([revoked.id]);
      expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'active' }))).not.toContain(revoked.id);
    });

    it('lists newest first, by user and by effective status', async () => {
      const [old, lapsed, revoked, recent, recordedExpired, other] = Array.from({ length: 6 }, token);
      await old.generate({ userId: 'alice', createdAt: at(-5 * DAY), expiresAt: null });
      await lapsed.generate({ userId: 'alice', createdAt: at(-4 * DAY), expiresAt: at(-HOUR) });
      await revoked.generate({ userId: 'alice', createdAt: at(-3 * DAY), expiresAt: at(-HOUR) });
      await revoked.revoke(at(-2 * HOUR));
      await recent.generate({ userId: 'alice', createdAt: at(-DAY), expiresAt: at(DAY) });
      await recordedExpired.generate({ userId: 'alice', createdAt: at(-2 * DAY), expiresAt: at(-DAY) });
      await recordedExpired.expire(at(-DAY));
      const last = await other.generate({ userId: 'bob', createdAt: at(-HOUR) });
      await runner.waitFor(last.position, OUTCOME_DEADLINE_MS);

      const alice = await model.list({ userId: 'alice', now: NOW });

      expect(ids(alice)).toEqual([recent.id, recordedExpired.id, revoked.id, lapsed.id, old.id]);
      expect(ids(await model.list({ now: NOW }))).toEqual([
        other.id,
        recent.id,
        recordedExpired.id,
        revoked.id,
        lapsed.id,
        old.id,
      ]);
      expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'active' }))).toEqual([recent.id, old.id]);
      expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'expired' }))).toEqual([
        recordedExpired.id,
        lapsed.id,
      ]);
      expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'revoked' }))).toEqual([revoked.id]);
      expect(ids(await model.list({ userId: 'alice', now: at(2 * DAY), status: 'active' }))).toEqual([old.id]);
      expect(ids(await model.list({ userId: 'bob', now: NOW }))).toEqual([other.id]);
      expect(await model.list({ userId: 'nobody', now: NOW })).toEqual([]);
      expect((await model.findById(lapsed.id))?.status).toBe('active');
      expect((await model.findById(recordedExpired.id))?.expiredAt).toEqual(at(-DAY));
    });

    it('finds the active tokens due for expiry, soonest first', async () => {
      const [later, sooner, exactlyNow, future, never, revoked, expired] = Array.from({ length: 7 }, token);
      await later.generate({ expiresAt: at(-HOUR) });
      await sooner.generate({ expiresAt: at(-2 * HOUR) });
      await exactlyNow.generate({ expiresAt: NOW });
      await future.generate({ expiresAt: at(1) });
      await never.generate({ expiresAt: null });
      await revoked.generate({ expiresAt: at(-3 * HOUR) });
      await revoked.revoke(at(-4 * HOUR));
      await expired.generate({ expiresAt: at(-3 * HOUR) });
      const last = await expired.expire(at(-3 * HOUR));
      await runner.waitFor(last.position, OUTCOME_DEADLINE_MS);

      expect(ids(await model.findDueForExpiry(NOW, 10))).toEqual([sooner.id, later.id, exactlyNow.id]);
      expect(ids(await model.findDueForExpiry(NOW, 2))).toEqual([sooner.id, later.id]);
      expect(ids(await model.findDueForExpiry(at(-90 * 60_000), 10))).toEqual([sooner.id]);
      expect(await model.findDueForExpiry(at(-DAY), 10)).toEqual([]);
    });
  });

  describe('replays and rebuilds', () => {
    /** Some tokens before the runner starts and some after, with every kind of event. */
    const writeHistory = async (): Promise<AppendResult> => {
      const [a, b, c, d] = Array.from({ length: 4 }, token);
      await a.generate({ userId: 'alice', createdAt: at(-3 * DAY), expiresAt: at(-HOUR) });
      await b.generate({ userId: 'bob', createdAt: at(-2 * DAY), expiresAt: at(7 * DAY) });
      await b.noticeSent(7);
      await store.append('other-stream', [otherEvent()], 'no_stream');
      await runner.start();
      await c.generate({ userId: 'alice', createdAt: at(-DAY), expiresAt: at(-2 * HOUR) });
      await c.expire(at(-HOUR));
      await b.revoke(at(-HOUR));
      await d.generate({ userId: 'alice', createdAt: at(-HOUR), expiresAt: null });
      const last = await b.noticeSent(1);
      expect(await runner.waitFor(last.position, OUTCOME_DEADLINE_MS)).toBe(true);
      return last;
    };

    const everyEvent = (): Promise<RecordedEvent[]> => store.readAll(null, 10_000);

    it('changes nothing when every event is applied twice', async () => {
      await writeHistory();
      const live = await snapshot(model);
      const twice = new InMemoryTokenReadModel();

      for (const event of await everyEvent()) {
        await twice.apply(event);
        await twice.apply(event);
      }
      for (const event of await everyEvent()) await model.apply(event);

      expect(await snapshot(twice)).toEqual(live);
      expect(await snapshot(model)).toEqual(live);
    });

    it('changes no token when an event already applied is delivered again late, after newer ones', async () => {
      await writeHistory();
      const { checkpoint: _checkpoint, ...views } = await snapshot(model);

      for (const event of [...(await everyEvent())].reverse()) {
        await model.apply(event);
        const { checkpoint: _after, ...viewsAfter } = await snapshot(model);
        expect({ event: event.type, views: viewsAfter }).toEqual({ event: event.type, views });
      }
    });

    it('rebuilds from scratch, in a new process on the same file, to the same model', async () => {
      const last = await writeHistory();
      const restarted = new SqliteEventStore(file);
      const rebuilt = new InMemoryTokenReadModel();
      const rebuilder = new ProjectionRunner(restarted, rebuilt, (error) => errors.push(error));
      cleanups.push(async () => {
        await rebuilder.stop();
        await restarted.close();
      });

      await rebuilder.start();

      expect(rebuilder.position).toBe(last.position);
      expect(await snapshot(rebuilt)).toEqual(await snapshot(model));
      expect(ids(await rebuilt.list({ now: NOW }))).toHaveLength(4);
    });
  });

  it('applies an event again when the projection failed on it, skipping nothing', async () => {
    const failure = new Error('read model unavailable');
    let failed = false;
    const flaky: TokenProjection = {
      apply: (event) => {
        if (event.revision === 1 && !failed) {
          failed = true;
          return Promise.reject(failure);
        }
        return model.apply(event);
      },
      checkpoint: () => model.checkpoint(),
    };
    const reported: unknown[] = [];
    const flakyRunner = new ProjectionRunner(store, flaky, (error) => reported.push(error));
    cleanups.push(() => flakyRunner.stop());
    const revoked = token();
    await revoked.generate();
    const last = await revoked.revoke();

    await flakyRunner.start();

    expect(reported).toEqual([failure]);
    expect(flakyRunner.position).toBe(last.position);
    expect((await model.findById(revoked.id))?.status).toBe('revoked');
  });
});

describe('ProjectionRunner: whether the projection is known to be current', () => {
  let dir: string;
  let store: SqliteEventStore;
  const stops: (() => Promise<void>)[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pat-freshness-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A runner over an in-memory model that refuses checks while stale, optionally held before applying a revoke. */
  function follow(maxLagMs: number, hold: { revokes: Promise<void> } = { revokes: Promise.resolve() }) {
    const signal = new ProjectionFreshness();
    const changes: boolean[] = [];
    signal.onChange((current) => changes.push(current));
    const model = new InMemoryTokenReadModel({ freshness: signal });
    const projection: TokenProjection = {
      apply: async (event) => {
        if (event.type === 'TokenRevoked') await hold.revokes;
        await model.apply(event);
      },
      checkpoint: () => model.checkpoint(),
    };
    const runner = new ProjectionRunner(store, projection, () => undefined, { freshness: { signal, maxLagMs } });
    stops.push(() => runner.stop());
    return { signal, changes, model, runner };
  }

  it('holds from the start on, whether the log is busy or idle, and ends with stop', async () => {
    const { signal, changes, runner } = follow(1000);
    expect(signal.current).toBe(false);
    await runner.start();
    expect(signal.current).toBe(true);

    for (let index = 0; index < 10; index++) {
      await runner.waitFor((await new TokenStream(store).generate()).position, 1000);
      await sleep(100);
    }
    await sleep(1500);
    await runner.stop();

    expect(changes).toEqual([true, false]);
  }, 15_000);

  it('turns false while the projection is stuck behind the log, the model refusing checks, and true once it has caught up', async () => {
    let release = (): void => undefined;
    const hold = { revokes: new Promise<void>((resolve) => (release = resolve)) };
    const { signal, model, runner } = follow(300, hold);
    await runner.start();
    const revoked = new TokenStream(store);
    await runner.waitFor((await revoked.generate()).position, 1000);
    expect(await model.findByDigest(revoked.digest)).toMatchObject({ status: 'active' });

    await revoked.revoke();
    await waitUntil(() => !signal.current, 5000);

    await expect(model.findByDigest(revoked.digest)).rejects.toBeInstanceOf(StoreUnavailableError);
    release();
    await waitUntil(() => signal.current, 5000);
    expect(await model.findByDigest(revoked.digest)).toMatchObject({ status: 'revoked' });
  });

  it('turns false when the store stops answering', async () => {
    const { signal, runner } = follow(300);
    await runner.start();
    expect(signal.current).toBe(true);

    await store.close();
    await waitUntil(() => !signal.current, 5000);

    expect(signal.current).toBe(false);
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

function otherEvent(): EventToAppend {
  return {
    id: randomUUID(),
    type: 'SomethingElse',
    data: { tokenId: 'not-a-token' },
    metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'system' },
  };
}
