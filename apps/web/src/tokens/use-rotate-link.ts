import { useEffect } from 'react';
import type { TokenItem } from '../api/types';

/** The query parameter an expiry notice's link sets: `/settings/tokens?rotate=<token id>`. */
export const ROTATE_PARAMETER = 'rotate';

/**
 * Opens the Rotate dialog of the token an expiry notice links to, once it is in the list and
 * can still be rotated, and takes the parameter out of the address so a reload does not open it again.
 */
export function useRotateLink(items: readonly TokenItem[], open: (token: TokenItem) => void): void {
  useEffect(() => {
    const url = new URL(window.location.href);
    const id = url.searchParams.get(ROTATE_PARAMETER);
    if (id === null) return;
    const token = items.find((item) => item.id === id);
    if (token === undefined) return;
    url.searchParams.delete(ROTATE_PARAMETER);
    window.history.replaceState(window.history.state, '', url);
    if (token.status === 'active' || token.status === 'suspended') open(token);
  }, [items, open]);
}
