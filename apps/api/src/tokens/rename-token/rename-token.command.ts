import type { UserPrincipal } from '../../auth/principals';

export class RenameTokenCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly tokenId: string,
    readonly name: unknown,
    readonly correlationId: string,
  ) {}
}
