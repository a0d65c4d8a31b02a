import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '@pat/config';
import type { Clock } from '@pat/domain';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../apps/api/src/api-app';
import { tempDataDir } from './temp-dir';
import { signUserJwt, type JwtClaims } from './user-jwt';

export interface ApiHarness {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  dataDir: string;
  /** A bearer JWT for a user; `sub` defaults to the given id. */
  userJwt(userId: string, claims?: JwtClaims): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  dataDir?: string;
  clock?: Clock;
}

/** The API in this process, on a fresh DATA_DIR (or the given one), served over real HTTP. */
export async function startApi(options: HarnessOptions = {}): Promise<ApiHarness> {
  const temp = options.dataDir ? null : tempDataDir('pat-e2e');
  const dataDir = options.dataDir ?? temp!.path;
  const config = loadConfig({ LOG_LEVEL: 'warn', ...options.env, DATA_DIR: dataDir });
  const app = await createApiApp(config, { clock: options.clock });
  await app.getHttpAdapter().getInstance().ready();
  const secret = config.userAuth.kind === 'secret' ? config.userAuth.secret : '';
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    dataDir,
    userJwt: (userId, claims = {}) => signUserJwt(secret, { sub: userId, email: `${userId}@example.com`, ...claims }),
    close: async () => {
      await app.close();
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
