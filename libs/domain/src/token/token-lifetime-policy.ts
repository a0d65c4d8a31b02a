import type { ExpiryPolicy } from './token-expiry';

/** What `ExpiryPolicy` means for a token generated before it: is its whole lifetime still allowed? */
export type LifetimePolicy = ExpiryPolicy;

/** The `reason` of a TokenExpired recorded because the token lives longer than the policy allows. */
export const LIFETIME_POLICY_REASON = 'lifetime_policy';

const DAY_MS = 86_400_000;

/**
 * Whether a token generated at `generatedAt` to expire at `expiresAt` lives longer than the
 * policy now allows: more than `maxLifetimeDays`, or for ever where that is no longer allowed.
 * Generation never makes such a token, so only a policy lowered since can; then the token is
 * refused at use, as GitHub's organisation policies refuse tokens that outlive their maximum.
 */
export function exceedsLifetimePolicy(generatedAt: Date, expiresAt: Date | null, policy: LifetimePolicy): boolean {
  if (expiresAt === null) return !policy.allowNoExpiry;
  return expiresAt.getTime() - generatedAt.getTime() > policy.maxLifetimeDays * DAY_MS;
}
