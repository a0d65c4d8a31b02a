import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where `npm run build` put the token page: dist/apps/web of the repository (or image) this
 * API runs from, whether it runs built (dist/apps/api/src/web/) or from its TypeScript sources
 * (apps/api/src/web/, the tests). Null when the page has not been built.
 */
export function builtPageDir(): string | null {
  const up = __filename.endsWith('.ts') ? 4 : 5;
  const dir = join(__dirname, ...Array<string>(up).fill('..'), 'dist', 'apps', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
