import type { LogPosition } from '@pat/domain';

/** Whether this process's projection is known to be current; what a read model asks before trusting itself. */
export interface FreshnessSignal {
  /** A field read, cheap enough for every token check. */
  readonly current: boolean;
  /** Called each time `current` changes. */
  onChange(listener: (current: boolean) => void): void;
}

/** The signal a `FreshnessProbe` sets; false until the projection has caught up once. */
export class ProjectionFreshness implements FreshnessSignal {
  private fresh = false;
  private readonly listeners: ((current: boolean) => void)[] = [];

  get current(): boolean {
    return this.fresh;
  }

  onChange(listener: (current: boolean) => void): void {
    this.listeners.push(listener);
  }

  set(current: boolean): void {
    if (current === this.fresh) return;
    this.fresh = current;
    for (const listener of this.listeners) listener(current);
  }
}

export interface FreshnessOptions {
  signal: ProjectionFreshness;
  /** How long ago the last event the projection is known to have applied may have been recorded. */
  maxLagMs: number;
}

interface HeadRead {
  startedAt: number;
  /** Undefined until the store has answered. */
  head: LogPosition | null | undefined;
}

/** Checks per bound: the signal is re-evaluated this often, so it may lag the truth by one check. */
const CHECKS_PER_BOUND = 4;

const now = (): number => performance.now();

/**
 * Keeps a `ProjectionFreshness` true only while the projection is known to have applied every
 * event recorded up to `maxLagMs` ago. Every `maxLagMs / 4` it reads the log's head: once the
 * projection has reached the head read at moment T, everything recorded before T is applied.
 * A projection that falls behind, a subscription that stalls and a store that does not answer
 * all look the same: no new confirmation, and the signal turns false when the last one is
 * older than the bound, less one check interval (so that between two checks it never holds
 * longer than the bound).
 */
export class FreshnessProbe {
  private readonly intervalMs: number;
  private confirmedAt = Number.NEGATIVE_INFINITY;
  private read: HeadRead | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly readHead: () => Promise<LogPosition | null>,
    private readonly reached: (position: LogPosition) => boolean,
    private readonly options: FreshnessOptions,
  ) {
    this.intervalMs = Math.max(1, Math.floor(options.maxLagMs / CHECKS_PER_BOUND));
  }

  /** A moment taken before the projection started catching up, now that it has caught up. */
  static moment(): number {
    return now();
  }

  /** `caughtUpAsOf`: every event recorded before that moment has been applied. */
  start(caughtUpAsOf: number): void {
    this.confirmedAt = caughtUpAsOf;
    this.running = true;
    this.evaluate();
    this.timer = setInterval(() => this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.options.signal.set(false);
  }

  private check(): void {
    this.confirmIfReached();
    this.evaluate();
    if (this.read === null) this.readHeadNow();
  }

  /** One read at a time: a store that hangs holds no more than one. */
  private readHeadNow(): void {
    const read: HeadRead = { startedAt: now(), head: undefined };
    this.read = read;
    this.readHead().then(
      (head) => {
        read.head = head;
        if (this.read === read) this.confirmIfReached();
      },
      () => {
        if (this.read === read) this.read = null;
      },
    );
  }

  private confirmIfReached(): void {
    const read = this.read;
    if (read === null || read.head === undefined) return;
    if (read.head !== null && !this.reached(read.head)) return;
    this.read = null;
    this.confirmedAt = Math.max(this.confirmedAt, read.startedAt);
    this.evaluate();
  }

  private evaluate(): void {
    if (!this.running) return;
    this.options.signal.set(now() - this.confirmedAt <= this.options.maxLagMs - this.intervalMs);
  }
}
