// The ceiling: node:http alone, answering GET /api/v1/whoami from a Map of token digests.
// It does the same lookup work as the product (HMAC-SHA-256 of the header, one Map read).
import { createServer } from 'node:http';
import { seededViews } from './seeded-views';

const lookUp = seededViews();
const refused = JSON.stringify({ status: 401, code: 'token_invalid' });

createServer((request, response) => {
  if (request.url === '/health/ready') {
    response.end('ok');
    return;
  }
  const token = request.headers['x-api-token'];
  const view = typeof token === 'string' ? lookUp(token) : undefined;
  if (request.url !== '/api/v1/whoami' || view === undefined) {
    response.writeHead(401, { 'content-type': 'application/problem+json' }).end(refused);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(view));
}).listen(Number(process.env.PORT), '127.0.0.1');
