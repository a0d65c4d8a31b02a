import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import type { Test } from 'supertest';
import { OPENAPI_UI_PATH } from '../apps/api/src/docs/openapi';
import { PROBLEM_CONTENT_TYPE } from '../apps/api/src/http/problem-details';
import { startApi, type ApiHarness } from './support/api-harness';
import {
  documentedOperations,
  isReference,
  problemCodes,
  toOpenApiPath,
  type DocumentedOperation,
} from './support/openapi-operations';
import { registeredRoutes, type RegisteredRoute } from './support/registered-routes';

const PROBLEM_REF = '#/components/schemas/ProblemDetailsSchema';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** What a probe puts in every path parameter: ids are UUIDs, and this one names nothing. */
const PROBE_PARAMETER = '00000000-0000-4000-8000-000000000000';

/** What a route asks for, told by the code of its answer to a request without credentials. */
const SCHEME_BY_REFUSAL: Record<string, string> = { auth_required: 'user-jwt', token_missing: 'api-token' };

/** Routes that are not operations of the API, each for the reason given. */
function isOutsideTheApi(route: RegisteredRoute, routes: RegisteredRoute[]): boolean {
  // The document and its UI describe the API: /api/docs (Swagger UI and its assets), /api/docs-json, /api/docs-yaml.
  if (new RegExp(`^/${OPENAPI_UI_PATH}($|/|-)`).test(route.path)) return true;
  // Fastify answers HEAD for every GET by itself (exposeHeadRoutes).
  return route.method === 'HEAD' && routes.some((other) => other.method === 'GET' && other.path === route.path);
}

interface Answer {
  status: number;
  code?: string;
}

const name = ({ method, path }: { method: string; path: string }): string => `${method} ${path}`;

describe('the OpenAPI document served at /api/docs-json', () => {
  let api: ApiHarness;
  let document: OpenAPIV3.Document;
  let operations: DocumentedOperation[];
  let routes: string[];
  let strangerAnswers: Map<string, Answer>;
  let userAnswers: Map<string, Answer>;

  beforeAll(async () => {
    api = await startApi();
    const served = await api.http.get('/api/docs-json').expect(200).expect('content-type', /json/);
    document = served.body as OpenAPIV3.Document;
    operations = documentedOperations(document);
    const registered = registeredRoutes(api.app.getHttpAdapter().getInstance());
    routes = registered
      .filter((route) => !isOutsideTheApi(route, registered))
      .map((route) => name({ method: route.method, path: toOpenApiPath(route.path) }));
    strangerAnswers = await probeAll();
    userAnswers = await probeAll(await api.userJwt('openapi-reader'));
  });
  afterAll(() => api.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    // validate() dereferences its input in place: give it a copy.
    await SwaggerParser.validate(structuredClone(document));
  });

  it('declares both security schemes: X-API-Token and a bearer user JWT', () => {
    expect(document.components?.securitySchemes).toEqual({
      'api-token': { type: 'apiKey', in: 'header', name: 'X-API-Token' },
      'user-jwt': { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    expect(document.security ?? []).toEqual([]);
  });

  it('documents every route the app registers', () => {
    expect(routes.length).toBeGreaterThan(0);
    const documented = new Set(operations.map(name));
    expect(routes.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('documents no route the app does not register', () => {
    const registered = new Set(routes);
    expect(operations.map(name).filter((operation) => !registered.has(operation))).toEqual([]);
  });

  it('gives every operation a summary, a success response with a schema, and its body a schema', () => {
    const gaps = operations.flatMap(({ method, path, operation }) => {
      const at = `${method} ${path}`;
      const found: string[] = [];
      if (!operation.summary?.trim()) found.push(`${at}: no summary`);
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) found.push(`${at}: no 2xx response`);
      for (const [status, response] of successes) {
        if (isReference(response)) found.push(`${at} ${status}: a $ref, not an inline response`);
        else if (status === '204') {
          if (response.content) found.push(`${at} 204: No Content with a body`);
        } else if (!response.content || Object.keys(response.content).length === 0) {
          found.push(`${at} ${status}: no content type (only 204 may have none)`);
        } else {
          for (const [type, media] of Object.entries(response.content)) {
            if (!media.schema) found.push(`${at} ${status} ${type}: no schema`);
          }
        }
      }
      if (BODY_METHODS.has(method)) {
        const body = operation.requestBody;
        const schemas = body && !isReference(body) ? Object.values(body.content).map((media) => media.schema) : [];
        if (schemas.length === 0 || schemas.some((schema) => !schema)) found.push(`${at}: request body without schema`);
      }
      for (const parameter of operation.parameters ?? []) {
        if (!isReference(parameter) && parameter.in === 'path' && !parameter.description) {
          found.push(`${at}: path parameter ${parameter.name} has no description`);
        }
      }
      return found;
    });
    expect(gaps).toEqual([]);
  });

  it('documents every 4xx and 5xx as problem+json naming its codes', () => {
    const gaps = operations.flatMap(({ method, path, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .flatMap(([status, response]) => {
          const at = `${method} ${path} ${status}`;
          if (isReference(response)) return [`${at}: a $ref, not an inline response`];
          const types = Object.keys(response.content ?? {});
          if (types.join() !== PROBLEM_CONTENT_TYPE) return [`${at}: content ${types.join(', ') || 'none'}`];
          const codes = problemCodes(response.content?.[PROBLEM_CONTENT_TYPE]?.schema, PROBLEM_REF);
          return typeof codes === 'string' ? [`${at}: schema ${codes}`] : [];
        }),
    );
    expect(gaps).toEqual([]);
  });

  it("asks for the credentials each route's guard demands, and no more", () => {
    const mismatches = operations.flatMap(({ method, path, operation }) => {
      const { status, code } = strangerAnswers.get(`${method} ${path}`)!;
      const scheme = status === 401 && code ? SCHEME_BY_REFUSAL[code] : undefined;
      const expected = JSON.stringify(scheme ? [{ [scheme]: [] }] : []);
      const actual = JSON.stringify(operation.security ?? []);
      return actual === expected
        ? []
        : [
            `${method} ${path}: answers ${status} ${code ?? ''} without credentials: security ${actual}, not ${expected}`,
          ];
    });
    expect(mismatches).toEqual([]);
  });

  it('documents the status and code of what each route answers a stranger and a user who is no admin', () => {
    const undocumented = operations.flatMap(({ method, path, operation }) =>
      [
        { who: 'a stranger', answer: strangerAnswers.get(`${method} ${path}`)! },
        { who: 'a user', answer: userAnswers.get(`${method} ${path}`)! },
      ].flatMap(({ who, answer: { status, code } }) => {
        const response = operation.responses[String(status)];
        const at = `${method} ${path}: answers ${who} ${status} ${code ?? ''}`;
        if (!response) return [`${at}, which is not documented`];
        if (status < 400 || isReference(response)) return [];
        const codes = problemCodes(response.content?.[PROBLEM_CONTENT_TYPE]?.schema, PROBLEM_REF);
        return typeof codes === 'string' || codes.includes(code ?? '')
          ? []
          : [`${at}, documented: ${codes.join(', ')}`];
      }),
    );
    expect(undocumented).toEqual([]);
  });

  /** The status and problem code of each operation's answer to a request without a body. */
  async function probeAll(jwt?: string): Promise<Map<string, Answer>> {
    const answers = new Map<string, Answer>();
    for (const { method, path } of operations) {
      const url = path.replace(/\{\w+\}/g, PROBE_PARAMETER);
      const request = agentCall(method, url).timeout({ response: 5_000 });
      const response = await (jwt ? request.set('Authorization', `Bearer ${jwt}`) : request).catch((error: Error) => {
        throw new Error(`Probing ${method} ${url}: ${error.message}`);
      });
      answers.set(`${method} ${path}`, { status: response.status, code: (response.body as { code?: string }).code });
    }
    return answers;
  }

  function agentCall(method: string, url: string): Test {
    switch (method) {
      case 'GET':
        return api.http.get(url);
      case 'POST':
        return api.http.post(url);
      case 'PUT':
        return api.http.put(url);
      case 'PATCH':
        return api.http.patch(url);
      case 'DELETE':
        return api.http.delete(url);
      default:
        throw new Error(`No probe for ${method} ${url}`);
    }
  }
});
