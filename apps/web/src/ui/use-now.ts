import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every minute so relative dates stay true, and again whenever
 * `refreshOn` changes (a list just loaded), so that what just happened never reads as "in a few seconds".
 */
export function useNow(intervalMs = 60_000, refreshOn?: unknown): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  useEffect(() => setNow(new Date()), [refreshOn]);
  return now;
}
