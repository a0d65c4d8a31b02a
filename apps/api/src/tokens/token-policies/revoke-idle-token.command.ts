export class RevokeIdleTokenCommand {
  constructor(
    readonly tokenId: string,
    /** The last use the sweep found, or null if none. */
    readonly lastUsedAt: Date | null,
    readonly idleDays: number,
  ) {}
}
