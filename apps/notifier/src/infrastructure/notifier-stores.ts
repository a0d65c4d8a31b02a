import type { AppConfig } from '@pat/config';
import type { Clock, EventStore, NoticeDeliveryQueue, NoticeSchedule } from '@pat/domain';
import { SqliteNoticeDeliveryQueue, SqliteNoticeSchedule, openEventStore } from '@pat/stores';
import { join } from 'node:path';

/**
 * The notifier follows the configured event log (the embedded SQLite log, or EventStoreDB) and
 * keeps its own state, the notice schedule and the delivery queue, in DATA_DIR/notifier.sqlite,
 * shared by every notifier process of that DATA_DIR (in containers: one volume).
 */
export function openNotifierEventStore(config: AppConfig): EventStore {
  return openEventStore(config);
}

export function openNoticeSchedule(config: AppConfig, store: EventStore, clock: Clock): NoticeSchedule {
  return new SqliteNoticeSchedule(notifierFile(config), {
    thresholdsDays: config.noticeThresholdsDays,
    comparePositions: (a, b) => store.comparePositions(a, b),
    clock,
    busyTimeoutMs: config.sqliteBusyTimeoutMs,
  });
}

export function openNoticeDeliveryQueue(config: AppConfig): NoticeDeliveryQueue {
  return new SqliteNoticeDeliveryQueue(notifierFile(config), { busyTimeoutMs: config.sqliteBusyTimeoutMs });
}

const notifierFile = (config: AppConfig): string => join(config.dataDir, 'notifier.sqlite');
