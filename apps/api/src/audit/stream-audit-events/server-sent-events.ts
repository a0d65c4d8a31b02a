import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';

/** Response headers of an event stream that proxies neither buffer nor cache. */
const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

export const HEARTBEAT_FRAME = ': heartbeat\n\n';

export function retryFrame(milliseconds: number): string {
  return `retry: ${milliseconds}\n\n`;
}

/** One message; `data` is JSON on a single line, so it needs no splitting. */
export function messageFrame(id: string, data: unknown): string {
  return `id: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The last frame of a stream the server ends: `event: end` with why, as `data: {"reason": …}`. */
export function endFrame(reason: string): string {
  return `event: end\ndata: ${JSON.stringify({ reason })}\n\n`;
}

/** Takes the response over from Fastify, keeping the headers hooks already set (such as X-Request-Id). */
export function openEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const response = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) response.setHeader(name, value);
  }
  response.writeHead(200, EVENT_STREAM_HEADERS);
  return response;
}
