import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  MAX_BYTES_PER_TRACKED_CLIENT,
  MAX_TRACKED_CLIENTS,
  ClientWindowCounter,
  type ClientWindowCounterOptions,
} from './client-window-counter';
import { throttleKey, type ThrottleKey } from './throttle-key';

const client = (ip: string): ThrottleKey => throttleKey({ ip, socket: {} });

function throttleWith(options: Partial<ClientWindowCounterOptions> = {}) {
  let now = Date.parse('2030-01-01T00:00:00Z');
  const clock = { now: () => new Date(now) };
  const throttle = new ClientWindowCounter({ limit: 3, windowMs: 60_000, maxAddresses: 100, ...options }, clock);
  return {
    throttle,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const refuseTimes = (throttle: ClientWindowCounter, address: ThrottleKey, times: number): number[] =>
  Array.from({ length: times }, () => throttle.count(address));

describe('ClientWindowCounter', () => {
  it('allows the budget, then answers the seconds left in the window', () => {
    const { throttle, advance } = throttleWith();
    expect(refuseTimes(throttle, client('10.0.0.1'), 3)).toEqual([0, 0, 0]);
    advance(15_500);
    expect(throttle.count(client('10.0.0.1'))).toBe(45);
    advance(44_000);
    expect(throttle.count(client('10.0.0.1'))).toBe(1);
  });

  it('counts each address on its own', () => {
    const { throttle } = throttleWith();
    refuseTimes(throttle, client('10.0.0.1'), 3);
    expect(throttle.count(client('10.0.0.1'))).toBeGreaterThan(0);
    expect(throttle.count(client('10.0.0.2'))).toBe(0);
  });

  it('opens a fresh window once the old one has ended', () => {
    const { throttle, advance } = throttleWith();
    refuseTimes(throttle, client('10.0.0.1'), 4);
    advance(60_000);
    expect(refuseTimes(throttle, client('10.0.0.1'), 4)).toEqual([0, 0, 0, 60]);
  });

  it('forgets ended windows when a new one opens', () => {
    const { throttle, advance } = throttleWith();
    throttle.count(client('10.0.0.1'));
    throttle.count(client('10.0.0.2'));
    advance(30_000);
    throttle.count(client('10.0.0.3'));
    advance(30_000);
    throttle.count(client('10.0.0.4'));
    expect(throttle.trackedAddresses).toBe(2);
  });

  it('tracks at most maxAddresses, forgetting the oldest window first', () => {
    const { throttle, advance } = throttleWith({ limit: 1, maxAddresses: 2 });
    throttle.count(client('10.0.0.1'));
    advance(1_000);
    refuseTimes(throttle, client('10.0.0.2'), 2);
    throttle.count(client('10.0.0.3'));
    expect(throttle.trackedAddresses).toBe(2);
    expect(throttle.count(client('10.0.0.1'))).toBe(0);
    expect(throttle.count(client('10.0.0.3'))).toBeGreaterThan(0);
  });

  it('counts nothing when the limit is 0', () => {
    const { throttle } = throttleWith({ limit: 0 });
    expect(refuseTimes(throttle, client('10.0.0.1'), 1000).every((seconds) => seconds === 0)).toBe(true);
    expect(throttle.trackedAddresses).toBe(0);
  });

  it('holds at most MAX_BYTES_PER_TRACKED_CLIENT bytes of heap a client at the cap, whatever the headers were', () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const { throttle } = throttleWith({ limit: 1, maxAddresses: MAX_TRACKED_CLIENTS });
    // The longest keys there are (24 characters for an IPv6 /64, 15 for IPv4), each read out of
    // a 1 KiB X-Forwarded-For of its own, as Fastify slices request.ip out of the header.
    const forwardedFor = (i: number): string => {
      const address =
        i % 2 === 0
          ? `ffff:ffff:${(0x8000 | (i >> 15)).toString(16)}:${(0x8000 | (i & 0x7fff)).toString(16)}::1`
          : `255.${100 + (i % 100)}.${100 + (Math.floor(i / 100) % 100)}.${100 + Math.floor(i / 10_000)}`;
      return `${'x'.repeat(1024)}${i}, ${address}`;
    };
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < MAX_TRACKED_CLIENTS + 1000; i++) {
      const header = forwardedFor(i);
      throttle.count(throttleKey({ ip: header.slice(header.lastIndexOf(' ') + 1), socket: {} }));
    }
    collectGarbage();
    const held = process.memoryUsage().heapUsed - before;
    expect(throttle.trackedAddresses).toBe(MAX_TRACKED_CLIENTS);
    expect(held).toBeLessThan(MAX_TRACKED_CLIENTS * MAX_BYTES_PER_TRACKED_CLIENT);
  });
});
