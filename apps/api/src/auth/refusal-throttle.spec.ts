import { RefusalThrottle, type RefusalThrottleOptions } from './refusal-throttle';

function throttleWith(options: Partial<RefusalThrottleOptions> = {}) {
  let now = Date.parse('2030-01-01T00:00:00Z');
  const clock = { now: () => new Date(now) };
  const throttle = new RefusalThrottle({ limit: 3, windowMs: 60_000, maxAddresses: 100, ...options }, clock);
  return {
    throttle,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const refuseTimes = (throttle: RefusalThrottle, address: string, times: number): number[] =>
  Array.from({ length: times }, () => throttle.refuse(address));

describe('RefusalThrottle', () => {
  it('allows the budget, then answers the seconds left in the window', () => {
    const { throttle, advance } = throttleWith();
    expect(refuseTimes(throttle, '10.0.0.1', 3)).toEqual([0, 0, 0]);
    advance(15_500);
    expect(throttle.refuse('10.0.0.1')).toBe(45);
    advance(44_000);
    expect(throttle.refuse('10.0.0.1')).toBe(1);
  });

  it('counts each address on its own', () => {
    const { throttle } = throttleWith();
    refuseTimes(throttle, '10.0.0.1', 3);
    expect(throttle.refuse('10.0.0.1')).toBeGreaterThan(0);
    expect(throttle.refuse('10.0.0.2')).toBe(0);
  });

  it('opens a fresh window once the old one has ended', () => {
    const { throttle, advance } = throttleWith();
    refuseTimes(throttle, '10.0.0.1', 4);
    advance(60_000);
    expect(refuseTimes(throttle, '10.0.0.1', 4)).toEqual([0, 0, 0, 60]);
  });

  it('forgets ended windows when a new one opens', () => {
    const { throttle, advance } = throttleWith();
    throttle.refuse('10.0.0.1');
    throttle.refuse('10.0.0.2');
    advance(30_000);
    throttle.refuse('10.0.0.3');
    advance(30_000);
    throttle.refuse('10.0.0.4');
    expect(throttle.trackedAddresses).toBe(2);
  });

  it('tracks at most maxAddresses, forgetting the oldest window first', () => {
    const { throttle, advance } = throttleWith({ limit: 1, maxAddresses: 2 });
    throttle.refuse('10.0.0.1');
    advance(1_000);
    refuseTimes(throttle, '10.0.0.2', 2);
    throttle.refuse('10.0.0.3');
    expect(throttle.trackedAddresses).toBe(2);
    expect(throttle.refuse('10.0.0.1')).toBe(0);
    expect(throttle.refuse('10.0.0.3')).toBeGreaterThan(0);
  });

  it('counts nothing when the limit is 0', () => {
    const { throttle } = throttleWith({ limit: 0 });
    expect(refuseTimes(throttle, '10.0.0.1', 1000).every((seconds) => seconds === 0)).toBe(true);
    expect(throttle.trackedAddresses).toBe(0);
  });
});
