import { readFileSync } from 'node:fs';

/** The process's peak resident set so far (VmHWM), in bytes; 0 once it is gone. */
export function peakRss(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples VmHWM every `everyMs` while the process lives, so the peak survives its exit. */
export function samplePeakRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = 0;
  const take = (): void => {
    peak = Math.max(peak, peakRss(pid));
  };
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      take();
      clearInterval(timer);
      return peak;
    },
  };
}
