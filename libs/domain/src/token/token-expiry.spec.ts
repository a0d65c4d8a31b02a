import { DomainValidationError } from '../shared/domain-error';
import { parseIsoInstant, resolveExpiry, type ExpiryPolicy, type ExpiryRequest } from './token-expiry';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const POLICY: ExpiryPolicy = { maxLifetimeDays: 365, allowNoExpiry: false };
const NEVER_ALLOWED: ExpiryPolicy = { maxLifetimeDays: 365, allowNoExpiry: true };

const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

function expiryError(request: ExpiryRequest, policy = POLICY, now = NOW): DomainValidationError {
  try {
    resolveExpiry(request, now, policy);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    expect(error).toMatchObject({ code: 'validation_failed' });
    return error as DomainValidationError;
  }
  throw new Error(`expected ${JSON.stringify(request)} to be refused`);
}

describe('resolveExpiry', () => {
  describe('neither field', () => {
    it('defaults to 30 days', () => {
      expect(resolveExpiry({}, NOW, POLICY)).toEqual(new Date('2026-03-31T12:00:00.000Z'));
    });

    it('is capped by a maximum lifetime below 30 days', () => {
      expect(resolveExpiry({}, NOW, { maxLifetimeDays: 10, allowNoExpiry: false })).toEqual(at(10 * DAY_MS));
      expect(resolveExpiry({}, NOW, { maxLifetimeDays: 1, allowNoExpiry: false })).toEqual(at(DAY_MS));
    });

    it('is not raised by a maximum lifetime above 30 days', () => {
      expect(resolveExpiry({}, NOW, { maxLifetimeDays: 30, allowNoExpiry: false })).toEqual(at(30 * DAY_MS));
      expect(resolveExpiry({}, NOW, NEVER_ALLOWED)).toEqual(at(30 * DAY_MS));
    });

    it('treats explicitly undefined fields as absent', () => {
      expect(resolveExpiry({ expiresInDays: undefined, expiresAt: undefined }, NOW, POLICY)).toEqual(at(30 * DAY_MS));
    });
  });

  describe('expiresInDays', () => {
    it.each([1, 7, 364, 365])('accepts %i day(s) up to the maximum', (days) => {
      expect(resolveExpiry({ expiresInDays: days }, NOW, POLICY)).toEqual(at(days * DAY_MS));
    });

    it('refuses one day over the maximum, naming the maximum', () => {
      const error = expiryError({ expiresInDays: 366 });
      expect(error.field).toBe('expiresInDays');
      expect(error.message).toMatch(/365/);
      expect(expiryError({ expiresInDays: 11 }, { maxLifetimeDays: 10, allowNoExpiry: false }).field).toBe(
        'expiresInDays',
      );
    });

    it.each<[string, unknown]>([
      ['zero', 0],
      ['negative', -1],
      ['fractional', 1.5],
      ['a numeric string', '5'],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['null', null],
      ['a boolean', true],
    ])('refuses %s on field expiresInDays', (_label, expiresInDays) => {
      expect(expiryError({ expiresInDays }).field).toBe('expiresInDays');
    });

    it('counts from the current whole second', () => {
      const now = new Date('2026-03-01T12:00:00.999Z');
      expect(resolveExpiry({ expiresInDays: 1 }, now, POLICY)).toEqual(new Date('2026-03-02T12:00:00.000Z'));
    });
  });

  describe('expiresAt', () => {
    it('accepts an instant within the limits, exactly as given', () => {
      expect(resolveExpiry({ expiresAt: '2026-06-01T08:30:15.250Z' }, NOW, POLICY)).toEqual(
        new Date('2026-06-01T08:30:15.250Z'),
      );
    });

    it('honours a time zone offset', () => {
      expect(resolveExpiry({ expiresAt: '2026-03-02T14:00:00+02:00' }, NOW, POLICY)).toEqual(
        new Date('2026-03-02T12:00:00.000Z'),
      );
    });

    it('refuses an instant in the past', () => {
      expect(expiryError({ expiresAt: '2026-02-28T12:00:00Z' }).field).toBe('expiresAt');
      expect(expiryError({ expiresAt: NOW.toISOString() }).field).toBe('expiresAt');
    });

    it('refuses 59 s (and 59.999 s) ahead and accepts exactly 60 s ahead', () => {
      expect(expiryError({ expiresAt: '2026-03-01T12:00:59Z' }).message).toMatch(/60 seconds/);
      expect(expiryError({ expiresAt: '2026-03-01T12:00:59.999Z' }).field).toBe('expiresAt');
      expect(resolveExpiry({ expiresAt: '2026-03-01T12:01:00Z' }, NOW, POLICY)).toEqual(at(60_000));
    });

    it('accepts exactly the maximum lifetime and refuses one millisecond more', () => {
      expect(resolveExpiry({ expiresAt: '2027-03-01T12:00:00.000Z' }, NOW, POLICY)).toEqual(at(365 * DAY_MS));
      const error = expiryError({ expiresAt: '2027-03-01T12:00:00.001Z' });
      expect(error.field).toBe('expiresAt');
      expect(error.message).toMatch(/365 days/);
    });

    it('reads a date alone as midnight UTC', () => {
      expect(resolveExpiry({ expiresAt: '2027-01-01' }, NOW, POLICY)).toEqual(new Date('2027-01-01T00:00:00.000Z'));
    });

    it.each([
      ['unparsable', 'next tuesday'],
      ['empty', ''],
      ['an invalid calendar date', '2027-02-30T00:00:00Z'],
      ['no time zone', '2027-01-01T00:00:00'],
      ['epoch seconds as a string', '1800000000'],
      ['an RFC 2822 date', 'Fri, 01 Jan 2027 00:00:00 GMT'],
    ])('refuses %s on field expiresAt', (_label, expiresAt) => {
      const error = expiryError({ expiresAt });
      expect(error.field).toBe('expiresAt');
      expect(error.message).toMatch(/ISO-8601/);
    });

    it.each<[string, unknown]>([
      ['a number', NOW.getTime() + DAY_MS],
      ['a Date object', at(DAY_MS)],
      ['an object', { iso: '2027-01-01T00:00:00Z' }],
    ])('refuses %s (only strings are instants)', (_label, expiresAt) => {
      expect(expiryError({ expiresAt }).field).toBe('expiresAt');
    });
  });

  describe('both fields, and never', () => {
    it('refuses both fields at once on field expiresAt', () => {
      const error = expiryError({ expiresInDays: 5, expiresAt: '2026-04-01T00:00:00Z' });
      expect(error.field).toBe('expiresAt');
      expect(error.message).toMatch(/not both/);
      expect(expiryError({ expiresInDays: 5, expiresAt: null }, NEVER_ALLOWED).field).toBe('expiresAt');
    });

    it('refuses expiresAt null unless the policy allows tokens without expiry', () => {
      expect(expiryError({ expiresAt: null }).field).toBe('expiresAt');
      expect(resolveExpiry({ expiresAt: null }, NOW, NEVER_ALLOWED)).toBeNull();
    });

    it('still applies the limits to dated tokens when never is allowed', () => {
      expect(expiryError({ expiresInDays: 366 }, NEVER_ALLOWED).field).toBe('expiresInDays');
      expect(resolveExpiry({ expiresInDays: 2 }, NOW, NEVER_ALLOWED)).toEqual(at(2 * DAY_MS));
    });
  });
});

describe('parseIsoInstant', () => {
  it.each([
    ['2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01T00:00:00.5Z', '2027-01-01T00:00:00.500Z'],
    ['2027-01-01T00:00:00.123Z', '2027-01-01T00:00:00.123Z'],
    ['2027-01-01T00:00Z', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01T05:30:00+05:30', '2027-01-01T00:00:00.000Z'],
    ['2026-12-31T19:00:00-05:00', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01', '2027-01-01T00:00:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['2027-12-31T23:59:59.999Z', '2027-12-31T23:59:59.999Z'],
  ])('parses %s', (value, iso) => {
    expect(parseIsoInstant(value)?.toISOString()).toBe(iso);
  });

  it.each([
    ['empty', ''],
    ['words', 'tomorrow'],
    ['no time zone', '2027-01-01T00:00:00'],
    ['a space instead of T', '2027-01-01 00:00:00Z'],
    ['February 30', '2027-02-30T00:00:00Z'],
    ['February 29 of a common year', '2027-02-29'],
    ['month 13', '2027-13-01'],
    ['month 00', '2027-00-10'],
    ['day 32', '2027-01-32'],
    ['hour 24', '2027-01-01T24:00:00Z'],
    ['minute 60', '2027-01-01T23:60:00Z'],
    ['leap second', '2027-12-31T23:59:60Z'],
    ['an offset beyond 24 h', '2027-01-01T00:00:00+25:00'],
    ['single-digit fields', '2027-1-1'],
    ['surrounding space', ' 2027-01-01T00:00:00Z '],
    ['digits only', '1800000000'],
    ['a month alone', '2027-01'],
  ])('returns null for %s', (_label, value) => {
    expect(parseIsoInstant(value)).toBeNull();
  });
});
