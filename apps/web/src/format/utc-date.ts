const exact = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Tuesday, 9 December 2025 at 08:16 UTC" */
export function formatUtc(date: Date): string {
  return `${exact.format(date)} UTC`;
}

/** The calendar date in UTC as YYYY-MM-DD, `days` after `date`. */
export function utcDateOnly(date: Date, days = 0): string {
  const shifted = new Date(date.getTime() + days * 24 * 3600 * 1000);
  return shifted.toISOString().slice(0, 10);
}
