import type { UserPrincipal } from '../../auth/principals';

/** `owner`: the user's own tokens only (any other answers 404); `admin`: anyone's, for an admin. */
export type RevokeAs = 'owner' | 'admin';

export class RevokeTokenCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly tokenId: string,
    readonly correlationId: string,
    readonly as: RevokeAs,
  ) {}
}
