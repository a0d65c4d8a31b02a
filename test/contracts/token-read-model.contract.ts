import { randomUUID } from 'node:crypto';
import type {
  RecordedEvent,
  TokenListPosition,
  TokenListQuery,
  TokenProjection,
  TokenReadModel,
  TokenStatus,
  TokenStatusCounts,
  TokenView,
} from '@pat/domain';
import { at, DAY, HOUR, NOW, TokenHistory } from '../support/token-history';

export type ReadModel = TokenReadModel & TokenProjection;

/** One read model under test, as an adapter's spec opens it. */
export interface OpenedReadModel {
  model: ReadModel;
  /** Opens the same stored model again, as a restarted process would; required of durable adapters. */
  reopen?: () => Promise<ReadModel>;
  /** Closes what was opened (reopened models too) and removes what was stored. */
  cleanup: () => Promise<void>;
}

const STATUSES: readonly (TokenStatus | undefined)[] = [undefined, 'active', 'revoked', 'expired'];

/** Everything a read model answers about the given users and moments, for comparing two models. */
export async function readModelAnswers(
  model: TokenReadModel,
  options: { nows: readonly Date[]; userIds: readonly string[]; limits: readonly number[] },
) {
  const all = await model.list({ now: options.nows[0] ?? NOW });
  const lists: Record<string, string[]> = {};
  const due: Record<string, string[]> = {};
  const counts: Record<string, TokenStatusCounts> = {};
  const activeByUser: Record<string, number> = {};
  for (const now of options.nows) {
    counts[now.toISOString()] = await model.countByStatus(now);
    for (const userId of [undefined, ...options.userIds, 'nobody']) {
      for (const status of STATUSES) {
        lists[`${now.toISOString()} ${userId ?? '*'} ${status ?? '*'}`] = ids(
          await model.list({ now, userId, status }),
        );
      }
      if (userId !== undefined)
        activeByUser[`${now.toISOString()} ${userId}`] = await model.countLiveByUser(userId, now);
    }
    for (const limit of options.limits)
      due[`${now.toISOString()} ${limit}`] = ids(await model.findDueForExpiry(now, limit));
  }
  return {
    all,
    byId: await Promise.all([...all.map((view) => view.id), randomUUID()].map((id) => model.findById(id))),
    byDigest: await Promise.all(
      [...all.map((view) => view.tokenDigest), 'digest-unknown'].map((digest) => model.findByDigest(digest)),
    ),
    lists,
    due,
    counts,
    activeByUser,
  };
}

export const ids = (views: readonly TokenView[]): string[] => views.map((view) => view.id);

/** Sorts ids as they appear in `listed`. */
const byListOrder =
  (listed: readonly string[]) =>
  (a: string, b: string): number =>
    listed.indexOf(a) - listed.indexOf(b);

async function applyAll(model: TokenProjection, events: readonly RecordedEvent[]): Promise<void> {
  for (const event of events) await model.apply(event);
}

/**
 * The behaviour every TokenReadModel + TokenProjection adapter must have, with the same
 * expected answers for all: queries, effective status, idempotent projection, checkpoints.
 */
export function describeTokenReadModelContract(
  name: string,
  openModel: () => Promise<OpenedReadModel>,
  options: { durable: boolean },
): void {
  describe(`TokenReadModel contract: ${name}`, () => {
    const opened: OpenedReadModel[] = [];
    let model: ReadModel;
    let history: TokenHistory;

    const open = async (): Promise<OpenedReadModel> => {
      const each = await openModel();
      opened.push(each);
      return each;
    };

    beforeEach(async () => {
      model = (await open()).model;
      history = new TokenHistory();
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.cleanup();
    });

    const answers = (target: TokenReadModel) =>
      readModelAnswers(target, {
        nows: [at(-3 * DAY), NOW, at(30 * DAY)],
        userIds: ['alice', 'bob'],
        limits: [1, 100],
      });

    /** Tokens of two users with every kind of event. */
    const everyKindOfEvent = (): void => {
      const [a, b, c, d] = Array.from({ length: 4 }, () => history.token());
      a.generate({ userId: 'alice', createdAt: at(-3 * DAY), expiresAt: at(-HOUR) });
      b.generate({ userId: 'bob', createdAt: at(-2 * DAY), expiresAt: at(7 * DAY) });
      b.noticeSent(7);
      history.other();
      c.generate({ userId: 'alice', createdAt: at(-DAY), expiresAt: at(-2 * HOUR) });
      c.expire(at(-HOUR));
      b.revoke(at(-HOUR));
      d.generate({ userId: 'alice', createdAt: at(-HOUR), expiresAt: null, ownerEmail: null });
      b.noticeSent(1);
    };

    describe('queries', () => {
      it('finds a token by id and by digest, with every field, and null for unknown ones', async () => {
        const revoked = history.token();
        revoked.generate({ userId: 'alice', createdAt: at(-2 * DAY), expiresAt: at(30 * DAY) });
        const other = history.token();
        other.generate({ userId: 'bob', ownerEmail: null, expiresAt: null });
        const revokedAt = at(-HOUR);
        revoked.revoke(revokedAt);
        await applyAll(model, history.events);

        const view = await model.findById(revoked.id);

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
        expect(await model.findById(other.id)).toMatchObject({ ownerEmail: null, expiresAt: null, status: 'active' });
        expect(await model.findByDigest('digest-unknown')).toBeNull();
        expect(await model.findById(randomUUID())).toBeNull();
      });

      it('lists newest first, by user and by effective status', async () => {
        const [old, lapsed, revoked, recent, recordedExpired, other] = Array.from({ length: 6 }, () => history.token());
        old.generate({ userId: 'alice', createdAt: at(-5 * DAY), expiresAt: null });
        lapsed.generate({ userId: 'alice', createdAt: at(-4 * DAY), expiresAt: at(-HOUR) });
        revoked.generate({ userId: 'alice', createdAt: at(-3 * DAY), expiresAt: at(-HOUR) });
        revoked.revoke(at(-2 * HOUR));
        recent.generate({ userId: 'alice', createdAt: at(-DAY), expiresAt: at(DAY) });
        recordedExpired.generate({ userId: 'alice', createdAt: at(-2 * DAY), expiresAt: at(-DAY) });
        recordedExpired.expire(at(-DAY));
        other.generate({ userId: 'bob', createdAt: at(-HOUR) });
        await applyAll(model, history.events);

        expect(ids(await model.list({ userId: 'alice', now: NOW }))).toEqual([
          recent.id,
          recordedExpired.id,
          revoked.id,
          lapsed.id,
          old.id,
        ]);
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
        expect(ids(await model.list({ now: NOW, status: 'active' }))).toEqual([other.id, recent.id, old.id]);
        expect(ids(await model.list({ userId: 'alice', now: at(2 * DAY), status: 'active' }))).toEqual([old.id]);
        expect(ids(await model.list({ userId: 'alice', now: at(-5 * HOUR), status: 'active' }))).toEqual([
          recent.id,
          lapsed.id,
          old.id,
        ]);
        expect(ids(await model.list({ userId: 'bob', now: NOW }))).toEqual([other.id]);
        expect(await model.list({ userId: 'nobody', now: NOW })).toEqual([]);
        expect((await model.findById(lapsed.id))?.status).toBe('active');
        expect((await model.findById(recordedExpired.id))?.expiredAt).toEqual(at(-DAY));
      });

      it('counts a token as expired from its expiresAt on, to the millisecond', async () => {
        const token = history.token();
        token.generate({ expiresAt: NOW });
        await applyAll(model, history.events);
        const statusAt = async (now: Date) =>
          (await Promise.all((['active', 'expired'] as const).map((status) => model.list({ now, status })))).map(ids);

        expect(await statusAt(at(-1))).toEqual([[token.id], []]);
        expect(await statusAt(NOW)).toEqual([[], [token.id]]);
      });

      it('counts every token once by effective status, a lapsed expiry counting as expired to the millisecond', async () => {
        expect(await model.countByStatus(NOW)).toEqual({ active: 0, suspended: 0, revoked: 0, expired: 0, rotated: 0 });
        const [never, later, lapsesNow, revoked, revokedAfterExpiry, recordedExpired, otherUser] = Array.from(
          { length: 7 },
          () => history.token(),
        );
        never.generate({ userId: 'alice', expiresAt: null });
        later.generate({ userId: 'alice', expiresAt: at(DAY) });
        lapsesNow.generate({ userId: 'alice', expiresAt: NOW });
        revoked.generate({ userId: 'alice', expiresAt: at(DAY) });
        revoked.revoke(at(-HOUR));
        revokedAfterExpiry.generate({ userId: 'bob', createdAt: at(-2 * DAY), expiresAt: at(-DAY) });
        revokedAfterExpiry.revoke(at(-HOUR));
        recordedExpired.generate({ userId: 'bob', createdAt: at(-2 * DAY), expiresAt: at(-DAY) });
        recordedExpired.expire(at(-DAY));
        recordedExpired.noticeSent(1);
        otherUser.generate({ userId: 'bob', expiresAt: at(-HOUR) });
        history.other();
        await applyAll(model, history.events);

        expect(await model.countByStatus(at(-2 * HOUR))).toEqual({
          active: 4,
          suspended: 0,
          revoked: 2,
          expired: 1,
          rotated: 0,
        });
        expect(await model.countByStatus(at(-1))).toEqual({
          active: 3,
          suspended: 0,
          revoked: 2,
          expired: 2,
          rotated: 0,
        });
        expect(await model.countByStatus(NOW)).toEqual({ active: 2, suspended: 0, revoked: 2, expired: 3, rotated: 0 });
        expect(await model.countByStatus(at(2 * DAY))).toEqual({
          active: 1,
          suspended: 0,
          revoked: 2,
          expired: 4,
          rotated: 0,
        });
        await applyAll(model, history.events);
        expect(await model.countByStatus(NOW)).toEqual({ active: 2, suspended: 0, revoked: 2, expired: 3, rotated: 0 });
      });

      it('counts, lists and limits suspended tokens as live until their expiry, and not once reactivated', async () => {
        const [suspended, lapsing, reactivated] = Array.from({ length: 3 }, () => history.token());
        suspended.generate({ userId: 'alice', expiresAt: at(DAY) });
        suspended.suspend(at(-HOUR));
        lapsing.generate({ userId: 'alice', expiresAt: NOW });
        lapsing.suspend(at(-HOUR));
        reactivated.generate({ userId: 'alice', expiresAt: at(DAY) });
        reactivated.suspend(at(-2 * HOUR));
        reactivated.reactivate(at(-HOUR));
        await applyAll(model, history.events);

        expect(await model.countByStatus(at(-1))).toEqual({
          active: 1,
          suspended: 2,
          revoked: 0,
          expired: 0,
          rotated: 0,
        });
        expect(await model.countByStatus(NOW)).toEqual({ active: 1, suspended: 1, revoked: 0, expired: 1, rotated: 0 });
        expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'suspended' }))).toEqual([suspended.id]);
        expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'active' }))).toEqual([reactivated.id]);
        expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'expired' }))).toEqual([lapsing.id]);
        expect(await model.countLiveByUser('alice', at(-1))).toBe(3);
        expect(await model.countLiveByUser('alice', NOW)).toBe(2);
        expect(ids(await model.findDueForExpiry(NOW, 10))).toEqual([lapsing.id]);
        expect(await model.findById(suspended.id)).toMatchObject({
          status: 'suspended',
          suspendedAt: at(-HOUR),
          suspendedBy: 'user:admin',
        });
        expect(await model.findById(reactivated.id)).toMatchObject({
          status: 'active',
          suspendedAt: null,
          suspendedBy: null,
        });
      });

      it('keeps a rotated token as rotated, out of the live count and the sweep, naming its successor', async () => {
        const [rotated, successor] = Array.from({ length: 2 }, () => history.token());
        rotated.generate({ userId: 'alice', expiresAt: NOW });
        rotated.rotate(successor.id, at(-HOUR), at(-HOUR + 60_000));
        successor.generate({ userId: 'alice', expiresAt: at(DAY) });
        await applyAll(model, history.events);

        expect(await model.countByStatus(NOW)).toEqual({ active: 1, suspended: 0, revoked: 0, expired: 0, rotated: 1 });
        expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'rotated' }))).toEqual([rotated.id]);
        expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'expired' }))).toEqual([]);
        expect(await model.countLiveByUser('alice', at(-1))).toBe(1);
        expect(await model.findDueForExpiry(NOW, 10)).toEqual([]);
        expect(await model.findById(rotated.id)).toMatchObject({
          status: 'rotated',
          successorId: successor.id,
          rotatedAt: at(-HOUR),
          graceUntil: at(-HOUR + 60_000),
        });
      });

      it('keeps the rate limit as generated and as changed, and an expiry by the lifetime policy as such', async () => {
        const [limited, unlimited, outlived] = Array.from({ length: 3 }, () => history.token());
        limited.generate({ maxRequestsPerSecond: 5 });
        unlimited.generate({ maxRequestsPerSecond: 5 });
        unlimited.limit(null, 5);
        limited.limit(50, 5);
        outlived.generate({ expiresAt: at(DAY) });
        outlived.expireByPolicy(at(-HOUR));
        await applyAll(model, history.events);

        expect(await model.findById(limited.id)).toMatchObject({ maxRequestsPerSecond: 50, expiredByPolicy: false });
        expect(await model.findByDigest(unlimited.digest)).toMatchObject({ maxRequestsPerSecond: null });
        expect(await model.findById(outlived.id)).toMatchObject({
          status: 'expired',
          expiredAt: at(-HOUR),
          expiredByPolicy: true,
        });
        expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'expired' }))).toEqual([outlived.id]);
      });

      it('walks every live token once, in batches, and no other', async () => {
        const tokens = Array.from({ length: 7 }, () => history.token());
        tokens.forEach((token) => token.generate({ expiresAt: at(DAY) }));
        tokens[0].revoke();
        tokens[1].suspend();
        tokens[2].expire();
        await applyAll(model, history.events);

        const batches: string[][] = [];
        for await (const batch of model.liveTokens(2)) batches.push(ids(batch));
        expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
        expect(batches.flat().sort()).toEqual(
          tokens
            .slice(1)
            .filter((_, index) => index !== 1)
            .map((token) => token.id)
            .sort(),
        );
      });

      it('orders tokens created at the same instant by id, descending', async () => {
        const tokens = Array.from({ length: 5 }, () => history.token());
        for (const token of tokens) token.generate({ createdAt: at(-DAY) });
        await applyAll(model, history.events);
        const descending = tokens.map((token) => token.id).sort((a, b) => (a < b ? 1 : -1));

        expect(ids(await model.list({ now: NOW }))).toEqual(descending);
        expect(ids(await model.list({ userId: 'alice', now: NOW, status: 'active' }))).toEqual(descending);
      });

      it('lists a page: only the tokens after a given one, up to a limit, with the user and status filters', async () => {
        const tokens = Array.from({ length: 7 }, () => history.token());
        tokens.forEach((token, index) => token.generate({ userId: 'alice', createdAt: at(-(index >> 1) * HOUR) }));
        const [, second, third, , fifth] = tokens;
        second.revoke(at(-HOUR));
        fifth.revoke(at(-HOUR));
        history.token().generate({ userId: 'bob', createdAt: at(-HOUR) });
        await applyAll(model, history.events);
        const pages = async (query: Omit<TokenListQuery, 'now'>, limit: number): Promise<string[][]> => {
          const found: string[][] = [];
          let after: TokenListPosition | undefined;
          for (;;) {
            const page = await model.list({ ...query, now: NOW, after, limit });
            if (page.length === 0) return found;
            found.push(ids(page));
            if (found.length > 20) throw new Error(`the pages do not end: ${JSON.stringify(found.slice(0, 3))}`);
            after = page[page.length - 1];
          }
        };

        const all = ids(await model.list({ userId: 'alice', now: NOW }));
        expect(all).toHaveLength(7);
        expect(await pages({ userId: 'alice' }, 3)).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6)]);
        expect(await pages({ userId: 'alice' }, 1)).toEqual(all.map((id) => [id]));
        expect(await pages({ userId: 'alice' }, 100)).toEqual([all]);
        const active = ids(await model.list({ userId: 'alice', now: NOW, status: 'active' }));
        expect(active).toHaveLength(5);
        expect((await pages({ userId: 'alice', status: 'active' }, 2)).flat()).toEqual(active);
        expect((await pages({ status: 'revoked' }, 1)).flat()).toEqual([second.id, fifth.id].sort(byListOrder(all)));
        expect(await model.list({ userId: 'alice', now: NOW, limit: 0 })).toEqual([]);
        const afterThird = await model.list({ userId: 'alice', now: NOW, after: (await model.findById(third.id))! });
        expect(ids(afterThird)).toEqual(all.slice(all.indexOf(third.id) + 1));
        const afterUnlisted = { createdAt: at(-HOUR), id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' };
        expect(ids(await model.list({ userId: 'alice', now: NOW, after: afterUnlisted }))).toEqual(
          all.filter((id) => tokens.findIndex((token) => token.id === id) >= 2),
        );
      });

      it("counts a user's active tokens: not revoked, not expired, not past their expiry to the millisecond", async () => {
        const [never, later, lapsesNow, revoked, recordedExpired, bobs] = Array.from({ length: 6 }, () =>
          history.token(),
        );
        never.generate({ userId: 'alice', expiresAt: null });
        later.generate({ userId: 'alice', expiresAt: at(DAY) });
        lapsesNow.generate({ userId: 'alice', expiresAt: NOW });
        revoked.generate({ userId: 'alice', expiresAt: at(DAY) });
        revoked.revoke(at(-HOUR));
        recordedExpired.generate({ userId: 'alice', createdAt: at(-2 * DAY), expiresAt: at(-DAY) });
        recordedExpired.expire(at(-DAY));
        bobs.generate({ userId: 'bob', expiresAt: at(DAY) });
        await applyAll(model, history.events);

        expect(await model.countLiveByUser('alice', at(-1))).toBe(3);
        expect(await model.countLiveByUser('alice', NOW)).toBe(2);
        expect(await model.countLiveByUser('alice', at(2 * DAY))).toBe(1);
        expect(await model.countLiveByUser('bob', NOW)).toBe(1);
        expect(await model.countLiveByUser('nobody', NOW)).toBe(0);
      });

      it('finds the tokens recorded active whose expiry has come, soonest first, up to the limit', async () => {
        const [later, sooner, exactlyNow, future, never, revoked, expired] = Array.from({ length: 7 }, () =>
          history.token(),
        );
        later.generate({ expiresAt: at(-HOUR) });
        sooner.generate({ expiresAt: at(-2 * HOUR) });
        exactlyNow.generate({ expiresAt: NOW });
        future.generate({ expiresAt: at(1) });
        never.generate({ expiresAt: null });
        revoked.generate({ expiresAt: at(-3 * HOUR) });
        revoked.revoke(at(-4 * HOUR));
        expired.generate({ expiresAt: at(-3 * HOUR) });
        expired.expire(at(-3 * HOUR));
        await applyAll(model, history.events);

        expect(ids(await model.findDueForExpiry(NOW, 10))).toEqual([sooner.id, later.id, exactlyNow.id]);
        expect(ids(await model.findDueForExpiry(NOW, 2))).toEqual([sooner.id, later.id]);
        expect(ids(await model.findDueForExpiry(at(-90 * 60_000), 10))).toEqual([sooner.id]);
        expect(ids(await model.findDueForExpiry(at(2), 10))).toEqual([sooner.id, later.id, exactlyNow.id, future.id]);
        expect(await model.findDueForExpiry(at(-DAY), 10)).toEqual([]);
      });
    });

    describe('projection', () => {
      it('changes nothing when every event is applied twice', async () => {
        everyKindOfEvent();
        const once = (await open()).model;
        await applyAll(once, history.events);

        for (const event of history.events) {
          await model.apply(event);
          await model.apply(event);
        }

        const expected = await answers(once);
        expect(expected.all).toHaveLength(4);
        expect(await answers(model)).toEqual(expected);
        expect(await model.checkpoint()).toBe(await once.checkpoint());
      });

      it('changes no token when events already applied are delivered again late, newest first', async () => {
        everyKindOfEvent();
        await applyAll(model, history.events);
        const expected = await answers(model);

        for (const event of [...history.events].reverse()) {
          await model.apply(event);
          expect({ after: event.type, answers: await answers(model) }).toEqual({
            after: event.type,
            answers: expected,
          });
        }
      });

      it('refuses an event delivered before the one it follows, and applies it once its turn comes', async () => {
        const token = history.token();
        const generated = token.generate({ expiresAt: at(DAY) });
        const notice = token.noticeSent(1);
        const revoked = token.revoke(at(-HOUR));

        await model.apply(revoked);
        expect(await model.findById(token.id)).toBeNull();
        await model.apply(generated);
        await model.apply(revoked);
        expect(await model.findById(token.id)).toMatchObject({ status: 'active', revision: 0, revokedAt: null });

        await model.apply(notice);
        await model.apply(revoked);
        expect(await model.findById(token.id)).toMatchObject({ status: 'revoked', revision: 2, revokedAt: at(-HOUR) });
      });

      it('keeps the first of two terminal events: an expiry after a revocation stays a revocation', async () => {
        const token = history.token();
        token.generate({ expiresAt: at(-HOUR) });
        token.revoke(at(-2 * HOUR));
        token.expire(at(-HOUR));
        await applyAll(model, history.events);

        expect(await model.findById(token.id)).toMatchObject({ status: 'revoked', expiredAt: null, revision: 2 });
        expect(ids(await model.list({ now: NOW, status: 'revoked' }))).toEqual([token.id]);
        expect(await model.list({ now: NOW, status: 'expired' })).toEqual([]);
      });

      it('skips events of other kinds', async () => {
        history.other();
        await applyAll(model, history.events);

        expect(await model.list({ now: NOW })).toEqual([]);
      });
    });

    describe('checkpoint', () => {
      it('is null before anything is applied, then the exact position of the last event, of any kind', async () => {
        expect(await model.checkpoint()).toBeNull();

        history.token().generate();
        await applyAll(model, history.events);
        expect(await model.checkpoint()).toBe(history.lastPosition);

        const other = history.other();
        await model.apply(other);
        expect(await model.checkpoint()).toBe(other.position);
      });

      if (options.durable) {
        it('survives a reopen, with every token', async () => {
          const { reopen } = opened[0];
          if (!reopen) throw new Error(`${name} is durable but its harness gives no reopen`);
          everyKindOfEvent();
          await applyAll(model, history.events);

          const reopened = await reopen();

          expect(await reopened.checkpoint()).toBe(history.lastPosition);
          expect(await answers(reopened)).toEqual(await answers(model));
        });
      }
    });
  });
}
