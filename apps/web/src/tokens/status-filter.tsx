import { useId, type ReactElement } from 'react';
import type { TokenStatus } from '../api/types';
import { STATUS_LABELS, type DisplayStatus } from './token-status';

export type StatusFilterValue = 'all' | DisplayStatus;

const VALUES: StatusFilterValue[] = ['all', 'active', 'expiring', 'suspended', 'rotated', 'expired', 'revoked'];

/** The server filters by stored status; "expiring" is the active tokens narrowed here. */
export function serverStatus(filter: StatusFilterValue): TokenStatus | undefined {
  if (filter === 'all') return undefined;
  return filter === 'expiring' ? 'active' : filter;
}

interface StatusFilterProps {
  value: StatusFilterValue;
  onChange: (value: StatusFilterValue) => void;
}

export function StatusFilter({ value, onChange }: StatusFilterProps): ReactElement {
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Status</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as StatusFilterValue)}>
        {VALUES.map((option) => (
          <option key={option} value={option}>
            {option === 'all' ? 'All' : STATUS_LABELS[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
