import type { ReactElement } from 'react';

export function ErrorAlert({ message }: { message: string | null }): ReactElement | null {
  if (!message) return null;
  return (
    <p className="alert" role="alert">
      {message}
    </p>
  );
}
