import { CLAIM_CLOCK_MARGIN_MS, channelsOf, describeChannels, owesDelivery } from './notice-delivery';

describe('notice channels as recorded', () => {
  it('joins the channels with + and names the lack of any', () => {
    expect(describeChannels(['email'])).toBe('email');
    expect(describeChannels(['outbox', 'webhook'])).toBe('outbox+webhook');
    expect(describeChannels([])).toBe('none');
  });

  it('reads them back', () => {
    expect(channelsOf('outbox+webhook')).toEqual(['outbox', 'webhook']);
    expect(channelsOf('email')).toEqual(['email']);
    expect(channelsOf('none')).toEqual([]);
  });
});

describe('owesDelivery', () => {
  const started = new Date('2026-03-24T12:00:00.000Z');

  it('owes the claims made since the store started, within the clock margin', () => {
    expect(owesDelivery(new Date(started.getTime() + 1), started)).toBe(true);
    expect(owesDelivery(new Date(started.getTime() - CLAIM_CLOCK_MARGIN_MS), started)).toBe(true);
  });

  it('does not owe older claims: the store that took them delivered them', () => {
    expect(owesDelivery(new Date(started.getTime() - CLAIM_CLOCK_MARGIN_MS - 1), started)).toBe(false);
  });
});
