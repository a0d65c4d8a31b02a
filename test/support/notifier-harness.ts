import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '@pat/config';
import {
  EVENT_STORE,
  toTokenEvent,
  tokenStreamName,
  type Clock,
  type EventStore,
  type RecordedEvent,
  type TokenEvent,
} from '@pat/domain';
import { SqliteEventStore } from '@pat/stores';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NotifierSettings } from '../../apps/notifier/src/infrastructure/notifier-settings';
import { NoticeWorker } from '../../apps/notifier/src/notices/notice-worker';
import { createNotifierApp } from '../../apps/notifier/src/notifier-app';
import { appendToStore } from './notice-log';
import { parseMimeMessage, type MimeMessage } from './mime-message';

export interface NotifierHarness {
  app: NestFastifyApplication;
  config: AppConfig;
  readonly worker: NoticeWorker;
  /** The app's own event store. */
  readonly store: EventStore;
  /** GET on the app's HTTP routes, without listening. */
  get(path: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export interface NotifierOptions {
  dataDir: string;
  clock?: Clock;
  env?: Record<string, string>;
  settings?: Partial<NotifierSettings>;
}

/** The notifier in this process on `dataDir`, initialised (its schedule caught up) but not listening. */
export async function startNotifier(options: NotifierOptions): Promise<NotifierHarness> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...options.env, DATA_DIR: options.dataDir });
  const app = await createNotifierApp(config, { clock: options.clock, settings: options.settings });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    get worker() {
      return app.get(NoticeWorker);
    },
    get store() {
      return app.get<symbol, EventStore>(EVENT_STORE);
    },
    get: async (path) => {
      const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: path });
      return { status: response.statusCode, body: response.body };
    },
    close: () => app.close(),
  };
}

/** Writes events into the embedded log of `dataDir` through a connection of its own, as the API would. */
export async function appendToLog(dataDir: string, events: readonly RecordedEvent[]): Promise<void> {
  const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
  try {
    await appendToStore(store, events);
  } finally {
    await store.close();
  }
}

/** The token events of one token's stream, oldest first. */
export async function tokenEvents(store: EventStore, tokenId: string): Promise<TokenEvent[]> {
  return (await store.readStream(tokenStreamName(tokenId)))
    .map(toTokenEvent)
    .filter((event): event is TokenEvent => event !== null);
}

export interface OutboxMail {
  file: string;
  message: MimeMessage;
}

/** The `.eml` files in `DATA_DIR/outbox`, by name. */
export function outboxMails(dataDir: string): OutboxMail[] {
  const directory = join(dataDir, 'outbox');
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((file) => ({ file, message: parseMimeMessage(readFileSync(join(directory, file), 'utf8')) }));
}

/** A clock that stands still until the test sets it. */
export function settableClock(start: Date): Clock & { set(at: Date): void } {
  let now = start;
  return {
    now: () => now,
    set: (at) => {
      now = at;
    },
  };
}
