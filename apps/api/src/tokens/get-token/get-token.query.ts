import type { ActingAs } from '../acting-as';

/** One token: the user's own (`owner`), or anyone's with its owner named (`admin`). */
export class GetTokenQuery {
  constructor(
    readonly userId: string,
    readonly tokenId: string,
    readonly as: ActingAs = 'owner',
  ) {}
}
