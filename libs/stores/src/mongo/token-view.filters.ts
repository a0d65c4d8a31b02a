import type { TokenListQuery } from '@pat/domain';
import type { QueryFilter } from 'mongoose';
import type { TokenViewDocument } from './token-view.document';

type Filter = QueryFilter<TokenViewDocument>;

/** Newest first; the id breaks ties the way the embedded read model does. */
export const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;
export const SOONEST_EXPIRY_FIRST = { expiresAt: 1, _id: 1 } as const;

/** Recorded active or suspended, whatever their expiry. */
export const LIVE: Filter = { status: { $in: ['active', 'suspended'] } };

/** Recorded active or suspended with an expiry at or before `now`; `null` (never) is not `<=` any date. */
const lapsed = (now: Date): Filter => ({ ...LIVE, expiresAt: { $lte: now } });

const notLapsed = (now: Date): Filter => ({ $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });

/**
 * The list filter with the status evaluated as of `now`, as `effectiveStatus` does: a token
 * recorded active whose expiry has passed counts as expired.
 */
export function listFilter(query: TokenListQuery): Filter {
  const owner: Filter = query.userId === undefined ? {} : { userId: query.userId };
  switch (query.status) {
    case undefined:
      return owner;
    case 'active':
    case 'suspended':
      return { ...owner, status: query.status, ...notLapsed(query.now) };
    case 'revoked':
    case 'rotated':
      return { ...owner, status: query.status };
    case 'expired':
      return { ...owner, $or: [{ status: 'expired' }, lapsed(query.now)] };
  }
}

/** The user's tokens that count against their limit: active or suspended, and not past their expiry. */
export const liveFilter = (userId: string, now: Date): Filter => ({ userId, ...LIVE, ...notLapsed(now) });

/** The list filter, and only the tokens after `query.after` in the newest-first order. */
export function pageFilter(query: TokenListQuery): Filter {
  const { after } = query;
  if (after === undefined) return listFilter(query);
  const later: Filter = {
    $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }],
  };
  return { $and: [listFilter(query), later] };
}

export const dueForExpiryFilter = lapsed;
