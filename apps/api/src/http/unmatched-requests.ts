import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { ApiProblem } from './api-problem.exception';
import { sendProblem } from './send-problem';

interface PathRoutes {
  pattern: RegExp;
  methods: Set<string>;
}

/** A Fastify route path as a regular expression over request paths: `:name` is one segment, `*` the rest. */
function toPattern(path: string): RegExp {
  const source = path
    .split(/(:\w+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      if (part.includes('(')) throw new Error(`Route ${path}: parameters with a regular expression are not supported`);
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

const hasParameters = (path: string): boolean => path.includes(':') || path.includes('*');

const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

/**
 * The answer to a request no route took. Fastify answers 404 to a method a path does not
 * have; this tells the two apart from the route table: a path some route matches answers 405
 * `method_not_allowed` with `Allow`, any other 404 `not_found` (without echoing the URL). It
 * runs only for such requests, never on a route's way.
 */
export class UnmatchedRequests {
  private readonly paths = new Map<string, PathRoutes>();

  /**
   * Must run before the first route is registered. A route with a parameter also gets a hook that
   * answers a path another route has by name (`/tokens/leaks` beside `/tokens/:id`) as that path,
   * with 405: the named path is a resource of its own, not an id.
   */
  collect(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      let routes = this.paths.get(route.url);
      if (routes === undefined) {
        routes = { pattern: toPattern(route.url), methods: new Set() };
        this.paths.set(route.url, routes);
      }
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.methods.add(method);
      if (hasParameters(route.url)) {
        const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
        route.onRequest = [this.refuseNamedPath, ...own];
      }
    });
  }

  /** The methods the path of a URL has, sorted; empty when no route matches it. */
  allowed(url: string): string[] {
    const path = pathOf(url);
    const named = hasParameters(path) ? undefined : this.paths.get(path);
    if (named !== undefined) return [...named.methods].sort();
    const methods = new Set<string>();
    for (const { pattern, methods: ofPath } of this.paths.values()) {
      if (pattern.test(path)) for (const method of ofPath) methods.add(method);
    }
    return [...methods].sort();
  }

  private readonly refuseNamedPath: onRequestHookHandler = (request, reply, done) => {
    const path = pathOf(request.url);
    if (hasParameters(path) || !this.paths.has(path)) return done();
    this.answer(request, reply);
  };

  readonly answer = (request: FastifyRequest, reply: FastifyReply): void => {
    const allowed = this.allowed(request.url);
    if (allowed.length === 0 || allowed.includes(request.method)) {
      sendProblem(reply, new ApiProblem('not_found', 'There is nothing at this path'));
      return;
    }
    void reply.header('allow', allowed.join(', '));
    sendProblem(reply, new ApiProblem('method_not_allowed', `This path answers ${allowed.join(', ')} only`));
  };
}
