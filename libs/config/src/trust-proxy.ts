import { isIP } from 'node:net';
import { ConfigError } from './config-error';

/** Which proxies may set X-Forwarded-For: none, all, the nearest N hops, or these addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

export function trustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
    throw new ConfigError('TRUST_PROXY', 'a hop count must be from 1 to 10');
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) {
      throw new ConfigError('TRUST_PROXY', `"${entry}" is not true, false, a hop count, an IP address or a CIDR`);
    }
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}
