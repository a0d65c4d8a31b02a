import type { WebSession } from '@pat/domain';
import type { UserPrincipal } from '../auth/principals';

export const ADMIN_ROLE = 'admin';

/** A signed-in browser's user, as the management API sees any user: its credential lasts as long as the session. */
export function sessionPrincipal(session: WebSession): UserPrincipal {
  const { userId, email, roles } = session.user;
  return { userId, email, isAdmin: roles.includes(ADMIN_ROLE), credentialExpiresAt: session.expiresAt };
}
