import type { TokenStatus } from '@pat/domain';

export class ListTokensQuery {
  constructor(
    readonly userId: string,
    readonly status: TokenStatus | undefined,
  ) {}
}
