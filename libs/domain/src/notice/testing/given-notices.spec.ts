import { AssertionError } from 'node:assert/strict';
import { tokenGenerated } from '../../token/testing/token-events';
import { given } from './given-notices';

const history = [tokenGenerated({ generatedAt: '2026-03-01T12:00:00.000Z', expiresAt: '2026-03-31T12:00:00.000Z' })];
const from = new Date('2026-03-01T12:00:00.000Z');
const until = new Date('2026-04-01T12:00:00.000Z');

/** The helper itself must fail loudly, or every timing test built on it could pass vacuously. */
describe('notice given/when/then helper', () => {
  it('fails when a single wake decides otherwise', () => {
    const outcome = given(history).whenTheNotifierWakesAt(new Date('2026-03-24T12:00:00.000Z'));
    expect(() => outcome.thenSends(7)).not.toThrow();
    expect(() => outcome.thenSends(1)).toThrow(AssertionError);
    expect(() => outcome.thenSendsNothing()).toThrow(AssertionError);
  });

  it('fails when a run sends other notices, at other times, or more or fewer', () => {
    const outcome = given(history).whenTheNotifierRuns({ from, until });
    const sevenDays = { thresholdDays: 7, at: new Date('2026-03-24T12:00:00.000Z') };
    const oneDay = { thresholdDays: 1, at: new Date('2026-03-30T12:00:00.000Z') };
    expect(() => outcome.thenSends([sevenDays, oneDay])).not.toThrow();
    expect(() => outcome.thenSends([sevenDays])).toThrow(AssertionError);
    expect(() => outcome.thenSends([oneDay, sevenDays])).toThrow(AssertionError);
    expect(() => outcome.thenSends([sevenDays, { ...oneDay, at: new Date('2026-03-30T12:00:01.000Z') }])).toThrow(
      AssertionError,
    );
  });
});
