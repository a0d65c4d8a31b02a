import type { ReactElement } from 'react';
import { STATUS_LABELS, type DisplayStatus } from './token-status';

const ICONS: Record<DisplayStatus, string> = {
  active: '●',
  expiring: '⚠',
  suspended: '‖',
  rotated: '↻',
  expired: '○',
  revoked: '⊘',
};

export function StatusBadge({ status }: { status: DisplayStatus }): ReactElement {
  return (
    <span className={`badge badge--${status}`}>
      <span className="badge__icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {STATUS_LABELS[status]}
    </span>
  );
}
