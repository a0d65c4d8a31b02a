import { AssertionError, deepStrictEqual, strictEqual } from 'node:assert/strict';
import { TOKEN_EVENT_SCHEMA_VERSION, type TokenEvent } from '../../token/token.events';
import { noticeToSend } from '../notice-decision';
import { nextDueAt, projectNoticeSchedule, type NoticeScheduleEntry } from '../notice-schedule-entry';
import { noticeTokenFrom } from '../notice-token';

export interface SentNotice {
  thresholdDays: number;
  at: Date;
}

export interface NotifierRun {
  from: Date;
  until: Date;
  /** The notifier is down from `from` to this instant, and catches up when it comes back. */
  downUntil?: Date;
}

export interface NoticeScenario {
  /** The notifier's clock reads `now` once, and the notifier decides. */
  whenTheNotifierWakesAt(now: Date): NoticeDecisionOutcome;
  /** The notifier runs, its timer set to the next due notice of its schedule, each wake deciding. */
  whenTheNotifierRuns(run: NotifierRun): NotifierRunOutcome;
}

export interface NoticeDecisionOutcome {
  thenSends(thresholdDays: number): void;
  thenSendsNothing(): void;
}

export interface NotifierRunOutcome {
  thenSends(expected: readonly SentNotice[]): void;
}

/**
 * Notice rules as `given(history).whenTheNotifierWakesAt(now).thenSends(7)`, or over a run of
 * the notifier with an injected clock: `given(history).whenTheNotifierRuns({from, until})
 * .thenSends([...])`. Each notice sent is recorded as ExpiryNoticeSent before the next wake,
 * as the notifier's claim does. Built on node:assert only, like the token's `given`.
 */
export function given(history: readonly TokenEvent[], thresholdsDays: readonly number[] = [7, 1]): NoticeScenario {
  return {
    whenTheNotifierWakesAt: (now) => {
      const token = noticeTokenFrom(history);
      const decided = token === null ? null : noticeToSend(token, thresholdsDays, now);
      return {
        thenSends: (thresholdDays) => strictEqual(decided, thresholdDays),
        thenSendsNothing: () => strictEqual(decided, null),
      };
    },
    whenTheNotifierRuns: (run) => {
      const sent = simulate([...history], thresholdsDays, run);
      return { thenSends: (expected) => deepStrictEqual(sent, [...expected]) };
    },
  };
}

/** The notifier's loop: sleep until the schedule's next due time (or the end of an outage), then decide. */
function simulate(history: TokenEvent[], thresholdsDays: readonly number[], run: NotifierRun): SentNotice[] {
  const sent: SentNotice[] = [];
  let clock = run.downUntil ?? run.from;
  for (let wakes = 0; wakes < 100; wakes++) {
    const entry = scheduleOf(history, thresholdsDays);
    const due = entry === null ? null : nextDueAt(entry);
    if (entry === null || due === null) return sent;
    const wake = new Date(Math.max(due.getTime(), clock.getTime()));
    const expired = entry.expiresAt === null || wake.getTime() >= entry.expiresAt.getTime();
    if (wake.getTime() > run.until.getTime() || expired) return sent;
    const token = noticeTokenFrom(history);
    const thresholdDays = token === null ? null : noticeToSend(token, thresholdsDays, wake);
    if (token === null || thresholdDays === null) {
      throw new AssertionError({ message: `the schedule woke the notifier at ${wake.toISOString()} for nothing` });
    }
    history.push(noticeSent(token.tokenId, thresholdDays, wake));
    sent.push({ thresholdDays, at: wake });
    clock = wake;
  }
  throw new AssertionError({ message: 'the notifier never went back to sleep' });
}

function scheduleOf(history: readonly TokenEvent[], thresholdsDays: readonly number[]): NoticeScheduleEntry | null {
  let entry: NoticeScheduleEntry | null = null;
  history.forEach((event, revision) => {
    entry = projectNoticeSchedule(entry, event, revision, thresholdsDays) ?? entry;
  });
  return entry;
}

function noticeSent(tokenId: string, thresholdDays: number, at: Date): TokenEvent {
  return {
    type: 'ExpiryNoticeSent',
    data: {
      schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
      tokenId,
      thresholdDays,
      channel: 'outbox',
      sentAt: at.toISOString(),
    },
  };
}
