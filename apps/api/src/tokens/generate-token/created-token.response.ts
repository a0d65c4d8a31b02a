import { ApiProperty } from '@nestjs/swagger';
import type { TokenGenerated } from '@pat/domain';
import { TokenItemResponse } from '../token-item.response';

export class CreatedTokenResponse extends TokenItemResponse {
  @ApiProperty({ description: 'The token itself. Shown in this response only: copy it now.' })
  token!: string;

  /** The answer to a generate (or a rotation's successor): the new token's item, and the token once. */
  static of(generated: TokenGenerated['data'], token: string): CreatedTokenResponse {
    const { maxRequestsPerSecond } = generated;
    return {
      id: generated.tokenId,
      name: generated.name,
      token,
      tokenHint: generated.tokenHint,
      createdAt: generated.generatedAt,
      expiresAt: generated.expiresAt,
      scopes: generated.scopes,
      ...(maxRequestsPerSecond === null ? {} : { maxRequestsPerSecond }),
      status: 'active',
    };
  }
}
