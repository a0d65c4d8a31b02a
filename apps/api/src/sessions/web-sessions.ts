import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '@pat/config';
import { WEB_SESSION_STORE, type Clock, type WebSession, type WebSessionStore, type WebSessionUser } from '@pat/domain';
import { APP_CONFIG } from '../infrastructure/app-config.provider';
import { CLOCK } from '../infrastructure/clock.provider';
import { isSessionId, newSessionId, sessionIdDigest } from './session-id';

const HOUR_MS = 3_600_000;
const PURGE_INTERVAL_MS = HOUR_MS;

export interface StartedSession {
  /** The id the cookie carries; the store never sees it. */
  sessionId: string;
  session: WebSession;
}

/** Signed-in browsers: sessions started at sign-in, found by the id in their cookie, ended at sign-out. */
@Injectable()
export class WebSessions implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly lifetimeMs: number;

  constructor(
    @Inject(WEB_SESSION_STORE) private readonly store: WebSessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.lifetimeMs = config.webSessionHours * HOUR_MS;
  }

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.purgeExpired(), PURGE_INTERVAL_MS);
    timer.unref();
    this.scheduler.addInterval('web-session-purge', timer);
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }

  async start(user: WebSessionUser): Promise<StartedSession> {
    const sessionId = newSessionId();
    const createdAt = this.clock.now();
    const session = {
      idDigest: sessionIdDigest(sessionId),
      user,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.lifetimeMs),
    };
    await this.store.save(session);
    return { sessionId, session };
  }

  /** The session a cookie names while it lasts; null for anything else, without a lookup when it is not even an id. */
  async find(sessionId: string): Promise<WebSession | null> {
    if (!isSessionId(sessionId)) return null;
    return this.store.find(sessionIdDigest(sessionId), this.clock.now());
  }

  async end(sessionId: string): Promise<void> {
    if (isSessionId(sessionId)) await this.store.end(sessionIdDigest(sessionId));
  }

  private async purgeExpired(): Promise<void> {
    try {
      await this.store.purgeExpired(this.clock.now());
    } catch {
      // The store is down: the next round purges what this one could not; find() never returns an expired session.
    }
  }
}
