import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError } from '@pat/domain';
import { Error as MongooseError, mongo } from 'mongoose';
import { withTimeout } from '../../../../test/contracts/event-store.contract';
import { readModelAnswers } from '../../../../test/contracts/token-read-model.contract';
import { FerretDbServer } from '../../../../test/support/ferretdb';
import { uniqueDatabaseName } from '../../../../test/support/mongo-test-database';
import { eventually, OUTCOME_DEADLINE_MS } from '../../../../test/support/outcome-deadline';
import { appendHistory, at, DAY, NOW, TokenHistory } from '../../../../test/support/token-history';
import { InMemoryTokenReadModel } from '../memory/in-memory-token-read-model';
import { ProjectionRunner } from '../projection/projection-runner';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { MongoTokenReadModel } from './mongo-token-read-model';

const RECOVERY_MS = 20_000;
const TEST_MS = 90_000;

async function retryUntilAnswered<T>(attempt: () => Promise<T>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((wake) => setTimeout(wake, 200));
    }
  }
}

/** Each call's outcome, once all have settled: a call that hangs fails the test at the deadline. */
function outcomesOf(calls: readonly (() => Promise<unknown>)[]): Promise<PromiseSettledResult<unknown>[]> {
  return withTimeout(Promise.allSettled(calls.map((call) => call())), OUTCOME_DEADLINE_MS);
}

/**
 * Refused by the driver itself, because it cannot reach the server (refused connection, or no
 * server selected within the connection's selection timeout), not queued until some later timeout.
 */
const unreachable = (error: unknown): boolean =>
  error instanceof StoreUnavailableError &&
  (error.cause instanceof mongo.MongoNetworkError ||
    error.cause instanceof mongo.MongoServerSelectionError ||
    error.cause instanceof MongooseError.MongooseServerSelectionError);
const unavailable = { status: 'rejected', reason: expect.any(StoreUnavailableError) as unknown };

/**
 * These tests stop and restart a FerretDB of their own (never the run's shared one), so they
 * need the FerretDB binary even when MONGO_URL names another server.
 */
describe('MongoTokenReadModel while MongoDB is down', () => {
  let server: FerretDbServer;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    server = await FerretDbServer.start();
  }, 15 * 60_000);

  afterAll(() => server?.dispose());

  afterEach(async () => {
    await server.restart();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const openModel = async (): Promise<MongoTokenReadModel> => {
    const model = await MongoTokenReadModel.open(server.url(uniqueDatabaseName('outage')));
    cleanups.push(() => model.close());
    return model;
  };

  it(
    'rejects every query and apply with StoreUnavailableError, refused by the driver, and the same instance recovers',
    async () => {
      const history = new TokenHistory();
      const token = history.token();
      const generated = token.generate({ expiresAt: at(-DAY) });
      const revoked = token.revoke();
      const model = await openModel();
      await model.apply(generated);

      await server.stop();
      const calls = [
        () => model.findByDigest(token.digest),
        () => model.findById(token.id),
        () => model.list({ userId: 'alice', now: NOW, status: 'expired' }),
        () => model.findDueForExpiry(NOW, 10),
        () => model.apply(revoked),
        () => model.checkpoint(),
        () => model.ping(),
      ];
      const first = await outcomesOf(calls);
      const again = await outcomesOf(calls);

      expect(first).toEqual(calls.map(() => unavailable));
      expect(again).toEqual(calls.map(() => unavailable));
      for (const outcome of [...first, ...again]) {
        expect(unreachable((outcome as PromiseRejectedResult).reason)).toBe(true);
      }

      await server.restart();
      const recovered = await retryUntilAnswered(() => model.findById(token.id), RECOVERY_MS);
      expect(recovered).toMatchObject({ status: 'active', revision: 0 });
      await model.apply(revoked);
      expect(await model.findByDigest(token.digest)).toMatchObject({ status: 'revoked', revision: 1 });
      expect(await model.checkpoint()).toBe(revoked.position);
      await expect(model.ping()).resolves.toBeUndefined();
    },
    TEST_MS,
  );

  it(
    'refuses to open with StoreUnavailableError, because the server cannot be reached',
    async () => {
      await server.stop();

      const [outcome] = await outcomesOf([() => MongoTokenReadModel.open(server.url(uniqueDatabaseName('closed')))]);

      expect(outcome).toEqual(unavailable);
      expect(unreachable((outcome as PromiseRejectedResult).reason)).toBe(true);
    },
    TEST_MS,
  );

  it(
    'lets a ProjectionRunner catch up after the outage, applying every event once',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pat-mongo-outage-'));
      const store = new SqliteEventStore(join(dir, 'events.sqlite'));
      cleanups.push(async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      });
      const errors: unknown[] = [];
      const model = await openModel();
      const runner = new ProjectionRunner(store, model, (error) => errors.push(error));
      cleanups.push(() => runner.stop());
      const history = new TokenHistory();
      const [kept, revoked] = [history.token(), history.token()];
      kept.generate({ expiresAt: at(DAY) });
      revoked.generate({ expiresAt: at(DAY) });
      await appendHistory(store, history.events);
      await runner.start();

      await server.stop();
      const during = history.events.length;
      revoked.revoke();
      kept.noticeSent(1);
      history.token().generate({ userId: 'bob' });
      const last = await appendHistory(store, history.events.slice(during));
      await eventually(() => Promise.resolve(errors.length > 0));
      expect(await runner.waitFor(last, 1)).toBe(false);
      await server.restart();

      expect(await runner.waitFor(last, RECOVERY_MS)).toBe(true);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((error) => error instanceof StoreUnavailableError)).toBe(true);
      const reference = new InMemoryTokenReadModel();
      for (const event of history.events) await reference.apply(event);
      const options = { nows: [NOW], userIds: ['alice', 'bob'], limits: [10] };
      expect(await readModelAnswers(model, options)).toEqual(await readModelAnswers(reference, options));
      expect(await model.checkpoint()).toBe(last);
    },
    TEST_MS,
  );
});
