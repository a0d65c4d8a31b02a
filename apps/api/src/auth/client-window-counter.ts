import type { Clock } from '@pat/domain';
import type { ThrottleKey } from './throttle-key';

/**
 * How many clients the API's throttle tracks at once. A key is at most MAX_THROTTLE_KEY_LENGTH
 * (24) characters, built afresh from the parsed address, so an entry (key and window) holds at
 * most MAX_BYTES_PER_TRACKED_CLIENT bytes of heap: 20 MB at the cap (refusal-throttle.spec.ts
 * measures it; about 180 bytes an entry on Node 20).
 */
export const MAX_TRACKED_CLIENTS = 100_000;
export const MAX_BYTES_PER_TRACKED_CLIENT = 200;

export interface ClientWindowCounterOptions {
  /** Events allowed per address and window; 0 disables the count. */
  limit: number;
  windowMs: number;
  /** Clients tracked at once; beyond it the oldest window is forgotten. */
  maxAddresses: number;
}

interface Window {
  count: number;
  endsAt: number;
}

/**
 * A fixed-window count of events per client (see `throttleKey`): refused X-API-Tokens for the
 * refusal throttle, leak reports for theirs. Every window has the same
 * length and is (re)inserted when it opens, so the map's order is the order windows end in:
 * expired ones are swept from its front, and a full map forgets its oldest window first.
 */
export class ClientWindowCounter {
  private readonly windows = new Map<ThrottleKey, Window>();

  constructor(
    private readonly options: ClientWindowCounterOptions,
    private readonly clock: Clock,
  ) {}

  /** Counts one event from the client: 0 while within budget, else the seconds until the window ends. */
  count(address: ThrottleKey): number {
    if (this.options.limit === 0) return 0;
    const now = this.clock.now().getTime();
    let window = this.windows.get(address);
    if (window === undefined || window.endsAt <= now) {
      this.windows.delete(address);
      this.sweep(now);
      window = { count: 0, endsAt: now + this.options.windowMs };
      this.windows.set(address, window);
    }
    window.count += 1;
    if (window.count <= this.options.limit) return 0;
    return Math.max(1, Math.ceil((window.endsAt - now) / 1000));
  }

  get trackedAddresses(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [address, window] of this.windows) {
      if (window.endsAt > now && this.windows.size < this.options.maxAddresses) return;
      this.windows.delete(address);
    }
  }
}
