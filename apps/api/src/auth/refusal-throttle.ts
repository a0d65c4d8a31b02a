import type { Clock } from '@pat/domain';

export interface RefusalThrottleOptions {
  /** Refusals allowed per address and window; 0 disables the throttle. */
  limit: number;
  windowMs: number;
  /** Addresses tracked at once; beyond it the oldest window is forgotten. */
  maxAddresses: number;
}

interface Window {
  count: number;
  endsAt: number;
}

/**
 * A fixed-window count of refused X-API-Tokens per client address. Every window has the same
 * length and is (re)inserted when it opens, so the map's order is the order windows end in:
 * expired ones are swept from its front, and a full map forgets its oldest window first.
 */
export class RefusalThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: RefusalThrottleOptions,
    private readonly clock: Clock,
  ) {}

  /** Counts one refusal from the address: 0 while within budget, else the seconds until the window ends. */
  refuse(address: string): number {
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
