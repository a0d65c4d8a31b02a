import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '@pat/config';
import { maxHeaderSize } from 'node:http';
import { BODY_LIMIT_BYTES, MAX_JSON_DEPTH } from '../http/json-body-parser';
import { EVENT_STORE, type EventStore } from '@pat/domain';
import { documentEarlyProblems } from './early-problems';
import { documentLogPositions } from './log-position-rules';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { documentSessionAuth, SESSION_SCHEME, SESSION_SCHEME_DESCRIPTION, USER_JWT_SCHEME } from './session-auth';
import { ProblemDetailsSchema } from './problem-details.schema';
import { documentTokenBodyRules } from './token-body-rules';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';
/** The routes that answer the docs page itself (swagger-ui's HTML). */
export const OPENAPI_UI_PAGES: ReadonlySet<string> = new Set(
  ['', '/', '/index.html'].map((page) => `/${OPENAPI_UI_PATH}${page}`),
);

const DESCRIPTION = [
  'Generate named tokens with an expiry, see each once, list and revoke them, and call APIs with `X-API-Token`. ' +
    'Management endpoints take a user JWT as `Authorization: Bearer`, or the session cookie of the token page this service serves; a token never opens them.',
  'Errors are RFC 9457 `application/problem+json` with a stable `code`; `ProblemDetailsSchema` lists every code. ' +
    'Besides what each operation lists: a method a path does not have answers 405 `method_not_allowed` with ' +
    '`Allow`, and a request that does not arrive in time 408 `request_timeout`. Every operation lists what any ' +
    `request can be answered before routing: a request Node cannot parse, 400 \`malformed_request\`; a broken ` +
    `percent-encoding, 400 \`invalid_url\`; a request line and headers over ${maxHeaderSize / 1024} KiB, 431 ` +
    `\`headers_too_large\`; a body over ${BODY_LIMIT_BYTES / 1024} KiB, 413 \`payload_too_large\`.`,
  `Request bodies are JSON: UTF-8, nested at most ${MAX_JSON_DEPTH} deep. An empty body, or the body of a DELETE, ` +
    'counts as none, whatever its `Content-Type`.',
].join('\n\n');

export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Personal Access Token service')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, USER_JWT_SCHEME)
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', description: SESSION_SCHEME_DESCRIPTION },
      SESSION_SCHEME,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Token' }, 'api-token')
    .build();
  const document = SwaggerModule.createDocument(app, builder, { extraModels: [ProblemDetailsSchema] });
  documentEarlyProblems(document);
  documentSessionAuth(document);
  documentTokenBodyRules(document, config);
  documentLogPositions(document, app.get<EventStore>(EVENT_STORE).positionPattern);
  return document;
}

export function serveOpenApi(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, buildOpenApiDocument(app, config), { jsonDocumentUrl: OPENAPI_JSON_PATH });
}
