import { hasPassed } from '../token/token.decider';
import type { ExpiryNoticeFailureReason } from '../token/token.events';
import { noticeDueTimes } from './notice-due-times';
import type { NoticeToken } from './notice-token';

/**
 * The threshold whose notice to send at `now`, or null. Only the tightest notice already due
 * is sent: after an outage that spans the 7-day and the 1-day due times the owner hears
 * "1 day", never "7 days". Nothing for a revoked or expired token, nothing from `expiresAt`
 * on, and nothing once that notice or a tighter one was sent.
 */
export function noticeToSend(token: NoticeToken, thresholdsDays: readonly number[], now: Date): number | null {
  if (token.status !== 'active' || token.expiresAt === null || hasPassed(token.expiresAt, now)) return null;
  const due = noticeDueTimes(token.generatedAt, token.expiresAt, thresholdsDays).filter(
    (notice) => notice.dueAt.getTime() <= now.getTime(),
  );
  if (due.length === 0) return null;
  const tightest = Math.min(...due.map((notice) => notice.thresholdDays));
  return token.sent.some((sent) => sent <= tightest) ? null : tightest;
}

export type DeliveryVerdict =
  'deliver' | Extract<ExpiryNoticeFailureReason, 'token_revoked' | 'token_expired' | 'token_rotated' | 'superseded'>;

/**
 * Whether a claimed notice is still worth delivering at `now` (its delivery may have been
 * delayed by retries or a crash): not once the token is revoked, expired or rotated (its
 * successor has notices of its own), and not once a
 * tighter notice is due or sent.
 */
export function deliveryVerdict(
  token: NoticeToken,
  thresholdDays: number,
  thresholdsDays: readonly number[],
  now: Date,
): DeliveryVerdict {
  if (token.status === 'revoked') return 'token_revoked';
  if (token.status === 'rotated') return 'token_rotated';
  if (token.status === 'expired' || hasPassed(token.expiresAt, now)) return 'token_expired';
  const tighterDue = noticeDueTimes(token.generatedAt, token.expiresAt, thresholdsDays).some(
    (notice) => notice.thresholdDays < thresholdDays && notice.dueAt.getTime() <= now.getTime(),
  );
  const tighterSent = token.sent.some((sent) => sent < thresholdDays);
  return tighterDue || tighterSent ? 'superseded' : 'deliver';
}
