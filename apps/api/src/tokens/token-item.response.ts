import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_STATUSES, effectiveStatus, type ClientUse, type TokenStatus, type TokenView } from '@pat/domain';
import type { TokenUsage } from '../auth/token-usage-recorder';
import { TokenPageResponse } from './token-page/token-page';

/** One client a token was used from. */
export class ClientUseResponse {
  @ApiProperty({ example: '203.0.113.7', description: 'As the API saw it (through TRUST_PROXY)' }) address!: string;
  @ApiProperty({ type: String, nullable: true, example: 'curl/8.5.0', description: 'Cut at 200 characters' })
  userAgent!: string | null;
  @ApiProperty({ format: 'date-time' }) lastUsedAt!: string;

  static from(use: ClientUse): ClientUseResponse {
    return { address: use.address, userAgent: use.userAgent, lastUsedAt: use.usedAt.toISOString() };
  }
}

/** A token as its owner sees it: never the token itself, never its digest. */
export class TokenItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CI deploy' }) name!: string;
  @ApiProperty({ example: 'pat_AbCd…wXyZ' }) tokenHint!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({
    type: [String],
    example: ['api', 'read_api'],
    description: 'The scopes the token carries, includes expanded; `["*"]`: every scope (a token from before scopes)',
  })
  scopes!: string[];
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Requests a second the token may make (429 `token_rate_limited` beyond); absent: no limit',
    example: 20,
  })
  maxRequestsPerSecond?: number;
  @ApiProperty({
    enum: TOKEN_STATUSES,
    description:
      '`suspended`: refused until reactivated; `rotated`: replaced by `successorId`, accepted until `graceUntil`; ' +
      'an active or suspended token past its expiry is `expired`',
  })
  status!: TokenStatus;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
  @ApiPropertyOptional({
    description:
      'Once revoked: by whom, a user id or `system:<name>` (`system:leak-report`: its secret was reported leaked; ' +
      '`system:idle-revocation`: it was left unused for `TOKEN_IDLE_REVOKE_DAYS`)',
    example: 'alice',
  })
  revokedBy?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'While suspended: since when' }) suspendedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) expiredAt?: string;
  @ApiPropertyOptional({
    enum: [true],
    description:
      'Present once expired before its `expiresAt` because the token lives longer than the lifetime policy ' +
      '(`TOKEN_MAX_LIFETIME_DAYS`, `TOKEN_ALLOW_NO_EXPIRY`) now allows',
  })
  expiredByPolicy?: true;
  @ApiPropertyOptional({ format: 'date-time', description: 'Once rotated: when' }) rotatedAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Once rotated: the token that replaced this one' })
  successorId?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Once rotated: this token is accepted until then (the overlap), and refused with token_rotated after',
  })
  graceUntil?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The rotated token this one replaced' })
  predecessorId?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When an API last accepted the token (written once a minute; absent if never)',
  })
  lastUsedAt?: string;
  @ApiPropertyOptional({
    type: [ClientUseResponse],
    description:
      'Where the token was used from lately: up to 5 distinct clients (address and User-Agent), newest first, ' +
      'each with its last use (written as lastUsedAt is; a client not seen for 90 days is forgotten)',
  })
  recentClients?: ClientUseResponse[];

  static from(view: TokenView, now: Date, usage?: TokenUsage): TokenItemResponse {
    const lastUsedAt = usage?.lastUsedAt;
    const recentClients = usage?.recentClients ?? [];
    const status = effectiveStatus(view, now);
    return {
      id: view.id,
      name: view.name,
      tokenHint: view.tokenHint,
      createdAt: view.createdAt.toISOString(),
      expiresAt: view.expiresAt?.toISOString() ?? null,
      scopes: [...view.scopes],
      ...(view.maxRequestsPerSecond === null ? {} : { maxRequestsPerSecond: view.maxRequestsPerSecond }),
      status,
      ...(view.revokedAt ? { revokedAt: view.revokedAt.toISOString() } : {}),
      ...(view.revokedBy ? { revokedBy: view.revokedBy } : {}),
      ...(status === 'suspended' && view.suspendedAt ? { suspendedAt: view.suspendedAt.toISOString() } : {}),
      ...(status === 'expired' ? { expiredAt: (view.expiredAt ?? view.expiresAt ?? now).toISOString() } : {}),
      ...(view.expiredByPolicy ? { expiredByPolicy: true as const } : {}),
      ...(view.rotatedAt ? { rotatedAt: view.rotatedAt.toISOString() } : {}),
      ...(view.successorId ? { successorId: view.successorId } : {}),
      ...(view.graceUntil ? { graceUntil: view.graceUntil.toISOString() } : {}),
      ...(view.predecessorId ? { predecessorId: view.predecessorId } : {}),
      ...(lastUsedAt ? { lastUsedAt: lastUsedAt.toISOString() } : {}),
      ...(recentClients.length > 0 ? { recentClients: recentClients.map((use) => ClientUseResponse.from(use)) } : {}),
    };
  }
}

export class TokenListResponse extends TokenPageResponse {
  @ApiProperty({ type: [TokenItemResponse] }) items!: TokenItemResponse[];
}
