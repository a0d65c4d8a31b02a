import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import {
  EVENT_STORE,
  NOTICE_SCHEDULE,
  decide,
  decideOnTokenStream,
  describeChannels,
  foldTokenEvents,
  noticeToSend,
  noticeTokenFrom,
  REVOCATION_NOTICE_KEY,
  StoreUnavailableError,
  type Clock,
  type EventStore,
  type LogPosition,
  type NoticeSchedule,
  type NoticeToken,
  type StreamDecision,
  type StreamOutcome,
  type TokenEvent,
} from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { NoticeChannels } from '../channels/notice-channels';
import { APP_CONFIG, CLOCK, NOTIFIER_SETTINGS } from '../infrastructure/injection-tokens';
import type { NotifierSettings } from '../infrastructure/notifier-settings';
import { NoticeFollower } from './notice-follower';
import { NotifierMetrics } from './notifier-metrics';

export interface ClaimPass {
  /** Tokens the schedule reported due. */
  due: number;
  /** Notices this pass claimed. */
  claimed: number;
}

const ACTOR = 'system:notifier';

/**
 * Claims the notices that are due: for each due token, reads its stream, decides with the
 * notice rules which notice (if any) to send now, and appends ExpiryNoticeSent (or, for a
 * token revoked for its owner, RevocationNoticeSent) with the expected revision. Of several processes claiming at once, one append wins; the others find
 * the notice sent when they decide again, and claim nothing. Delivery follows from the claim
 * in the log (see NoticeDeliverer), whichever process made it.
 */
@Injectable()
export class NoticeClaimer {
  private readonly logger = new Logger(NoticeClaimer.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTICE_SCHEDULE) private readonly schedule: NoticeSchedule,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NOTIFIER_SETTINGS) private readonly settings: NotifierSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: NoticeChannels,
    private readonly follower: NoticeFollower,
    private readonly metrics: NotifierMetrics,
  ) {}

  /** Claims what is due now, then waits until the schedule shows what it saw, so the next pass starts from there. */
  async claimDue(): Promise<ClaimPass> {
    const due = await this.schedule.due(this.clock.now(), this.settings.claimBatch);
    let claimed = 0;
    let seen: LogPosition | null = null;
    for (const { tokenId } of due) {
      const outcome = await this.claim(tokenId).catch((error: unknown) => {
        if (error instanceof StoreUnavailableError) throw error;
        this.logger.error({ tokenId, error: String(error) }, 'Could not claim a due notice; will try again');
        return null;
      });
      if (outcome === null) continue;
      if (outcome.result !== null) claimed++;
      const head = outcome.position ?? outcome.recorded.at(-1)?.position ?? null;
      if (head !== null && (seen === null || this.store.comparePositions(head, seen) > 0)) seen = head;
    }
    if (seen !== null) await this.follower.waitFor(seen, this.settings.followerWaitMs);
    return { due: due.length, claimed };
  }

  private async claim(tokenId: string): Promise<StreamOutcome<number | null>> {
    const commandId = randomUUID();
    const outcome = await decideOnTokenStream(
      this.store,
      tokenId,
      { commandId, correlationId: commandId, actor: ACTOR },
      (history) => this.decideClaim(history),
    );
    if (outcome.result === REVOCATION_NOTICE_KEY) {
      this.metrics.noticeClaimed();
      this.logger.log({ tokenId }, 'Revocation notice claimed');
    } else if (outcome.result !== null) {
      this.metrics.noticeClaimed();
      this.logger.log({ tokenId, thresholdDays: outcome.result }, 'Expiry notice claimed');
    }
    return outcome;
  }

  /** The claim's events and its notice key (a threshold, or REVOCATION_NOTICE_KEY); the revocation notice first. */
  private decideClaim(history: readonly TokenEvent[]): StreamDecision<number | null> {
    const now = this.clock.now();
    const token = noticeTokenFrom(history);
    if (token === null) return { events: [], result: null };
    const state = foldTokenEvents(history);
    const channel = this.channelsReaching(token);
    if (token.revocationNotice?.status === 'owed') {
      const events = decide({ type: 'RecordRevocationNotice', tokenId: token.tokenId, channel, now }, state);
      return { events, result: events.length > 0 ? REVOCATION_NOTICE_KEY : null };
    }
    const thresholdDays = noticeToSend(token, this.config.noticeThresholdsDays, now);
    if (thresholdDays === null) return { events: [], result: null };
    const events = decide({ type: 'RecordExpiryNotice', tokenId: token.tokenId, thresholdDays, channel, now }, state);
    return { events, result: events.length > 0 ? thresholdDays : null };
  }

  private channelsReaching(token: NoticeToken): string {
    return describeChannels(this.channels.reaching(token.ownerEmail).map((reaching) => reaching.name));
  }
}
