import type { UserPrincipal } from '../../auth/principals';

export class RenameTokenCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly tokenId: string,
    /** What the PATCH body gave: absent fields stay as they are. */
    readonly changes: { name?: unknown; maxRequestsPerSecond?: unknown },
    readonly correlationId: string,
  ) {}
}
