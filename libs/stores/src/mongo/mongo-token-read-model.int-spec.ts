import { randomBytes } from 'node:crypto';
import type { RecordedEvent } from '@pat/domain';
import { TokenDigester, TokenFormat } from '@pat/domain';
import {
  describeTokenReadModelContract,
  readModelAnswers,
  type OpenedReadModel,
  type ReadModel,
} from '../../../../test/contracts/token-read-model.contract';
import {
  dropTestDatabase,
  testMongoUrl,
  uniqueDatabaseName,
  withRawDatabase,
} from '../../../../test/support/mongo-test-database';
import { at, DAY, HOUR, MINUTE, NOW, TokenHistory } from '../../../../test/support/token-history';
import { InMemoryTokenReadModel } from '../memory/in-memory-token-read-model';
import { ProjectionFreshness } from '../projection/projection-freshness';
import {
  MongoTokenReadModel,
  PROJECTION_CHECKPOINTS_COLLECTION,
  TOKEN_VIEWS_COLLECTION,
} from './mongo-token-read-model';

/** A read model in a database of its own; cleanup closes every instance and drops the database. */
async function openMongoReadModel(
  label: string,
): Promise<OpenedReadModel & { url: string; reopen: () => Promise<ReadModel> }> {
  const url = testMongoUrl(uniqueDatabaseName(label));
  const models = [await MongoTokenReadModel.open(url)];
  return {
    url,
    model: models[0],
    reopen: async () => {
      const reopened = await MongoTokenReadModel.open(url);
      models.push(reopened);
      return reopened;
    },
    cleanup: async () => {
      for (const model of models) await model.close();
      await dropTestDatabase(url);
    },
  };
}

describeTokenReadModelContract('MongoTokenReadModel', () => openMongoReadModel('contract'), { durable: true });

/** A small deterministic PRNG, so a failing history can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Many tokens of several users with random lifetimes and random later events, interleaved
 * in the log. Creation times collide on purpose (ties are ordered by id); expiry times don't.
 */
function randomHistory(seed: number): TokenHistory {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const history = new TokenHistory();
  const live = Array.from({ length: 60 }, (_, index) => {
    const token = history.token();
    const expiry = pick([null, -2 * DAY, HOUR, 20 * DAY]);
    token.generate({
      userId: pick(['alice', 'bob', 'carol']),
      ownerEmail: random() < 0.2 ? null : 'owner@example.com',
      createdAt: at(-Math.floor(random() * 10) * DAY),
      expiresAt: expiry === null ? null : at(expiry + index * MINUTE + Math.floor(random() * 1000)),
    });
    if (random() < 0.1) history.other();
    return token;
  });
  for (let step = 0; step < 80; step++) {
    const token = pick(live);
    const roll = random();
    if (roll < 0.5) token.noticeSent(pick([7, 1]));
    else if (roll < 0.75) token.revoke(at(-Math.floor(random() * 48) * HOUR));
    else token.expire(at(-Math.floor(random() * 48) * HOUR));
  }
  return history;
}

describe('MongoTokenReadModel', () => {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  const open = async (label: string) => {
    const opened = await openMongoReadModel(label);
    cleanups.push(opened.cleanup);
    return opened;
  };

  it.each([1, 2, 3])(
    'answers every query as the in-memory model does, fed the same events (seed %i)',
    async (seed) => {
      const history = randomHistory(seed);
      const deliveries: RecordedEvent[] = history.events.flatMap((event, index) =>
        index % 7 === 3 ? [event, event, history.events[index - 3]] : [event],
      );
      const { model } = await open('parity');
      const reference = new InMemoryTokenReadModel();

      for (const event of deliveries) {
        await model.apply(event);
        await reference.apply(event);
      }

      const options = {
        nows: [at(-3 * DAY), at(-1), NOW, at(2 * HOUR), at(25 * DAY), at(400 * DAY)],
        userIds: ['alice', 'bob', 'carol'],
        limits: [1, 7, 1000],
      };
      const expected = await readModelAnswers(reference, options);
      expect(expected.all).toHaveLength(60);
      expect(new Set(expected.all.map((view) => view.status))).toEqual(new Set(['active', 'revoked', 'expired']));
      expect(await readModelAnswers(model, options)).toEqual(expected);
      expect(await model.checkpoint()).toBe(await reference.checkpoint());
    },
    30_000,
  );

  it('stores only the digest of a token, never the token', async () => {
    const format = new TokenFormat('pat');
    const plaintext = format.generate((size) => randomBytes(size));
    const digest = new TokenDigester('a pepper of at least sixteen characters').digest(plaintext);
    const history = new TokenHistory();
    const token = history.token();
    token.generate({ digest });
    token.revoke();
    const { model, url } = await open('digests');
    for (const event of history.events) await model.apply(event);

    const stored = await withRawDatabase(url, async (db) => {
      const names = (await db.listCollections().toArray()).map((collection) => collection.name).sort();
      const documents = await Promise.all(names.map((name) => db.collection(name).find({}).toArray()));
      return { names, text: JSON.stringify(documents) };
    });

    expect(stored.names).toEqual([PROJECTION_CHECKPOINTS_COLLECTION, TOKEN_VIEWS_COLLECTION].sort());
    expect(stored.text).toContain(digest);
    expect(stored.text).not.toContain(plaintext);
    expect(stored.text).not.toContain(plaintext.slice(4, 44));
    expect(await model.findByDigest(digest)).toMatchObject({ id: token.id, status: 'revoked' });
  });

  it('keeps one document per token with the indexes the queries need', async () => {
    const history = new TokenHistory();
    const token = history.token();
    token.generate({ expiresAt: at(DAY) });
    token.noticeSent(1);
    const { model, url } = await open('schema');
    for (const event of history.events) await model.apply(event);

    const { documents, indexes, checkpoints } = await withRawDatabase(url, async (db) => ({
      documents: await db.collection(TOKEN_VIEWS_COLLECTION).find({}).toArray(),
      indexes: await db.collection(TOKEN_VIEWS_COLLECTION).indexes(),
      checkpoints: await db.collection(PROJECTION_CHECKPOINTS_COLLECTION).find({}).toArray(),
    }));

    expect(documents).toEqual([
      expect.objectContaining({ _id: token.id, tokenDigest: token.digest, revision: 1, status: 'active' }),
    ]);
    expect(indexes.map(({ key, unique }) => ({ key, unique: unique ?? false }))).toEqual(
      expect.arrayContaining([
        { key: { tokenDigest: 1 }, unique: true },
        { key: { userId: 1, createdAt: -1 }, unique: false },
        { key: { status: 1, expiresAt: 1 }, unique: false },
      ]),
    );
    expect(checkpoints).toEqual([{ _id: 'token-views', position: history.lastPosition }]);
  });

  it('applies each event once when two projectors follow the same log at the same time', async () => {
    const history = randomHistory(4);
    const { model, reopen } = await open('concurrent');
    const other = await reopen();
    const reference = new InMemoryTokenReadModel();
    const follow = async (projection: ReadModel): Promise<void> => {
      for (const event of history.events) await projection.apply(event);
    };

    await Promise.all([follow(model), follow(other), follow(reference)]);

    const options = { nows: [NOW], userIds: ['alice', 'bob', 'carol'], limits: [1000] };
    expect(await readModelAnswers(model, options)).toEqual(await readModelAnswers(reference, options));
  });

  it('saves a first checkpoint that another instance of the projection saves at the same moment', async () => {
    const history = new TokenHistory();
    const events = Array.from({ length: 20 }, () => history.other());
    const { url, model } = await open('checkpoint_race');
    const instances = await Promise.all(
      events.map(async (_, round) => {
        const options = { projectionName: `race-${round}` };
        const pair = [await MongoTokenReadModel.open(url, options), await MongoTokenReadModel.open(url, options)];
        cleanups.unshift(async () => {
          for (const instance of pair) await instance.close();
        });
        return pair;
      }),
    );

    await Promise.all(instances.flatMap((pair, round) => pair.map((instance) => instance.apply(events[round]))));

    for (const [round, pair] of instances.entries()) {
      expect(await Promise.all(pair.map((instance) => instance.checkpoint()))).toEqual([
        events[round].position,
        events[round].position,
      ]);
    }
    expect(await model.checkpoint()).toBeNull();
  });

  it("caches views found by digest only while this process's projection is known to be current", async () => {
    const history = new TokenHistory();
    const [stale, unkept] = [history.token(), history.token()];
    const { url, model: others } = await open('freshness');
    const freshness = new ProjectionFreshness();
    freshness.set(true);
    const cached = await MongoTokenReadModel.open(url, { cacheByDigest: freshness });
    cleanups.unshift(() => cached.close());
    await others.apply(stale.generate());
    await others.apply(unkept.generate());
    expect(await cached.findByDigest(stale.digest)).toMatchObject({ status: 'active' });

    await others.apply(stale.revoke());
    expect(await cached.findByDigest(stale.digest)).toMatchObject({ status: 'active' });
    freshness.set(false);

    expect(await cached.findByDigest(stale.digest)).toMatchObject({ status: 'revoked' });
    expect(await cached.findByDigest(unkept.digest)).toMatchObject({ status: 'active' });
    await others.apply(unkept.revoke());
    freshness.set(true);
    expect(await cached.findByDigest(stale.digest)).toMatchObject({ status: 'revoked' });
    expect(await cached.findByDigest(unkept.digest)).toMatchObject({ status: 'revoked' });
  });

  it('keeps two projections in one database apart by name', async () => {
    const history = new TokenHistory();
    history.token().generate();
    const { url, model } = await open('names');
    const second = await MongoTokenReadModel.open(url, { projectionName: 'second' });
    cleanups.unshift(() => second.close());

    await model.apply(history.events[0]);

    expect(await model.checkpoint()).toBe(history.lastPosition);
    expect(await second.checkpoint()).toBeNull();
  });
});
