import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { HttpRequestMetrics } from './http-request-metrics';

describe('HttpRequestMetrics', () => {
  let registry: Registry;
  let fastify: FastifyInstance;

  beforeEach(async () => {
    registry = new Registry();
    fastify = Fastify();
    new HttpRequestMetrics(registry).instrument(fastify);
    fastify.get('/items/:id', (request, reply) =>
      (request.params as { id: string }).id === 'missing' ? reply.code(404).send() : reply.send({ ok: true }),
    );
    fastify.post('/items', { onResponse: (_request, _reply, done) => done() }, (_request, reply) =>
      reply.code(201).send(),
    );
    fastify.get('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return {};
    });
    await fastify.ready();
  });
  afterEach(() => fastify.close());

  /** `{"GET /items/:id 200": count}` from the Prometheus text. */
  const counts = async (): Promise<Record<string, number>> => {
    const text = await registry.metrics();
    const series = text.matchAll(
      /^pat_http_request_duration_seconds_count\{method="(\w+)",route="([^"]+)",status_code="(\d+)"\} (\d+)$/gm,
    );
    return Object.fromEntries(
      [...series].map(([, method, route, status, count]) => [`${method} ${route} ${status}`, Number(count)]),
    );
  };

  it('labels each request with its route template, method and status, and unmatched ones alike', async () => {
    for (const url of ['/items/1', '/items/2', '/items/missing', '/pat_secret/1', '/nothing?x=1']) {
      await fastify.inject({ method: 'GET', url });
    }
    await fastify.inject({ method: 'HEAD', url: '/items/3' });
    await fastify.inject({ method: 'POST', url: '/items' });
    await fastify.inject({ method: 'DELETE', url: '/items/1' });

    expect(await counts()).toEqual({
      'GET /items/:id 200': 2,
      'GET /items/:id 404': 1,
      'HEAD /items/:id 200': 1,
      'POST /items 201': 1,
      'GET unmatched 404': 2,
      'DELETE unmatched 404': 1,
    });
  });

  it('observes the time the request took, in seconds', async () => {
    const before = performance.now();
    await fastify.inject({ method: 'GET', url: '/slow' });
    const windowSeconds = (performance.now() - before) / 1000;

    const sum = Number(
      /^pat_http_request_duration_seconds_sum\{[^}]*route="\/slow"[^}]*\} (\S+)$/m.exec(await registry.metrics())?.[1],
    );
    // It waited 30 ms, and the request was answered within the window taken around it.
    expect(sum).toBeGreaterThanOrEqual(0.025);
    expect(sum).toBeLessThanOrEqual(windowSeconds);
  });
});
