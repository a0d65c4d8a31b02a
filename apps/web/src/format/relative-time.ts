const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** "in 6 days", "3 hours ago": the largest unit between, rounded: `date` and `now`. */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const size = Math.abs(seconds);
  if (size < 45) return seconds >= 0 ? 'in a few seconds' : 'just now';
  for (const [unit, length] of UNITS) {
    if (size >= length) return relative.format(Math.round(seconds / length), unit);
  }
  return relative.format(Math.trunc(seconds), 'second');
}
