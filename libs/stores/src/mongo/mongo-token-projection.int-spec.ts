import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogPosition, RecordedEvent, TokenProjection } from '@pat/domain';
import { readModelAnswers, type ReadModel } from '../../../../test/contracts/token-read-model.contract';
import {
  dropTestDatabase,
  testMongoUrl,
  uniqueDatabaseName,
  withRawDatabase,
} from '../../../../test/support/mongo-test-database';
import { OUTCOME_DEADLINE_MS } from '../../../../test/support/outcome-deadline';
import { appendHistory, at, DAY, HOUR, NOW, TokenHistory } from '../../../../test/support/token-history';
import { InMemoryTokenReadModel } from '../memory/in-memory-token-read-model';
import { ProjectionRunner } from '../projection/projection-runner';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import {
  MongoTokenReadModel,
  PROJECTION_CHECKPOINTS_COLLECTION,
  TOKEN_VIEWS_COLLECTION,
  TOKEN_VIEWS_PROJECTION,
} from './mongo-token-read-model';

const ANSWERS = { nows: [at(-2 * DAY), NOW, at(10 * DAY)], userIds: ['alice', 'bob'], limits: [1, 100] };

/** Wraps a projection to record which events it was handed. */
function recording(projection: ReadModel): { projection: TokenProjection; seen: RecordedEvent[] } {
  const seen: RecordedEvent[] = [];
  return {
    seen,
    projection: {
      apply: (event) => {
        seen.push(event);
        return projection.apply(event);
      },
      checkpoint: () => projection.checkpoint(),
    },
  };
}

describe('MongoTokenReadModel driven by ProjectionRunner over SqliteEventStore', () => {
  let dir: string;
  let store: SqliteEventStore;
  let history: TokenHistory;
  let errors: unknown[];
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pat-mongo-projection-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    history = new TokenHistory();
    errors = [];
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
  });

  const database = (label: string): string => {
    const url = testMongoUrl(uniqueDatabaseName(label));
    cleanups.push(() => dropTestDatabase(url));
    return url;
  };

  const openModel = async (url: string): Promise<MongoTokenReadModel> => {
    const model = await MongoTokenReadModel.open(url);
    cleanups.push(() => model.close());
    return model;
  };

  const startRunner = async (projection: TokenProjection): Promise<ProjectionRunner> => {
    const runner = new ProjectionRunner(store, projection, (error) => errors.push(error));
    cleanups.push(() => runner.stop());
    await runner.start();
    return runner;
  };

  /** Every token event the store holds, projected by the embedded model: the expected answers. */
  const reference = async (): Promise<InMemoryTokenReadModel> => {
    const model = new InMemoryTokenReadModel();
    for (const event of await store.readAll(null, 100_000)) await model.apply(event);
    return model;
  };

  /** Two batches of history: `first` is in the log before a runner starts, `second` arrives while it runs. */
  const writeHistory = async (): Promise<{ first: LogPosition; second: () => Promise<LogPosition> }> => {
    const [a, b, c, d] = Array.from({ length: 4 }, () => history.token());
    a.generate({ userId: 'alice', createdAt: at(-3 * DAY), expiresAt: at(-HOUR) });
    history.other();
    b.generate({ userId: 'bob', createdAt: at(-2 * DAY), expiresAt: at(7 * DAY) });
    b.noticeSent(7);
    const first = await appendHistory(store, history.events);
    const written = history.events.length;
    return {
      first,
      second: async () => {
        c.generate({ userId: 'alice', createdAt: at(-DAY), expiresAt: at(-2 * HOUR) });
        c.expire(at(-HOUR));
        b.revoke(at(-HOUR));
        d.generate({ userId: 'alice', createdAt: at(-HOUR), expiresAt: null });
        b.noticeSent(1);
        return appendHistory(store, history.events.slice(written));
      },
    };
  };

  it('follows the log live, and a rebuild from scratch into a new database equals it', async () => {
    const { second } = await writeHistory();
    const live = await openModel(database('live'));
    const liveRunner = await startRunner(live);
    const last = await second();
    expect(await liveRunner.waitFor(last, OUTCOME_DEADLINE_MS)).toBe(true);

    const rebuilt = await openModel(database('rebuilt'));
    const rebuilder = await startRunner(rebuilt);

    const expected = await readModelAnswers(await reference(), ANSWERS);
    expect(expected.all).toHaveLength(4);
    expect(await readModelAnswers(live, ANSWERS)).toEqual(expected);
    expect(await readModelAnswers(rebuilt, ANSWERS)).toEqual(expected);
    expect(rebuilder.position).toBe(last);
    expect(await rebuilt.checkpoint()).toBe(last);
    expect(await live.checkpoint()).toBe(last);
  });

  it('rebuilds in place after a reset, repairing documents the log does not back', async () => {
    const { second } = await writeHistory();
    const url = database('reset');
    const model = await openModel(url);
    const runner = await startRunner(model);
    const last = await second();
    expect(await runner.waitFor(last, OUTCOME_DEADLINE_MS)).toBe(true);
    await runner.stop();
    const [damaged] = await model.list({ now: NOW, status: 'active' });
    await withRawDatabase(url, (db) =>
      db
        .collection<{ _id: string }>(TOKEN_VIEWS_COLLECTION)
        .updateOne({ _id: damaged.id }, { $set: { status: 'revoked', name: 'not in the log' } }),
    );
    expect(await model.findById(damaged.id)).toMatchObject({ status: 'revoked' });

    await model.reset();
    expect(await model.checkpoint()).toBeNull();
    expect(await model.list({ now: NOW })).toEqual([]);
    const rebuilder = await startRunner(model);

    expect(rebuilder.position).toBe(last);
    expect(await model.findById(damaged.id)).toEqual(await (await reference()).findById(damaged.id));
    expect(await readModelAnswers(model, ANSWERS)).toEqual(await readModelAnswers(await reference(), ANSWERS));
  });

  it('resumes after a restart from its checkpoint, replaying nothing and losing nothing', async () => {
    const { first, second } = await writeHistory();
    const url = database('resume');
    const before = await openModel(url);
    const runner = await startRunner(before);
    expect(runner.position).toBe(first);
    await runner.stop();
    const last = await second();

    const after = recording(await openModel(url));
    const restarted = await startRunner(after.projection);

    expect(restarted.position).toBe(last);
    expect(after.seen.map((event) => event.position)).toEqual(
      (await store.readAll(first, 1000, { streamPrefix: 'pat-' })).map((event) => event.position),
    );
    expect(await readModelAnswers(before, ANSWERS)).toEqual(await readModelAnswers(await reference(), ANSWERS));
  });

  it('replays harmlessly from a checkpoint that lags behind its documents, as after a crash between the two', async () => {
    const { first, second } = await writeHistory();
    const url = database('lagging');
    const model = await openModel(url);
    const runner = await startRunner(model);
    const last = await second();
    expect(await runner.waitFor(last, OUTCOME_DEADLINE_MS)).toBe(true);
    await runner.stop();
    const expected = await readModelAnswers(model, ANSWERS);
    await withRawDatabase(url, (db) =>
      db
        .collection<{ _id: string; position: string }>(PROJECTION_CHECKPOINTS_COLLECTION)
        .updateOne({ _id: TOKEN_VIEWS_PROJECTION }, { $set: { position: first } }),
    );
    expect(await model.checkpoint()).toBe(first);

    const replaying = recording(model);
    const restarted = await startRunner(replaying.projection);

    expect(replaying.seen.map((event) => event.type)).toEqual([
      'TokenGenerated',
      'TokenExpired',
      'TokenRevoked',
      'TokenGenerated',
      'ExpiryNoticeSent',
    ]);
    expect(restarted.position).toBe(last);
    expect(await model.checkpoint()).toBe(last);
    expect(await readModelAnswers(model, ANSWERS)).toEqual(expected);
  });
});
