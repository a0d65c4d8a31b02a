import type { ReactElement } from 'react';
import { Link } from './link';
import { ROUTES } from './routes';

export function NotFoundView(): ReactElement {
  return (
    <section className="not-found">
      <h2>Page not found</h2>
      <p>There is nothing at this address.</p>
      <Link href={ROUTES.home}>Go to the home page</Link>
    </section>
  );
}
