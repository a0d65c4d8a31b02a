import type { UserPrincipal } from '../../auth/principals';

export class RotateTokenCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly tokenId: string,
    readonly overlapSeconds: number,
    readonly correlationId: string,
  ) {}
}
