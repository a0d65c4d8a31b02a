import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '@pat/config';
import {
  DAY_MS,
  effectiveStatus,
  exceedsLifetimePolicy,
  TOKEN_READ_MODEL,
  type Clock,
  type LifetimePolicy,
  type TokenReadModel,
  type TokenView,
} from '@pat/domain';
import { TokenUsageRecorder } from '../../auth/token-usage-recorder';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { ExpireTokenByPolicyCommand } from './expire-token-by-policy.command';
import { RevokeIdleTokenCommand } from './revoke-idle-token.command';

const BATCH = 500;

export interface PolicySweep {
  expiredByPolicy: number;
  revokedAsIdle: number;
}

/**
 * Applies the token policies to the live tokens, walking them once in batches, at start and every
 * `TOKEN_POLICY_SWEEP_INTERVAL_MS`: a token living longer than `TOKEN_MAX_LIFETIME_DAYS` (or
 * `TOKEN_ALLOW_NO_EXPIRY`) now allows is recorded as expired by the policy (the token check
 * refuses it from the first request on, the sweep makes the list and the notices agree), and,
 * with `TOKEN_IDLE_REVOKE_DAYS` set, an active token unused that long is revoked. Every API
 * process runs it; the expected-revision append makes each record happen once.
 */
@Injectable()
export class TokenPolicySweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(TokenPolicySweeper.name);
  private sweeping = false;

  constructor(
    private readonly commands: CommandBus,
    private readonly scheduler: SchedulerRegistry,
    private readonly usage: TokenUsageRecorder,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.sweep(), this.config.tokenPolicySweepIntervalMs);
    this.scheduler.addInterval('token-policy-sweep', timer);
    void this.sweep();
  }

  async sweep(): Promise<PolicySweep> {
    const done: PolicySweep = { expiredByPolicy: 0, revokedAsIdle: 0 };
    if (this.sweeping) return done;
    this.sweeping = true;
    try {
      const now = this.clock.now();
      for await (const batch of this.readModel.liveTokens(BATCH)) await this.applyPolicies(batch, now, done);
      if (done.expiredByPolicy + done.revokedAsIdle > 0) this.logger.log(done, 'Token policies applied');
    } catch (error) {
      this.logger.warn(`Token policy sweep stopped early, will retry: ${String(error)}`);
    } finally {
      this.sweeping = false;
    }
    return done;
  }

  private async applyPolicies(page: readonly TokenView[], now: Date, done: PolicySweep): Promise<void> {
    const policy: LifetimePolicy = {
      maxLifetimeDays: this.config.tokenMaxLifetimeDays,
      allowNoExpiry: this.config.tokenAllowNoExpiry,
    };
    const idleDays = this.config.tokenIdleRevokeDays;
    const idleCutoff = idleDays === null ? null : now.getTime() - idleDays * DAY_MS;
    const mayBeIdle: TokenView[] = [];
    for (const view of page) {
      if (exceedsLifetimePolicy(view.createdAt, view.expiresAt, policy)) {
        if (await this.commands.execute<ExpireTokenByPolicyCommand, boolean>(new ExpireTokenByPolicyCommand(view.id))) {
          done.expiredByPolicy++;
        }
      } else if (idleCutoff !== null && isActiveAt(view, now) && view.createdAt.getTime() <= idleCutoff) {
        mayBeIdle.push(view);
      }
    }
    if (idleDays === null || idleCutoff === null || mayBeIdle.length === 0) return;
    const lastUsed = await this.usage.lastUsed(mayBeIdle.map((view) => view.id));
    for (const view of mayBeIdle) {
      const lastUsedAt = lastUsed.get(view.id) ?? null;
      if (lastUsedAt !== null && lastUsedAt.getTime() > idleCutoff) continue;
      const command = new RevokeIdleTokenCommand(view.id, lastUsedAt, idleDays);
      if (await this.commands.execute<RevokeIdleTokenCommand, boolean>(command)) done.revokedAsIdle++;
    }
  }
}

/** Recorded active and not past its expiry (a lapsed one is the expiry sweep's). */
const isActiveAt = (view: TokenView, now: Date): boolean => effectiveStatus(view, now) === 'active';
