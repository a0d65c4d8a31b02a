import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeNoticeStoreContract } from '../../../../test/contracts/notice-store.contract';
import { SqliteNoticeDeliveryQueue } from './sqlite-notice-delivery-queue';
import { SqliteNoticeSchedule } from './sqlite-notice-schedule';

describeNoticeStoreContract('SQLite (notifier.sqlite)', (settings) => {
  const dir = mkdtempSync(join(tmpdir(), 'pat-notices-'));
  const file = join(dir, 'notifier.sqlite');
  const closers: (() => Promise<void>)[] = [];
  const open = (): { schedule: SqliteNoticeSchedule; queue: SqliteNoticeDeliveryQueue } => {
    const schedule = new SqliteNoticeSchedule(file, settings);
    const queue = new SqliteNoticeDeliveryQueue(file);
    closers.push(
      () => schedule.close(),
      () => queue.close(),
    );
    return { schedule, queue };
  };
  return Promise.resolve({
    ...open(),
    openAgain: () => Promise.resolve(open()),
    cleanup: async () => {
      for (const close of closers) await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('SQLite notice schedule written before suspension existed', () => {
  it('gains the held column and keeps its rows, their notices not held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pat-notices-old-'));
    const file = join(dir, 'notifier.sqlite');
    const dueAt = Date.parse('2031-07-08T12:00:00.000Z');
    const old = new Database(file);
    old.exec(`CREATE TABLE notice_schedule (
      token_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, expires_at INTEGER NOT NULL,
      next_due_at INTEGER, pending_count INTEGER NOT NULL, pending TEXT NOT NULL)`);
    old
      .prepare('INSERT INTO notice_schedule VALUES (?, 0, ?, ?, 1, ?)')
      .run('token-1', dueAt + 7 * 86_400_000, dueAt, JSON.stringify([[7, dueAt]]));
    old.close();
    const settings = { thresholdsDays: [7, 1], comparePositions: () => 0, clock: { now: () => new Date(dueAt) } };
    const [first, second] = [new SqliteNoticeSchedule(file, settings), new SqliteNoticeSchedule(file, settings)];
    try {
      expect(await first.due(new Date(dueAt), 10)).toEqual([{ tokenId: 'token-1', nextDueAt: new Date(dueAt) }]);
      expect(await second.nextDueAt(new Date(0))).toEqual(new Date(dueAt));
    } finally {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
