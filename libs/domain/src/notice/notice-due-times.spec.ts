import { DAY_MS } from '../token/token-expiry';
import { noticeDueTimes } from './notice-due-times';

const GENERATED = new Date('2026-03-01T12:00:00.000Z');
const after = (ms: number): Date => new Date(GENERATED.getTime() + ms);

describe('noticeDueTimes', () => {
  it('puts each notice at expiresAt − T days, loosest (soonest) first', () => {
    expect(noticeDueTimes(GENERATED, after(30 * DAY_MS), [1, 7])).toEqual([
      { thresholdDays: 7, dueAt: after(23 * DAY_MS) },
      { thresholdDays: 1, dueAt: after(29 * DAY_MS) },
    ]);
  });

  it('skips thresholds not shorter than the lifetime', () => {
    expect(noticeDueTimes(GENERATED, after(7 * DAY_MS), [7, 1]).map((notice) => notice.thresholdDays)).toEqual([1]);
    expect(noticeDueTimes(GENERATED, after(7 * DAY_MS + 1), [7, 1]).map((notice) => notice.thresholdDays)).toEqual([
      7, 1,
    ]);
    expect(noticeDueTimes(GENERATED, after(DAY_MS / 2), [7, 1])).toEqual([]);
  });

  it('has nothing for a token that never expires, and counts a repeated threshold once', () => {
    expect(noticeDueTimes(GENERATED, null, [7, 1])).toEqual([]);
    expect(noticeDueTimes(GENERATED, after(30 * DAY_MS), [7, 7])).toHaveLength(1);
  });
});
