import { DAY_MS } from '../token/token-expiry';
import {
  expiryNoticeSent,
  tokenExpired,
  tokenGenerated,
  tokenReactivated,
  tokenRevoked,
  tokenRotated,
  tokenSuspended,
} from '../token/testing/token-events';
import type { TokenEvent } from '../token/token.events';
import { given } from './testing/given-notices';

const HOUR_MS = 60 * 60 * 1000;
const GENERATED = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number): Date => new Date(ms);

/** A token generated at GENERATED that lives `lifetimeMs`, and its expiry. */
function tokenLiving(lifetimeMs: number): { history: TokenEvent[]; expiry: number } {
  const expiry = GENERATED.getTime() + lifetimeMs;
  return {
    history: [tokenGenerated({ generatedAt: GENERATED.toISOString(), expiresAt: at(expiry).toISOString() })],
    expiry,
  };
}

describe('expiry notice rules, with the notifier clock injected', () => {
  describe('a suspended token', () => {
    const { history, expiry } = tokenLiving(30 * DAY_MS);
    const suspended = tokenSuspended({ suspendedAt: at(GENERATED.getTime() + DAY_MS).toISOString() });
    const reactivatedAt = (ms: number): TokenEvent => tokenReactivated({ reactivatedAt: at(ms).toISOString() });

    it('is sent nothing while it stays suspended', () => {
      given([...history, suspended])
        .whenTheNotifierRuns({ from: GENERATED, until: at(expiry + DAY_MS) })
        .thenSends([]);
      given([...history, suspended])
        .whenTheNotifierWakesAt(at(expiry - DAY_MS))
        .thenSendsNothing();
    });

    it('gets the notice that fell due while it was suspended once reactivated, then the 1-day notice on time', () => {
      const back = expiry - 5 * DAY_MS;
      given([...history, suspended, reactivatedAt(back)])
        .whenTheNotifierRuns({ from: at(back), until: at(expiry + DAY_MS) })
        .thenSends([
          { thresholdDays: 7, at: at(back) },
          { thresholdDays: 1, at: at(expiry - DAY_MS) },
        ]);
    });

    it('gets only the 1-day notice, once, when reactivated after both due times', () => {
      const back = expiry - 12 * HOUR_MS;
      given([...history, suspended, reactivatedAt(back)])
        .whenTheNotifierRuns({ from: at(back), until: at(expiry + DAY_MS) })
        .thenSends([{ thresholdDays: 1, at: at(back) }]);
    });

    it('gets no notice again that it had before its suspension', () => {
      const back = expiry - 5 * DAY_MS;
      given([...history, expiryNoticeSent({ thresholdDays: 7 }), suspended, reactivatedAt(back)])
        .whenTheNotifierRuns({ from: at(back), until: at(expiry + DAY_MS) })
        .thenSends([{ thresholdDays: 1, at: at(expiry - DAY_MS) }]);
    });
  });

  describe('a notifier that runs all along', () => {
    it('sends a 30-day token the 7-day notice at T−7 d and the 1-day notice at T−1 d', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      given(history)
        .whenTheNotifierRuns({ from: GENERATED, until: at(expiry + DAY_MS) })
        .thenSends([
          { thresholdDays: 7, at: at(expiry - 7 * DAY_MS) },
          { thresholdDays: 1, at: at(expiry - DAY_MS) },
        ]);
    });

    it('sends a 3-day token only the 1-day notice', () => {
      const { history, expiry } = tokenLiving(3 * DAY_MS);
      given(history)
        .whenTheNotifierRuns({ from: GENERATED, until: at(expiry + DAY_MS) })
        .thenSends([{ thresholdDays: 1, at: at(expiry - DAY_MS) }]);
    });

    it('sends a 12-hour token nothing', () => {
      const { history, expiry } = tokenLiving(12 * HOUR_MS);
      given(history)
        .whenTheNotifierRuns({ from: GENERATED, until: at(expiry + DAY_MS) })
        .thenSends([]);
    });

    it('skips a threshold equal to the lifetime, and sends one just shorter at once', () => {
      given(tokenLiving(7 * DAY_MS).history)
        .whenTheNotifierRuns({ from: GENERATED, until: at(GENERATED.getTime() + 8 * DAY_MS) })
        .thenSends([{ thresholdDays: 1, at: at(GENERATED.getTime() + 6 * DAY_MS) }]);
      const { history, expiry } = tokenLiving(7 * DAY_MS + 20_000);
      given(history)
        .whenTheNotifierRuns({ from: GENERATED, until: at(expiry) })
        .thenSends([
          { thresholdDays: 7, at: at(GENERATED.getTime() + 20_000) },
          { thresholdDays: 1, at: at(expiry - DAY_MS) },
        ]);
    });

    it('sends nothing to a token revoked before a notice is due', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      given([...history, tokenRevoked({ revokedAt: at(GENERATED.getTime() + DAY_MS).toISOString() })])
        .whenTheNotifierRuns({ from: GENERATED, until: at(expiry + DAY_MS) })
        .thenSends([]);
    });

    it('sends nothing more to a rotated token, whose successor is told instead', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      given([...history, expiryNoticeSent({ thresholdDays: 7 }), tokenRotated()])
        .whenTheNotifierRuns({ from: at(expiry - 6 * DAY_MS), until: at(expiry + DAY_MS) })
        .thenSends([]);
    });

    it('sends no 1-day notice to a token revoked after its 7-day notice', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      given([...history, expiryNoticeSent({ thresholdDays: 7 }), tokenRevoked()])
        .whenTheNotifierRuns({ from: at(expiry - 6 * DAY_MS), until: at(expiry + DAY_MS) })
        .thenSends([]);
    });

    it('sends nothing to a token that never expires', () => {
      given([tokenGenerated({ generatedAt: GENERATED.toISOString(), expiresAt: null })])
        .whenTheNotifierRuns({ from: GENERATED, until: at(GENERATED.getTime() + 400 * DAY_MS) })
        .thenSends([]);
    });

    it('follows the configured thresholds', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      given(history, [14, 3])
        .whenTheNotifierRuns({ from: GENERATED, until: at(expiry) })
        .thenSends([
          { thresholdDays: 14, at: at(expiry - 14 * DAY_MS) },
          { thresholdDays: 3, at: at(expiry - 3 * DAY_MS) },
        ]);
    });
  });

  describe('after an outage', () => {
    it('sends only the 1-day notice when the outage spans both due times', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      const back = at(expiry - 12 * HOUR_MS);
      given(history)
        .whenTheNotifierRuns({ from: GENERATED, downUntil: back, until: at(expiry + DAY_MS) })
        .thenSends([{ thresholdDays: 1, at: back }]);
    });

    it('sends the 7-day notice late when only its due time was missed, then the 1-day on time', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      const back = at(expiry - 5 * DAY_MS);
      given(history)
        .whenTheNotifierRuns({ from: GENERATED, downUntil: back, until: at(expiry + DAY_MS) })
        .thenSends([
          { thresholdDays: 7, at: back },
          { thresholdDays: 1, at: at(expiry - DAY_MS) },
        ]);
    });

    it('sends nothing when the notifier comes back after the expiry', () => {
      const { history, expiry } = tokenLiving(30 * DAY_MS);
      given(history)
        .whenTheNotifierRuns({ from: GENERATED, downUntil: at(expiry), until: at(expiry + DAY_MS) })
        .thenSends([]);
    });
  });

  describe('one wake at a given instant', () => {
    const { history, expiry } = tokenLiving(30 * DAY_MS);
    const sevenDaysDue = expiry - 7 * DAY_MS;
    const oneDayDue = expiry - DAY_MS;

    it('sends nothing one millisecond before the due time, and the notice at it', () => {
      given(history)
        .whenTheNotifierWakesAt(at(sevenDaysDue - 1))
        .thenSendsNothing();
      given(history).whenTheNotifierWakesAt(at(sevenDaysDue)).thenSends(7);
    });

    it('never sends "7 days left" when 12 hours are left', () => {
      given(history)
        .whenTheNotifierWakesAt(at(expiry - 12 * HOUR_MS))
        .thenSends(1);
    });

    it('sends each notice once', () => {
      given([...history, expiryNoticeSent({ thresholdDays: 7 })])
        .whenTheNotifierWakesAt(at(sevenDaysDue + HOUR_MS))
        .thenSendsNothing();
      given([...history, expiryNoticeSent({ thresholdDays: 7 }), expiryNoticeSent({ thresholdDays: 1 })])
        .whenTheNotifierWakesAt(at(oneDayDue + HOUR_MS))
        .thenSendsNothing();
    });

    it('sends no looser notice once a tighter one was sent', () => {
      given([...history, expiryNoticeSent({ thresholdDays: 1 })])
        .whenTheNotifierWakesAt(at(oneDayDue + HOUR_MS))
        .thenSendsNothing();
    });

    it('sends nothing at or after the expiry, recorded or not', () => {
      given(history).whenTheNotifierWakesAt(at(expiry)).thenSendsNothing();
      given(history)
        .whenTheNotifierWakesAt(at(expiry + 1))
        .thenSendsNothing();
      given([...history, tokenExpired()])
        .whenTheNotifierWakesAt(at(oneDayDue + HOUR_MS))
        .thenSendsNothing();
    });

    it('sends nothing for a revoked token, nor for a stream without TokenGenerated', () => {
      given([...history, tokenRevoked()])
        .whenTheNotifierWakesAt(at(oneDayDue))
        .thenSendsNothing();
      given([]).whenTheNotifierWakesAt(at(oneDayDue)).thenSendsNothing();
    });
  });
});
