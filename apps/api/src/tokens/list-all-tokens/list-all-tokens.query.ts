import type { TokenStatus } from '@pat/domain';

export class ListAllTokensQuery {
  constructor(
    readonly userId: string | undefined,
    readonly status: TokenStatus | undefined,
    readonly cursor: string | undefined,
    readonly limit: number,
  ) {}
}
