import type { UserPrincipal } from '../../auth/principals';

export class RevokeTokenCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly tokenId: string,
    readonly correlationId: string,
  ) {}
}
