import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Histogram, Registry } from 'prom-client';
import { appendRouteHook } from '../http/route-hooks';

type Label = 'method' | 'route' | 'status_code';

const UNMATCHED_ROUTE = 'unmatched';
const BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The series of one route template, by method and status code, each bound once. */
class RouteDurations {
  private readonly byMethod = new Map<string, Map<number, Histogram.Internal<Label>>>();

  constructor(
    private readonly histogram: Histogram<Label>,
    private readonly route: string,
  ) {}

  observe(method: string, statusCode: number, elapsedMs: number): void {
    let byStatus = this.byMethod.get(method);
    if (!byStatus) this.byMethod.set(method, (byStatus = new Map<number, Histogram.Internal<Label>>()));
    let series = byStatus.get(statusCode);
    if (!series) {
      series = this.histogram.labels({ method, route: this.route, status_code: String(statusCode) });
      byStatus.set(statusCode, series);
    }
    series.observe(elapsedMs / 1000);
  }
}

/**
 * `pat_http_request_duration_seconds{method,route,status_code}`, labelled with the route
 * template (`/api/v1/tokens/:id`), never the raw URL, so the number of series stays bounded.
 * Each route gets its own onResponse hook when it is registered, which knows its template
 * (Fastify's `request.routeOptions` builds a new object on every read); requests no route
 * matched share one series per method and status. Once a series exists, the hooks allocate
 * nothing of their own: no label object, no key string.
 */
@Injectable()
export class HttpRequestMetrics {
  private readonly histogram: Histogram<Label>;
  private readonly unmatched: RouteDurations;

  constructor(registry: Registry) {
    this.histogram = new Histogram({
      name: 'pat_http_request_duration_seconds',
      help: 'HTTP request duration, by method, route template (or "unmatched") and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: BUCKETS_SECONDS,
      registers: [registry],
    });
    this.unmatched = new RouteDurations(this.histogram, UNMATCHED_ROUTE);
  }

  /** Must run before the first route is registered. */
  instrument(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      const durations = new RouteDurations(this.histogram, route.url);
      const hook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
        durations.observe(request.method, reply.statusCode, reply.elapsedTime);
        done();
      };
      appendRouteHook(route, 'onResponse', hook);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      if (request.is404) this.unmatched.observe(request.method, reply.statusCode, reply.elapsedTime);
      done();
    });
  }
}
