import { MAX_THROTTLE_KEY_LENGTH, throttleKey } from './throttle-key';

const SOCKET = { remoteAddress: '10.0.0.9' };
const keyOf = (ip: string | undefined, socket: { remoteAddress?: string } = SOCKET): string =>
  throttleKey({ ip, socket });

describe('throttleKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['0:0:0:0:0:ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:0000:0000:0000:0001', '2001:db8:1:2::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff::/64'],
  ])('counts %s as %s', (ip, key) => {
    expect(keyOf(ip)).toBe(key);
  });

  it('counts every address of one IPv6 /64 together, and the next /64 apart', () => {
    const keys = new Set(['2001:db8:1:2::1', '2001:db8:1:2:ffff::7', '2001:db8:1:2:1:2:3:4'].map((ip) => keyOf(ip)));
    expect([...keys]).toEqual(['2001:db8:1:2::/64']);
    expect(keyOf('2001:db8:1:3::1')).not.toBe(keyOf('2001:db8:1:2::1'));
  });

  it.each([
    ['junk', 'not-an-address'],
    ['a long value', `${'9'.repeat(16_000)}`],
    ['an address with a port', '203.0.113.7:443'],
    ['a bracketed address', '[2001:db8::1]'],
    ['leading zeros', '203.000.113.007'],
    ['an empty value', ''],
    ['nothing', undefined],
  ])('falls back to the socket address for %s', (_, ip) => {
    expect(keyOf(ip)).toBe('10.0.0.9');
  });

  it('normalises the socket address too, and has a key when there is none', () => {
    expect(keyOf('junk', { remoteAddress: '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(keyOf('junk', {})).toBe('none');
  });

  it(`is never longer than ${MAX_THROTTLE_KEY_LENGTH} characters`, () => {
    const longest = ['255.255.255.255', 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255', `x${'f'.repeat(50_000)}`];
    for (const ip of longest) expect(keyOf(ip).length).toBeLessThanOrEqual(MAX_THROTTLE_KEY_LENGTH);
    expect(keyOf('ffff:ffff:ffff:ffff::')).toHaveLength(MAX_THROTTLE_KEY_LENGTH);
  });
});
