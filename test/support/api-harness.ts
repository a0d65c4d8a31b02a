import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '@pat/config';
import type { Clock } from '@pat/domain';
import type { Server } from 'node:http';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../apps/api/src/api-app';
import type { EventStoreDouble } from '../eventstore-double/eventstore-double';
import { tempDataDir } from './temp-dir';
import { testStores } from './test-stores';
import { signUserJwt, type JwtClaims } from './user-jwt';

export interface ApiHarness {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  dataDir: string;
  /** The EventStoreDB test server behind this API, when the configuration has one. */
  eventStore: EventStoreDouble | null;
  /** A bearer JWT for a user; `sub` defaults to the given id. */
  userJwt(userId: string, claims?: JwtClaims): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  dataDir?: string;
  clock?: Clock;
  /** Runs on the configured stores before the API starts (to record an older service's events). */
  beforeStart?: (config: AppConfig) => Promise<void>;
}

/** The API in this process, on a fresh DATA_DIR (or the given one), served over real HTTP. */
export async function startApi(options: HarnessOptions = {}): Promise<ApiHarness> {
  const temp = options.dataDir ? null : tempDataDir('pat-e2e');
  const dataDir = options.dataDir ?? temp!.path;
  const stores = await testStores(dataDir);
  const config = loadConfig({ LOG_LEVEL: 'warn', ...stores.env, ...options.env });
  await options.beforeStart?.(config);
  const app = await createApiApp(config, { clock: options.clock });
  await app.getHttpAdapter().getInstance().ready();
  const secret = config.userAuth.kind === 'secret' ? config.userAuth.secret : '';
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    dataDir,
    eventStore: stores.eventStore,
    userJwt: (userId, claims = {}) => signUserJwt(secret, { sub: userId, email: `${userId}@example.com`, ...claims }),
    close: async () => {
      await app.close();
      await closeDirectlyListening(app.getHttpServer());
      await stores.stop();
      temp?.remove();
    },
  };
}

/** A clock the test moves by hand, starting now. */
export function adjustableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

/**
 * Fastify closes a server of its `serverFactory` only when Fastify itself made it listen; a test
 * that listens on it directly (raw sockets, see raw-http.ts) leaves it open, holding jest.
 */
function closeDirectlyListening(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
