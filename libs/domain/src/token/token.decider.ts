import { noticeFailureDetail } from '../notice/notice-failure-detail';
import { assertNever } from '../shared/assert-never';
import { DomainValidationError } from '../shared/domain-error';
import { hasPassed } from './has-passed';
import {
  actorId,
  IDLE_REVOCATION_ACTOR,
  LEAK_REPORT_ACTOR,
  type Actor,
  type Predecessor,
  type TokenCommand,
} from './token.commands';
import {
  TokenAlreadyExistsError,
  TokenLimitReachedError,
  TokenNotActiveError,
  TokenNotFoundError,
  TokenNotYetExpiredError,
} from './token.errors';
import {
  IDLE_REASON,
  LEAKED_REASON,
  revocationNoticeCause,
  TOKEN_EVENT_SCHEMA_VERSION,
  TOKEN_GENERATED_SCHEMA_VERSION,
  type RevocationNoticeCause,
  type TokenEvent,
  type TokenExpired,
} from './token.events';
import { DAY_MS } from './token-expiry';
import { exceedsLifetimePolicy, LIFETIME_POLICY_REASON } from './token-lifetime-policy';
import { resolveExpiry, successorExpiry } from './token-expiry';
import { normalizeTokenName } from './token-name';
import { resolveRateLimit } from './token-rate-limit';
import { resolveScopes } from './token-scopes';

export type TokenState =
  | { status: 'absent' }
  | {
      /**
       * `suspended` is a pause of `active`: it can still be revoked, renamed and expire.
       * `rotated` has a successor; it is accepted until `graceUntil` and can only be revoked.
       */
      status: 'active' | 'suspended' | 'revoked' | 'expired' | 'rotated';
      tokenId: string;
      userId: string;
      ownerEmail: string | null;
      name: string;
      scopes: readonly string[];
      maxRequestsPerSecond: number | null;
      generatedAt: Date;
      expiresAt: Date | null;
      graceUntil: Date | null;
      noticesSent: readonly number[];
      noticesFailed: readonly number[];
      /** The notice owed to the owner because the token was revoked for them, once there is one. */
      revocationNotice: RevocationNoticeState | null;
    };

export interface RevocationNoticeState {
  cause: RevocationNoticeCause;
  status: 'owed' | 'claimed' | 'failed';
}

export const initialTokenState: TokenState = { status: 'absent' };

export { hasPassed };

export function decide(command: TokenCommand, state: TokenState): TokenEvent[] {
  switch (command.type) {
    case 'GenerateToken': {
      if (state.status !== 'absent') throw new TokenAlreadyExistsError(command.tokenId);
      const name = normalizeTokenName(command.name);
      const expiresAt = resolveExpiry(command.expiry, command.now, command.policy);
      const scopes = resolveScopes(command.scopes, command.declaredScopes);
      const maxRequestsPerSecond = resolveRateLimit(command.maxRequestsPerSecond);
      if (command.quota.active >= command.quota.limit) throw new TokenLimitReachedError(command.quota.limit);
      return [
        {
          type: 'TokenGenerated',
          data: {
            schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION,
            tokenId: command.tokenId,
            userId: command.userId,
            ownerEmail: command.ownerEmail,
            name,
            tokenDigest: command.tokenDigest,
            tokenHint: command.tokenHint,
            generatedAt: command.now.toISOString(),
            expiresAt: expiresAt?.toISOString() ?? null,
            scopes,
            maxRequestsPerSecond,
          },
        },
      ];
    }
    case 'RevokeToken': {
      const token = managedToken(state, command);
      if (!isRevocable(token, command.now)) return [];
      return [
        {
          type: 'TokenRevoked',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: token.tokenId,
            revokedAt: command.now.toISOString(),
            revokedBy: actorId(command.actor),
            reason: command.reason,
          },
        },
      ];
    }
    case 'ReportTokenLeak': {
      if (state.status === 'absent' || !isRevocable(state, command.now)) return [];
      const at = command.now.toISOString();
      const base = { schemaVersion: TOKEN_EVENT_SCHEMA_VERSION, tokenId: state.tokenId } as const;
      return [
        { type: 'TokenLeakReported', data: { ...base, reportedAt: at } },
        {
          type: 'TokenRevoked',
          data: { ...base, revokedAt: at, revokedBy: actorId(LEAK_REPORT_ACTOR), reason: LEAKED_REASON },
        },
      ];
    }
    case 'RevokeIdleToken': {
      if (state.status !== 'active' || hasPassed(state.expiresAt, command.now)) return [];
      const idleSince = command.lastUsedAt ?? state.generatedAt;
      if (command.now.getTime() - idleSince.getTime() < command.idleDays * DAY_MS) return [];
      return [
        {
          type: 'TokenRevoked',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: state.tokenId,
            revokedAt: command.now.toISOString(),
            revokedBy: actorId(IDLE_REVOCATION_ACTOR),
            reason: IDLE_REASON,
          },
        },
      ];
    }
    case 'RenameToken': {
      const token = managedToken(state, command);
      const name = normalizeTokenName(command.name);
      assertLive(token, command.now);
      if (name === token.name) return [];
      return [
        {
          type: 'TokenRenamed',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: token.tokenId,
            name,
            previousName: token.name,
            renamedBy: actorId(command.actor),
            renamedAt: command.now.toISOString(),
          },
        },
      ];
    }
    case 'ChangeTokenRateLimit': {
      const token = managedToken(state, command);
      const maxRequestsPerSecond = resolveRateLimit(command.maxRequestsPerSecond);
      assertLive(token, command.now);
      if (maxRequestsPerSecond === token.maxRequestsPerSecond) return [];
      return [
        {
          type: 'TokenRateLimitChanged',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: token.tokenId,
            maxRequestsPerSecond,
            previous: token.maxRequestsPerSecond,
            changedBy: actorId(command.actor),
            changedAt: command.now.toISOString(),
          },
        },
      ];
    }
    case 'EditToken': {
      const { tokenId, actor, now } = command;
      const renamed =
        command.name === undefined
          ? []
          : decide({ type: 'RenameToken', tokenId, actor, name: command.name, now }, state);
      if (command.maxRequestsPerSecond === undefined) return renamed;
      const limit = {
        type: 'ChangeTokenRateLimit',
        tokenId,
        actor,
        maxRequestsPerSecond: command.maxRequestsPerSecond,
        now,
      } as const;
      return [...renamed, ...decide(limit, renamed.reduce(evolve, state))];
    }
    case 'SuspendToken': {
      const token = managedToken(state, command);
      assertLive(token, command.now);
      if (token.status === 'suspended') return [];
      return [
        {
          type: 'TokenSuspended',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: token.tokenId,
            suspendedBy: actorId(command.actor),
            suspendedAt: command.now.toISOString(),
            reason: command.reason,
          },
        },
      ];
    }
    case 'ReactivateToken': {
      const token = managedToken(state, command);
      assertLive(token, command.now);
      if (token.status === 'active') return [];
      return [
        {
          type: 'TokenReactivated',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: token.tokenId,
            reactivatedBy: actorId(command.actor),
            reactivatedAt: command.now.toISOString(),
            reason: command.reason,
          },
        },
      ];
    }
    case 'RotateToken': {
      const token = managedToken(state, command);
      assertLive(token, command.now);
      const { overlapSeconds, maxOverlapSeconds, now } = command;
      if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > maxOverlapSeconds) {
        throw new DomainValidationError(
          'overlapSeconds',
          `overlapSeconds must be a whole number of seconds from 0 to ${maxOverlapSeconds}`,
        );
      }
      // A suspended token was refused already; its rotation does not bring it back for the overlap.
      const overlapMs = token.status === 'suspended' ? 0 : overlapSeconds * 1000;
      const graceUntil = new Date(Math.min(now.getTime() + overlapMs, token.expiresAt?.getTime() ?? Infinity));
      return [
        {
          type: 'TokenRotated',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: token.tokenId,
            successorId: command.successorId,
            graceUntil: graceUntil.toISOString(),
            rotatedBy: actorId(command.actor),
            rotatedAt: now.toISOString(),
          },
        },
      ];
    }
    case 'GenerateSuccessor': {
      if (state.status !== 'absent') throw new TokenAlreadyExistsError(command.tokenId);
      const { predecessor, now } = command;
      const expiresAt = successorExpiry(predecessor.lifetimeMs, now, command.policy);
      return [
        {
          type: 'TokenGenerated',
          data: {
            schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION,
            tokenId: command.tokenId,
            userId: predecessor.userId,
            ownerEmail: predecessor.ownerEmail,
            name: predecessor.name,
            tokenDigest: command.tokenDigest,
            tokenHint: command.tokenHint,
            generatedAt: now.toISOString(),
            expiresAt: expiresAt?.toISOString() ?? null,
            scopes: [...predecessor.scopes],
            maxRequestsPerSecond: predecessor.maxRequestsPerSecond,
            predecessorId: predecessor.tokenId,
          },
        },
      ];
    }
    case 'ExpireToken': {
      if (state.status === 'absent') throw new TokenNotFoundError(command.tokenId);
      if (!isLive(state)) return [];
      if (!hasPassed(state.expiresAt, command.now)) throw new TokenNotYetExpiredError(command.tokenId);
      return [expiredEvent(state, command.now)];
    }
    case 'ExpireTokenByPolicy': {
      if (!isLive(state) || hasPassed(state.expiresAt, command.now)) return [];
      if (!exceedsLifetimePolicy(state.generatedAt, state.expiresAt, command.policy)) return [];
      const { maxLifetimeDays } = command.policy;
      return [expiredEvent(state, command.now, { reason: LIFETIME_POLICY_REASON, maxLifetimeDays })];
    }
    case 'RecordExpiryNotice': {
      if (state.status === 'absent') throw new TokenNotFoundError(command.tokenId);
      // A suspended token's notices are held: the notifier asks again once it is reactivated.
      if (state.status !== 'active' || hasPassed(state.expiresAt, command.now)) return [];
      // A looser notice after a tighter one would tell the owner they have more time than they do.
      if (state.noticesSent.some((sent) => sent <= command.thresholdDays)) return [];
      return [
        {
          type: 'ExpiryNoticeSent',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: state.tokenId,
            thresholdDays: command.thresholdDays,
            channel: command.channel,
            sentAt: command.now.toISOString(),
          },
        },
      ];
    }
    case 'RecordExpiryNoticeFailure': {
      if (state.status === 'absent') throw new TokenNotFoundError(command.tokenId);
      const claimed = state.noticesSent.includes(command.thresholdDays);
      if (!claimed || state.noticesFailed.includes(command.thresholdDays)) return [];
      return [
        {
          type: 'ExpiryNoticeFailed',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: state.tokenId,
            thresholdDays: command.thresholdDays,
            channel: command.channel,
            reason: command.reason,
            errorCodes: { ...command.errorCodes },
            detail: noticeFailureDetail(command.reason, command.errorCodes, command.deliveredBy),
            failedAt: command.now.toISOString(),
          },
        },
      ];
    }
    case 'RecordRevocationNotice': {
      if (state.status === 'absent') throw new TokenNotFoundError(command.tokenId);
      if (state.revocationNotice?.status !== 'owed') return [];
      return [
        {
          type: 'RevocationNoticeSent',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: state.tokenId,
            cause: state.revocationNotice.cause,
            channel: command.channel,
            sentAt: command.now.toISOString(),
          },
        },
      ];
    }
    case 'RecordRevocationNoticeFailure': {
      if (state.status === 'absent') throw new TokenNotFoundError(command.tokenId);
      if (state.revocationNotice?.status !== 'claimed') return [];
      return [
        {
          type: 'RevocationNoticeFailed',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId: state.tokenId,
            cause: state.revocationNotice.cause,
            channel: command.channel,
            reason: command.reason,
            errorCodes: { ...command.errorCodes },
            detail: noticeFailureDetail(command.reason, command.errorCodes, command.deliveredBy),
            failedAt: command.now.toISOString(),
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

export function evolve(state: TokenState, event: TokenEvent): TokenState {
  switch (event.type) {
    case 'TokenGenerated':
      if (state.status !== 'absent') return state;
      return {
        status: 'active',
        tokenId: event.data.tokenId,
        userId: event.data.userId,
        ownerEmail: event.data.ownerEmail,
        name: event.data.name,
        scopes: event.data.scopes,
        maxRequestsPerSecond: event.data.maxRequestsPerSecond,
        generatedAt: new Date(event.data.generatedAt),
        expiresAt: event.data.expiresAt === null ? null : new Date(event.data.expiresAt),
        graceUntil: null,
        noticesSent: [],
        noticesFailed: [],
        revocationNotice: null,
      };
    case 'TokenRevoked': {
      if (!isLive(state) && state.status !== 'rotated') return state;
      const cause = revocationNoticeCause(event.data.reason);
      return { ...state, status: 'revoked', revocationNotice: cause === null ? null : { cause, status: 'owed' } };
    }
    case 'TokenExpired':
      return isLive(state) ? { ...state, status: 'expired' } : state;
    case 'TokenSuspended':
      return state.status === 'active' ? { ...state, status: 'suspended' } : state;
    case 'TokenReactivated':
      return state.status === 'suspended' ? { ...state, status: 'active' } : state;
    case 'TokenRenamed':
      return state.status === 'absent' ? state : { ...state, name: event.data.name };
    case 'TokenRateLimitChanged':
      return state.status === 'absent' ? state : { ...state, maxRequestsPerSecond: event.data.maxRequestsPerSecond };
    case 'TokenRotated':
      return isLive(state) ? { ...state, status: 'rotated', graceUntil: new Date(event.data.graceUntil) } : state;
    case 'TokenLeakReported':
      return state;
    case 'RevocationNoticeSent':
      return withRevocationNotice(state, 'claimed');
    case 'RevocationNoticeFailed':
      return withRevocationNotice(state, 'failed');
    case 'ExpiryNoticeSent':
      return state.status === 'absent'
        ? state
        : { ...state, noticesSent: [...state.noticesSent, event.data.thresholdDays] };
    case 'ExpiryNoticeFailed':
      return state.status === 'absent'
        ? state
        : { ...state, noticesFailed: [...state.noticesFailed, event.data.thresholdDays] };
    default:
      return assertNever(event);
  }
}

function expiredEvent(
  state: PresentTokenState,
  now: Date,
  byPolicy: Pick<TokenExpired['data'], 'reason' | 'maxLifetimeDays'> = {},
): TokenExpired {
  const data = {
    schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
    tokenId: state.tokenId,
    expiredAt: now.toISOString(),
  } as const;
  return { type: 'TokenExpired', data: { ...data, ...byPolicy } };
}

function withRevocationNotice(state: TokenState, status: RevocationNoticeState['status']): TokenState {
  if (state.status === 'absent' || state.revocationNotice === null) return state;
  return { ...state, revocationNotice: { ...state.revocationNotice, status } };
}

/** The state after a stream's events, oldest first. */
export const foldTokenEvents = (events: readonly TokenEvent[]): TokenState => events.reduce(evolve, initialTokenState);

export type PresentTokenState = Exclude<TokenState, { status: 'absent' }>;

/** Active or suspended: not yet revoked nor recorded as expired. */
function isLive(state: TokenState): state is PresentTokenState & { status: 'active' | 'suspended' } {
  return state.status === 'active' || state.status === 'suspended';
}

/** Live, or rotated and still within its overlap; and not past its expiry. */
function isRevocable(state: PresentTokenState, now: Date): boolean {
  if (hasPassed(state.expiresAt, now)) return false;
  if (state.status === 'rotated') return !hasPassed(state.graceUntil, now);
  return isLive(state);
}

/** What the successor of `state` takes over; `state` is a token the rotation was allowed on. */
export function predecessorOf(state: TokenState): Predecessor {
  if (state.status === 'absent') throw new Error('A rotation was allowed on a token that does not exist');
  return {
    tokenId: state.tokenId,
    userId: state.userId,
    ownerEmail: state.ownerEmail,
    name: state.name,
    scopes: state.scopes,
    maxRequestsPerSecond: state.maxRequestsPerSecond,
    // To the second up, as expiresInDays counts from the current second: 7 days stay 7 days.
    lifetimeMs:
      state.expiresAt === null
        ? null
        : Math.ceil((state.expiresAt.getTime() - state.generatedAt.getTime()) / 1000) * 1000,
  };
}

/** The token, when it exists and the actor may manage it; to anyone else it does not exist. */
function managedToken(state: TokenState, command: { tokenId: string; actor: Actor }): PresentTokenState {
  if (state.status === 'absent' || !mayManage(command.actor, state.userId)) {
    throw new TokenNotFoundError(command.tokenId);
  }
  return state;
}

/** A change that needs a live token: refused for a revoked, expired or past-expiry one. */
function assertLive(state: PresentTokenState, now: Date): void {
  if (state.status === 'revoked' || state.status === 'expired' || state.status === 'rotated')
    throw new TokenNotActiveError(state.tokenId, state.status);
  if (hasPassed(state.expiresAt, now)) throw new TokenNotActiveError(state.tokenId, 'expired');
}

function mayManage(actor: Actor, ownerId: string): boolean {
  return actor.kind === 'system' || actor.isAdmin || actor.userId === ownerId;
}
