import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPageDir } from './built-page';

/** The page's own routes: each answers the page, whose script then shows the view of its path. */
export const TOKEN_PAGE_ROUTES: ReadonlySet<string> = new Set([
  '/',
  '/sign-in',
  '/settings',
  '/settings/tokens',
  '/settings/audit',
  '/settings/all-tokens',
]);
export const TOKEN_PAGE_ASSETS = '/assets/';

const NOT_BUILT =
  'The token page is not built. Run `npm run build` (npm start does it), then reload. The API itself is at /api/docs.';

/**
 * Serves the token page: its HTML (read once, revalidated on every visit, so a new build shows
 * at once) on the page's routes only, never over /api, /health or /metrics, and its hashed
 * scripts and styles as immutable files.
 */
export async function serveTokenPage(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const dir = builtPageDir();
  const page = dir === null ? null : readFileSync(join(dir, 'index.html'));
  for (const url of TOKEN_PAGE_ROUTES) {
    fastify.get(url, (_request, reply) => {
      if (page === null) return reply.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    });
  }
  if (dir === null) return;
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: TOKEN_PAGE_ASSETS,
    decorateReply: false,
    index: false,
    // One route per file of the build, found at start: no wildcard under the API's paths.
    wildcard: false,
    immutable: true,
    maxAge: '365d',
  });
}
