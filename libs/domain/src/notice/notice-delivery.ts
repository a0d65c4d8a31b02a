/** The channels a notice can go out on; a claim names those it was meant for, joined by `+`. */
export type NoticeChannelName = 'email' | 'outbox' | 'webhook';

const NO_CHANNEL = 'none';

/** The `channel` recorded in ExpiryNoticeSent: e.g. `email`, `outbox+webhook`, or `none`. */
export function describeChannels(channels: readonly NoticeChannelName[]): string {
  return channels.length === 0 ? NO_CHANNEL : channels.join('+');
}

/** The channels a recorded `channel` names; unknown names are kept, so that they fail loudly. */
export function channelsOf(channel: string): string[] {
  return channel === NO_CHANNEL ? [] : channel.split('+').filter((name) => name !== '');
}

/**
 * How long before a schedule store existed a claim may have been made and still be delivered
 * from it: a claim that old was made on another store (since deleted), which delivered it.
 * The margin covers clock differences between hosts.
 */
export const CLAIM_CLOCK_MARGIN_MS = 60_000;

/** Whether a schedule store that started at `storeStartedAt` owes the delivery of a claim made at `claimedAt`. */
export function owesDelivery(claimedAt: Date, storeStartedAt: Date): boolean {
  return claimedAt.getTime() >= storeStartedAt.getTime() - CLAIM_CLOCK_MARGIN_MS;
}
