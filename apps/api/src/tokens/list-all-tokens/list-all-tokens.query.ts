import type { TokenStatus } from '@pat/domain';
import type { TokenPageRequest } from '../token-page/token-page';

export class ListAllTokensQuery {
  constructor(
    readonly userId: string | undefined,
    readonly status: TokenStatus | undefined,
    readonly page: TokenPageRequest,
  ) {}
}
