import type { UserPrincipal } from '../../auth/principals';
import type { ActingAs } from '../acting-as';

export type SuspensionChange = 'SuspendToken' | 'ReactivateToken';

export class SuspensionChangeCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly tokenId: string,
    readonly change: SuspensionChange,
    readonly reason: string | null,
    readonly correlationId: string,
    readonly as: ActingAs,
  ) {}
}
