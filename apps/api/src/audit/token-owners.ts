import { toTokenEvent, tokenStreamName, type EventStore, type TokenReadModel } from '@pat/domain';

/** Enough for a page; a long-lived stream starts over rather than growing without bound. */
const MAX_REMEMBERED = 10_000;

/** Who owns each token, looked up once: the read model first, the token's stream if it lags. */
export class TokenOwners {
  private readonly owners = new Map<string, string | null>();

  constructor(
    private readonly readModel: TokenReadModel,
    private readonly store: EventStore,
  ) {}

  remember(tokenId: string, userId: string | null): void {
    if (this.owners.size >= MAX_REMEMBERED) this.owners.clear();
    this.owners.set(tokenId, userId);
  }

  async of(tokenId: string): Promise<string | null> {
    const known = this.owners.get(tokenId);
    if (known !== undefined) return known;
    const owner = (await this.readModel.findById(tokenId))?.userId ?? (await this.fromStream(tokenId));
    this.remember(tokenId, owner);
    return owner;
  }

  private async fromStream(tokenId: string): Promise<string | null> {
    const [first] = await this.store.readStream(tokenStreamName(tokenId));
    const event = first ? toTokenEvent(first) : null;
    return event?.type === 'TokenGenerated' ? event.data.userId : null;
  }
}
