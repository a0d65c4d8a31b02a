import { ApiProperty } from '@nestjs/swagger';
import type { TokenView } from '@pat/domain';
import type { TokenUsage } from '../../auth/token-usage-recorder';
import { TokenItemResponse } from '../token-item.response';
import { TokenPageResponse } from '../token-page/token-page';

/** A token as an administrator sees it: the owner's item plus whose it is. */
export class AdminTokenItemResponse extends TokenItemResponse {
  @ApiProperty({ description: "The owner's user id" }) userId!: string;

  static withOwner(view: TokenView, now: Date, usage?: TokenUsage): AdminTokenItemResponse {
    return { ...TokenItemResponse.from(view, now, usage), userId: view.userId };
  }
}

export class AdminTokenListResponse extends TokenPageResponse {
  @ApiProperty({ type: [AdminTokenItemResponse] }) items!: AdminTokenItemResponse[];
}
