import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  /** Fastify's syntax: `/api/v1/tokens/:id`. */
  path: string;
}

const INDENT = /^(?:│ {3}| {4})*/;
const BRANCH = /^[├└]── /;
const ROUTES = /^(.+?) \(([A-Z]+(?:, [A-Z]+)*)\)(?: \{.*\})?$/;

/**
 * Every method and path the running Fastify instance answers. Fastify lists its routes only as
 * the router's printed tree once it is ready, so this reads that tree and confirms each route
 * it finds with `hasRoute`: a change of the printout fails loudly instead of losing routes.
 */
export function registeredRoutes(fastify: FastifyInstance): RegisteredRoute[] {
  const segments: string[] = [];
  const found: RegisteredRoute[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n').filter(Boolean)) {
    const indent = INDENT.exec(line)?.[0] ?? '';
    const rest = line.slice(indent.length);
    const isNode = BRANCH.test(rest);
    const match = ROUTES.exec(isNode ? rest.replace(BRANCH, '') : rest);
    if (!match) throw new Error(`Unexpected line in fastify.printRoutes(): ${JSON.stringify(line)}`);
    // A continuation line (same node, other constraints) is indented one level deeper than its node.
    const depth = indent.length / 4 - (isNode ? 0 : 1);
    if (isNode) segments.splice(depth, segments.length, match[1]);
    const path = segments.slice(0, depth + 1).join('');
    for (const method of match[2].split(', ')) found.push(...confirmed(fastify, method, path));
  }
  return found;
}

/** A parametric node prints every parameter name used at its place (`:id|:tokenId`): keep the real ones. */
function confirmed(fastify: FastifyInstance, method: string, printed: string): RegisteredRoute[] {
  const candidates = printed
    .split('/')
    .reduce<string[]>(
      (paths, segment, index) =>
        paths.flatMap((path) => segment.split('|').map((choice) => (index === 0 ? choice : `${path}/${choice}`))),
      [''],
    );
  const routes = candidates.filter((path) => fastify.hasRoute({ method, url: path })).map((path) => ({ method, path }));
  if (routes.length === 0) throw new Error(`fastify.printRoutes() shows ${method} ${printed}, but hasRoute denies it`);
  return routes;
}
