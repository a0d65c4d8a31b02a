import { isIP } from 'node:net';

declare const throttleKeyBrand: unique symbol;

/** What the refusal throttle counts by: only `throttleKey` makes one. */
export type ThrottleKey = string & { readonly [throttleKeyBrand]: true };

/** The longest key there is: `ffff:ffff:ffff:ffff::/64`. */
export const MAX_THROTTLE_KEY_LENGTH = 24;

/** For a request whose socket has already gone (its answer reaches no one). */
const NO_ADDRESS = 'none' as ThrottleKey;

/** The two addresses Fastify knows of a request. */
export interface RequestAddresses {
  /** The client address: from X-Forwarded-For when TRUST_PROXY trusts the sender, so any text. */
  readonly ip: string | undefined;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/**
 * The client a refused token is counted against: `request.ip` if it parses as an IP address,
 * else the socket's peer (a junk X-Forwarded-For is no key of its own). An IPv4 address, an
 * IPv4-mapped IPv6 one included, counts by itself; an IPv6 address counts by its /64 network,
 * the block one host or one customer is given and can rotate addresses within at will. A key
 * is built afresh from the parsed numbers, so it never holds on to the header it was read from.
 */
export function throttleKey(request: RequestAddresses): ThrottleKey {
  return keyOf(request.ip) ?? keyOf(request.socket.remoteAddress) ?? NO_ADDRESS;
}

function keyOf(address: string | undefined): ThrottleKey | null {
  if (address === undefined) return null;
  switch (isIP(address)) {
    case 4:
      return ipv4Key(address.split('.').map(Number));
    case 6:
      return ipv6Key(ipv6Words(address));
    default:
      return null;
  }
}

function ipv4Key(octets: number[]): ThrottleKey {
  return octets.join('.') as ThrottleKey;
}

function ipv6Key(words: number[]): ThrottleKey {
  const isIpv4Mapped = words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff;
  if (isIpv4Mapped) return ipv4Key(words.slice(6).flatMap((word) => [word >> 8, word & 0xff]));
  return `${words
    .slice(0, 4)
    .map((word) => word.toString(16))
    .join(':')}::/64` as ThrottleKey;
}

/** The eight 16-bit words of an address `isIP` calls IPv6 (a zone such as `%eth0` is dropped). */
function ipv6Words(address: string): number[] {
  const [head = '', tail] = address.replace(/%.*$/s, '').split('::');
  const left = groupWords(head);
  const right = tail === undefined ? [] : groupWords(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function groupWords(groups: string): number[] {
  if (groups === '') return [];
  return groups.split(':').flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
}
