import type { Actor } from '@pat/domain';
import type { UserPrincipal } from '../auth/principals';

/** `owner`: the user's own tokens only (any other answers 404); `admin`: anyone's, for an admin. */
export type ActingAs = 'owner' | 'admin';

export const tokenActor = (user: UserPrincipal, as: ActingAs): Actor => ({
  kind: 'user',
  userId: user.userId,
  isAdmin: as === 'admin' && user.isAdmin,
});
