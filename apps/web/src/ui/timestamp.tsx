import type { ReactElement } from 'react';
import { formatRelative } from '../format/relative-time';
import { formatUtc } from '../format/utc-date';

/** A date shown relative to now, with the exact UTC time on hover and for machines. */
export function Timestamp({ value, now }: { value: string; now: Date }): ReactElement {
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)}>
      {formatRelative(date, now)}
    </time>
  );
}
