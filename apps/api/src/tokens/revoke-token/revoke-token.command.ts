import type { Actor } from '@pat/domain';

export class RevokeTokenCommand {
  constructor(
    readonly actor: Actor,
    readonly tokenId: string,
    readonly correlationId: string,
    /** Kept in `TokenRevoked.reason`; null for a plain revoke from the management API. */
    readonly reason: string | null = null,
  ) {}
}
