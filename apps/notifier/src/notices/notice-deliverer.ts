import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import {
  DAY_MS,
  EVENT_STORE,
  NOTICE_DELIVERY_QUEUE,
  channelFailureDetail,
  channelsOf,
  deliveryVerdict,
  executeTokenCommand,
  isRevocationNotice,
  noticeTokenFrom,
  toTokenEvent,
  tokenStreamName,
  type Clock,
  type DeliveryOutcome,
  type EventStore,
  type ExpiryNoticeFailureReason,
  type NoticeChannelErrorCodes,
  type NoticeDelivery,
  type NoticeDeliveryQueue,
  type NoticeToken,
  type OwnerNotice,
  type TokenCommand,
  type TokenEvent,
} from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { channelFailure, type ChannelFailure } from '../channels/channel-failure';
import { NoticeChannels } from '../channels/notice-channels';
import { APP_CONFIG, CLOCK, NOTIFIER_SETTINGS } from '../infrastructure/injection-tokens';
import type { NotifierSettings } from '../infrastructure/notifier-settings';
import { isGoneFromThisHost, newLeaseHolder, retireLeaseHolder } from './lease-holder';
import { NotifierMetrics } from './notifier-metrics';
import { retryDelayMs } from './retry-backoff';
import { TokenUseReader } from './token-use-reader';

export interface DeliveryPass {
  /** Deliveries this pass leased. */
  leased: number;
  /** Deliveries that ended in this pass: delivered, dropped or failed. */
  completed: number;
}

const ACTOR = 'system:notifier';

/**
 * Delivers the claimed notices: leases queued deliveries, checks on the token's stream that
 * each is still worth sending, hands it to every channel the claim named that has not yet
 * accepted it, and retries failures with backoff. A notice that cannot be delivered ends
 * with ExpiryNoticeFailed in the token's stream (its audit trail), a log line and a metric.
 */
@Injectable()
export class NoticeDeliverer implements OnApplicationShutdown {
  private readonly logger = new Logger(NoticeDeliverer.name);
  readonly holder = newLeaseHolder();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTICE_DELIVERY_QUEUE) private readonly queue: NoticeDeliveryQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NOTIFIER_SETTINGS) private readonly settings: NotifierSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: NoticeChannels,
    private readonly metrics: NotifierMetrics,
    private readonly uses: TokenUseReader,
  ) {}

  async deliverReady(): Promise<DeliveryPass> {
    await this.takeOverFromGoneHolders();
    const renewal = setInterval(() => void this.renewLeases(), Math.max(10, this.settings.leaseMs / 3));
    const pass: DeliveryPass = { leased: 0, completed: 0 };
    try {
      for (;;) {
        const leased = await this.queue.lease(
          this.holder,
          this.clock.now(),
          this.settings.leaseMs,
          this.settings.deliveryBatch,
        );
        if (leased.length === 0) return pass;
        pass.leased += leased.length;
        for (const delivery of leased) {
          if (await this.deliverOrPutBack(delivery)) pass.completed++;
        }
      }
    } finally {
      clearInterval(renewal);
    }
  }

  /** A store failure is not the channel's: the delivery goes back for later, without counting an attempt. */
  private async deliverOrPutBack(delivery: NoticeDelivery): Promise<boolean> {
    try {
      return await this.deliver(delivery);
    } catch (error) {
      this.logger.warn({ tokenId: delivery.tokenId, error: String(error) }, 'Delivery interrupted, will retry');
      const retryAt = new Date(this.clock.now().getTime() + this.settings.firstRetryDelayMs);
      await this.queue
        .retryLater(delivery, this.holder, delivery.attempts, retryAt, String(error))
        .catch(() => undefined);
      return false;
    }
  }

  /** Returns whether the delivery ended (delivered, dropped or failed) rather than waits for a retry. */
  private async deliver(delivery: NoticeDelivery): Promise<boolean> {
    const now = this.clock.now();
    const history = (await this.store.readStream(tokenStreamName(delivery.tokenId)))
      .map(toTokenEvent)
      .filter((event): event is TokenEvent => event !== null);
    const token = noticeTokenFrom(history);
    const found = token === null ? null : toNotice(delivery, token, this.config.tokenIdleRevokeDays);
    const notice =
      found?.kind === 'expiry' ? { ...found, lastUsedAt: await this.uses.lastUsedAt(found.tokenId) } : found;
    if (token === null || notice === null) {
      this.logger.error({ tokenId: delivery.tokenId }, 'A claimed notice names a token without stream or its cause');
      return this.complete(delivery, 'dropped');
    }
    if (notice.kind === 'expiry') {
      const verdict = deliveryVerdict(token, delivery.thresholdDays, this.config.noticeThresholdsDays, now);
      if (verdict !== 'deliver') return this.giveUp(delivery, verdict);
    }
    const names = channelsOf(delivery.channel);
    if (names.length === 0) return this.giveUp(delivery, 'no_recipient');

    const failures: Record<string, ChannelFailure> = {};
    for (const name of names.filter((channel) => !delivery.delivered.includes(channel))) {
      const failure = await this.handTo(name, notice);
      if (failure !== null) {
        this.metrics.attemptFailed(name);
        failures[name] = failure;
        continue;
      }
      this.metrics.noticeSent(name);
      await this.queue.recordDelivered(delivery, this.holder, name);
    }
    if (Object.keys(failures).length === 0) {
      this.metrics.noticeDelivered((this.clock.now().getTime() - dueAt(notice).getTime()) / 1000);
      this.logger.log(
        { tokenId: delivery.tokenId, ...about(notice), channel: delivery.channel },
        `${noticeLabel(delivery)} delivered`,
      );
      return this.complete(delivery, 'delivered');
    }
    const attempts = delivery.attempts + 1;
    if (attempts >= this.settings.maxAttempts) return this.giveUp(delivery, 'delivery_failed', failures);
    const retryAt = new Date(
      now.getTime() + retryDelayMs(attempts, this.settings.firstRetryDelayMs, this.settings.retryFactor),
    );
    this.logger.warn(
      { tokenId: delivery.tokenId, ...about(notice), attempts, retryAt, ...logged(failures) },
      `${noticeLabel(delivery)} not delivered, will retry`,
    );
    await this.queue.retryLater(delivery, this.holder, attempts, retryAt, channelFailureDetail(codesOf(failures)));
    return false;
  }

  /** Null once the channel has accepted the notice, else why it has not. */
  private async handTo(name: string, notice: OwnerNotice): Promise<ChannelFailure | null> {
    const channel = this.channels.byName(name);
    if (channel === undefined) return { code: 'channel_not_configured', error: `no ${name} channel in this process` };
    try {
      await channel.deliver(notice);
      return null;
    } catch (error) {
      return channelFailure(error);
    }
  }

  /**
   * Records why the notice will not be delivered in the token's stream (codes and fixed
   * sentences only; the channels' own errors go to the log), then ends its delivery.
   */
  private async giveUp(
    delivery: NoticeDelivery,
    reason: ExpiryNoticeFailureReason,
    failures: Record<string, ChannelFailure> = {},
  ): Promise<boolean> {
    const commandId = randomUUID();
    const command = failureCommand(delivery, reason, codesOf(failures), this.clock.now());
    await executeTokenCommand(this.store, command, { commandId, correlationId: commandId, actor: ACTOR });
    this.metrics.noticeFailed(reason);
    const entry = {
      tokenId: delivery.tokenId,
      ...(isRevocationNotice(delivery) ? {} : { thresholdDays: delivery.thresholdDays }),
      reason,
      deliveredBy: delivery.delivered,
      ...logged(failures),
    };
    const failed = reason === 'delivery_failed' || reason === 'no_recipient';
    if (failed) this.logger.error(entry, `${noticeLabel(delivery)} failed`);
    else this.logger.log(entry, `${noticeLabel(delivery)} dropped`);
    return this.complete(delivery, failed ? 'failed' : 'dropped');
  }

  private async complete(delivery: NoticeDelivery, outcome: DeliveryOutcome): Promise<boolean> {
    const held = await this.queue.complete(delivery, this.holder, outcome, this.clock.now());
    if (!held) {
      this.logger.warn(
        { tokenId: delivery.tokenId, thresholdDays: delivery.thresholdDays },
        'Lost the lease of a delivery while working on it: another process may deliver it again',
      );
    }
    return true;
  }

  private async renewLeases(): Promise<void> {
    try {
      await this.queue.renew(this.holder, new Date(this.clock.now().getTime() + this.settings.leaseMs));
    } catch (error) {
      this.logger.warn(`Could not renew delivery leases: ${String(error)}`);
    }
  }

  /** After every pass has ended (the worker stops first), what this notifier holds may be taken over. */
  onApplicationShutdown(): void {
    retireLeaseHolder(this.holder);
  }

  /** A process of this host that died holding leases (kill -9) leaves them at once, not when they run out. */
  private async takeOverFromGoneHolders(): Promise<void> {
    for (const holder of await this.queue.holders()) {
      if (!isGoneFromThisHost(holder)) continue;
      const released = await this.queue.releaseHeldBy(holder);
      if (released > 0) this.logger.warn({ holder, released }, 'Took over the deliveries of a process that is gone');
    }
  }
}

/** What the owner is told, or null when the stream does not hold what the claim was about. */
function toNotice(delivery: NoticeDelivery, token: NoticeToken, idleDays: number | null): OwnerNotice | null {
  const common = {
    noticeId: delivery.noticeId,
    tokenId: token.tokenId,
    userId: token.userId,
    ownerEmail: token.ownerEmail,
    name: token.name,
    tokenHint: token.tokenHint,
    claimedAt: delivery.claimedAt,
  };
  if (isRevocationNotice(delivery)) {
    const owed = token.revocationNotice;
    if (owed === null) return null;
    return { ...common, kind: 'revocation', cause: owed.cause, revokedAt: owed.owedSince, idleDays };
  }
  if (token.expiresAt === null) return null;
  return { ...common, kind: 'expiry', expiresAt: token.expiresAt, thresholdDays: delivery.thresholdDays };
}

/** When the notice fell due: the latency metric counts from there. */
function dueAt(notice: OwnerNotice): Date {
  if (notice.kind === 'revocation') return notice.revokedAt;
  return new Date(notice.expiresAt.getTime() - notice.thresholdDays * DAY_MS);
}

const noticeLabel = (delivery: NoticeDelivery): string =>
  isRevocationNotice(delivery) ? 'Revocation notice' : 'Expiry notice';

/** What a log line says the notice is about. */
const about = (notice: OwnerNotice): { thresholdDays: number } | { cause: string } =>
  notice.kind === 'expiry' ? { thresholdDays: notice.thresholdDays } : { cause: notice.cause };

/** How a notice given up is recorded: a revocation notice fails only for want of a channel that takes it. */
function failureCommand(
  delivery: NoticeDelivery,
  reason: ExpiryNoticeFailureReason,
  errorCodes: NoticeChannelErrorCodes,
  now: Date,
): TokenCommand {
  const failure = {
    tokenId: delivery.tokenId,
    channel: delivery.channel,
    errorCodes,
    deliveredBy: delivery.delivered,
    now,
  };
  if (isRevocationNotice(delivery) && (reason === 'delivery_failed' || reason === 'no_recipient')) {
    return { type: 'RecordRevocationNoticeFailure', ...failure, reason };
  }
  return { type: 'RecordExpiryNoticeFailure', ...failure, thresholdDays: delivery.thresholdDays, reason };
}

function codesOf(failures: Record<string, ChannelFailure>): NoticeChannelErrorCodes {
  return Object.fromEntries(Object.entries(failures).map(([channel, failure]) => [channel, failure.code]));
}

/** What the log says of failed channels: their codes and, for the operator, their errors. */
function logged(failures: Record<string, ChannelFailure>): {
  errorCodes?: NoticeChannelErrorCodes;
  errors?: Record<string, string>;
} {
  if (Object.keys(failures).length === 0) return {};
  const errors = Object.fromEntries(Object.entries(failures).map(([channel, failure]) => [channel, failure.error]));
  return { errorCodes: codesOf(failures), errors };
}
