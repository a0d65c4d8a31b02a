import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetailsSchema } from './problem-details.schema';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';
/** The routes that answer the docs page itself (swagger-ui's HTML). */
export const OPENAPI_UI_PAGES: ReadonlySet<string> = new Set(
  ['', '/', '/index.html'].map((page) => `/${OPENAPI_UI_PATH}${page}`),
);

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Personal Access Token service')
    .setDescription(
      'Generate named tokens with an expiry, see each once, list and revoke them, and call APIs with `X-API-Token`. ' +
        'Management endpoints take a user JWT as `Authorization: Bearer`; a token never opens them. ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'user-jwt')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Token' }, 'api-token')
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsSchema] });
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, buildOpenApiDocument(app), { jsonDocumentUrl: OPENAPI_JSON_PATH });
}
