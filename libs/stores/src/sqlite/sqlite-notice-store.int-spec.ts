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
