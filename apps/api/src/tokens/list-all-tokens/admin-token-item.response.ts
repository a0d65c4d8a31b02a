import { ApiProperty } from '@nestjs/swagger';
import type { TokenView } from '@pat/domain';
import { TokenItemResponse } from '../token-item.response';
import { TokenPageResponse } from '../token-page/token-page';

/** A token as an administrator sees it: the owner's item plus whose it is. */
export class AdminTokenItemResponse extends TokenItemResponse {
  @ApiProperty({ description: "The owner's user id" }) userId!: string;

  static withOwner(view: TokenView, now: Date, lastUsedAt?: Date): AdminTokenItemResponse {
    return { ...TokenItemResponse.from(view, now, lastUsedAt), userId: view.userId };
  }
}

export class AdminTokenListResponse extends TokenPageResponse {
  @ApiProperty({ type: [AdminTokenItemResponse] }) items!: AdminTokenItemResponse[];
}
