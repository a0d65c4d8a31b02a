import { retryDelayMs } from './retry-backoff';

describe('retryDelayMs', () => {
  it('waits the first delay after one failure, then factor times longer each time', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 2000, 4))).toEqual([2000, 8000, 32_000, 128_000]);
  });
});
