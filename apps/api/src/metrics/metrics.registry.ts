import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance, so that several apps in one process never collide. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
