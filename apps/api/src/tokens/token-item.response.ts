import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_STATUSES, effectiveStatus, type TokenStatus, type TokenView } from '@pat/domain';
import { TokenPageResponse } from './token-page/token-page';

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
  @ApiProperty({
    enum: TOKEN_STATUSES,
    description: '`suspended`: refused until reactivated; a token past its expiry is `expired` whatever it was',
  })
  status!: TokenStatus;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'While suspended: since when' }) suspendedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) expiredAt?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When an API last accepted the token (written once a minute; absent if never)',
  })
  lastUsedAt?: string;

  static from(view: TokenView, now: Date, lastUsedAt?: Date): TokenItemResponse {
    const status = effectiveStatus(view, now);
    return {
      id: view.id,
      name: view.name,
      tokenHint: view.tokenHint,
      createdAt: view.createdAt.toISOString(),
      expiresAt: view.expiresAt?.toISOString() ?? null,
      scopes: [...view.scopes],
      status,
      ...(view.revokedAt ? { revokedAt: view.revokedAt.toISOString() } : {}),
      ...(status === 'suspended' && view.suspendedAt ? { suspendedAt: view.suspendedAt.toISOString() } : {}),
      ...(status === 'expired' ? { expiredAt: (view.expiredAt ?? view.expiresAt ?? now).toISOString() } : {}),
      ...(lastUsedAt ? { lastUsedAt: lastUsedAt.toISOString() } : {}),
    };
  }
}

export class TokenListResponse extends TokenPageResponse {
  @ApiProperty({ type: [TokenItemResponse] }) items!: TokenItemResponse[];
}
