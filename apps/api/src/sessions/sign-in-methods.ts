import type { AppConfig } from '@pat/config';
import { isIP } from 'node:net';

/** Hosts reachable from this machine only: a local sign-in there lets in nobody but its own user. */
function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * The local sign-in takes anyone's word for who they are, so it exists only where nobody else
 * can reach the page: no identity provider configured, and the API bound to a loopback address.
 */
export function localSignInAllowed(config: AppConfig): boolean {
  return config.authOidcIssuer === null && isLoopbackHost(config.host);
}
