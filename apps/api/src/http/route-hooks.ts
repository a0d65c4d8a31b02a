import type { FastifyInstance, RouteOptions } from 'fastify';

type HookName = 'onRequest' | 'onResponse';
type RouteHook<K extends HookName> = Extract<NonNullable<RouteOptions[K]>, (...args: never[]) => unknown>;

/** Gives one route a hook of its own, run after those it already has. */
export function appendRouteHook<K extends HookName>(route: RouteOptions, name: K, hook: RouteHook<K>): void {
  const existing = route[name] as RouteHook<K> | RouteHook<K>[] | undefined;
  const hooks = existing === undefined ? [hook] : [...(Array.isArray(existing) ? existing : [existing]), hook];
  route[name] = hooks;
}

/** Runs `hook` on request of every route registered from now on whose config `selects` picks. */
export function onRequestOfRoutes(
  fastify: FastifyInstance,
  selects: (config: unknown) => boolean,
  hook: RouteHook<'onRequest'>,
): void {
  fastify.addHook('onRoute', (route) => {
    if (selects(route.config)) appendRouteHook(route, 'onRequest', hook);
  });
}

/** Runs `hook` on request of every route registered from now on whose config sets `flag`. */
export function onRequestOfFlaggedRoutes(fastify: FastifyInstance, flag: string, hook: RouteHook<'onRequest'>): void {
  onRequestOfRoutes(fastify, (config) => (config as Record<string, unknown> | undefined)?.[flag] === true, hook);
}
