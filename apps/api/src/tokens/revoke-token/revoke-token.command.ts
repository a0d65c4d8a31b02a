import type { UserPrincipal } from '../../auth/principals';
import type { ActingAs } from '../acting-as';

export class RevokeTokenCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly tokenId: string,
    readonly correlationId: string,
    readonly as: ActingAs,
  ) {}
}
