import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import type { Test } from 'supertest';
import { EARLY_PROBLEM_CODES } from '../apps/api/src/docs/problem-codes';
import { OPENAPI_UI_PATH } from '../apps/api/src/docs/openapi';
import {
  PROBLEM_CODES,
  PROBLEM_STATUS,
  isAnsweredAs,
  isProblemCode,
  type ProblemCode,
} from '../apps/api/src/http/problem-catalog';
import { PROBLEM_CONTENT_TYPE } from '@pat/nest-guard/core';
import { TOKEN_PAGE_ASSETS, TOKEN_PAGE_ROUTES } from '../apps/api/src/web/token-page';
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
/** Methods a probe may send to a path that does not document them. */
const PROBE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** What a probe puts in every path parameter: ids are UUIDs, and this one names nothing. */
const PROBE_PARAMETER = '00000000-0000-4000-8000-000000000000';

/** What a route asks for, told by the code of its answer to a request without credentials. */
const SECURITY_BY_REFUSAL: Record<string, object[]> = {
  auth_required: [{ 'user-jwt': [] }, { session: [] }],
  token_missing: [{ 'api-token': [] }],
};
/** The session's own routes, which read its cookie and nothing else (signing out without one does nothing). */
const SESSION_ROUTES: Record<string, object[]> = {
  'GET /api/v1/session': [{ session: [] }],
  'DELETE /api/v1/session': [{}, { session: [] }],
};

/** Routes that are not operations of the API, each for the reason given. */
function isOutsideTheApi(route: RegisteredRoute, routes: RegisteredRoute[]): boolean {
  // The document and its UI describe the API: /api/docs (Swagger UI and its assets), /api/docs-json, /api/docs-yaml.
  if (new RegExp(`^/${OPENAPI_UI_PATH}($|/|-)`).test(route.path)) return true;
  // The token page and its files, which the page's own tests cover.
  if (TOKEN_PAGE_ROUTES.has(route.path) || route.path.startsWith(TOKEN_PAGE_ASSETS)) return true;
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
  let adminJwt: string;

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
    adminJwt = await api.userJwt('openapi-admin', { roles: ['admin'] });
  });
  afterAll(() => api.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    // validate() dereferences its input in place: give it a copy.
    await SwaggerParser.validate(structuredClone(document));
  });

  it("declares the security schemes: X-API-Token, a bearer user JWT and the token page's session cookie", () => {
    expect(document.components?.securitySchemes).toEqual({
      'api-token': { type: 'apiKey', in: 'header', name: 'X-API-Token' },
      'user-jwt': { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'pat_session',
        description: expect.stringContaining('csrf_failed'),
      },
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

  it('gives every operation a summary, a success response (or a redirect) with a schema, and its body a schema', () => {
    const gaps = operations.flatMap(({ method, path, operation }) => {
      const at = `${method} ${path}`;
      const found: string[] = [];
      if (!operation.summary?.trim()) found.push(`${at}: no summary`);
      const successes = Object.entries(operation.responses).filter(([status]) => /^[23]\d\d$/.test(status));
      if (successes.length === 0) found.push(`${at}: no 2xx response`);
      for (const [status, response] of successes) {
        if (isReference(response)) found.push(`${at} ${status}: a $ref, not an inline response`);
        else if (status === '204' || status === '302') {
          if (response.content) found.push(`${at} ${status}: a body where none is sent`);
          if (status === '302' && !response.headers?.Location) found.push(`${at} 302: no Location header`);
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
      const security = status === 401 && code ? SECURITY_BY_REFUSAL[code] : undefined;
      const expected = JSON.stringify(SESSION_ROUTES[`${method} ${path}`] ?? security ?? []);
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

  it('lists in ProblemDetailsSchema every code an ApiProblem can carry, and no other', () => {
    const schema = document.components?.schemas?.ProblemDetailsSchema as OpenAPIV3.SchemaObject;
    const code = schema.properties?.code as OpenAPIV3.SchemaObject;
    expect([...(code.enum ?? [])].sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it('documents each code under the status it is answered with', () => {
    const misplaced = operations.flatMap(({ method, path, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .flatMap(([status, response]) => {
          const codes = isReference(response)
            ? []
            : problemCodes(response.content?.[PROBLEM_CONTENT_TYPE]?.schema, PROBLEM_REF);
          return typeof codes === 'string'
            ? []
            : codes
                .filter((code) => !isProblemCode(code) || !isAnsweredAs(code, Number(status)))
                .map((code) => `${method} ${path} ${status}: ${code}`);
        }),
    );
    expect(misplaced).toEqual([]);
  });

  it('lists on every operation what any request can be answered before routing', () => {
    const missing = operations.flatMap(({ method, path, operation }) => {
      const expected: readonly ProblemCode[] =
        BODY_METHODS.has(method) || method === 'DELETE'
          ? [...EARLY_PROBLEM_CODES, 'payload_too_large']
          : EARLY_PROBLEM_CODES;
      return expected.flatMap((code) => {
        const response = operation.responses[String(PROBLEM_STATUS[code])];
        const codes =
          response && !isReference(response)
            ? problemCodes(response.content?.[PROBLEM_CONTENT_TYPE]?.schema, PROBLEM_REF)
            : [];
        return Array.isArray(codes) && codes.includes(code) ? [] : [`${method} ${path}: ${code}`];
      });
    });
    expect(missing).toEqual([]);
  });

  it('answers a method a documented path lacks with 405 and Allow naming the documented methods', async () => {
    const byPath = new Map<string, string[]>();
    for (const { method, path } of operations) byPath.set(path, [...(byPath.get(path) ?? []), method]);
    const mismatches: string[] = [];
    for (const [path, methods] of byPath) {
      const allowed = [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].sort().join(', ');
      const url = path.replace(/\{\w+\}/g, PROBE_PARAMETER);
      for (const method of PROBE_METHODS.filter((candidate) => !methods.includes(candidate))) {
        const response = await api.http[method.toLowerCase() as 'get'](url);
        const answer = `${response.status} ${(response.body as { code?: string }).code} Allow: ${response.headers.allow}`;
        if (answer !== `405 method_not_allowed Allow: ${allowed}`) mismatches.push(`${method} ${path}: ${answer}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("states the token body's rules as the API applies them", async () => {
    const body = document.components?.schemas?.GenerateTokenDto as OpenAPIV3.SchemaObject;
    const days = body.properties?.expiresInDays as OpenAPIV3.SchemaObject;
    const at = body.properties?.expiresAt as OpenAPIV3.SchemaObject;
    expect(body.not).toEqual({ required: ['expiresInDays', 'expiresAt'] });
    expect(at.nullable).toBe(api.config.tokenAllowNoExpiry);
    const generate = (fields: object) =>
      api.http
        .post('/api/v1/tokens')
        .set('Authorization', `Bearer ${adminJwt}`)
        .send({ name: 'rules', ...fields });
    expect((await generate({ expiresInDays: days.maximum })).status).toBe(201);
    expect((await generate({ expiresInDays: Number(days.maximum) + 1 })).status).toBe(400);
    expect((await generate({ expiresInDays: 1, expiresAt: null })).status).toBe(400);
    expect((await generate({ expiresAt: null })).status).toBe(400);
  });

  it("refuses with 400 a query or header value its parameter's schema refuses", async () => {
    const accepted: string[] = [];
    const probed = new Set<string>();
    for (const { method, path, operation } of operations.filter((each) => each.method === 'GET')) {
      const url = path.replace(/\{\w+\}/g, PROBE_PARAMETER);
      for (const parameter of operation.parameters ?? []) {
        if (isReference(parameter) || (parameter.in !== 'query' && parameter.in !== 'header')) continue;
        const schema = parameter.schema && !isReference(parameter.schema) ? parameter.schema : {};
        const refused = [
          ...((schema.minLength ?? 0) > 0 && parameter.in === 'query' ? [''] : []),
          ...['.', '1.5'].filter((value) => schema.pattern && !new RegExp(schema.pattern).test(value)),
          ...(schema.format === 'uuid' ? ['.'] : []),
          ...(schema.enum ? ['.'] : []),
        ];
        for (const value of new Set(refused)) {
          probed.add(parameter.name);
          const call = api.http.get(parameter.in === 'query' ? `${url}?${parameter.name}=${value}` : url);
          const response = await (parameter.in === 'header' ? call.set(parameter.name, value) : call)
            .set('Authorization', `Bearer ${adminJwt}`)
            .timeout({ response: 5_000 });
          const fields = ((response.body as { errors?: { field: string }[] }).errors ?? []).map((error) => error.field);
          if (response.status !== 400 || !fields.includes(parameter.name)) {
            accepted.push(`${method} ${path} ${parameter.name}=${JSON.stringify(value)}: ${response.status}`);
          }
        }
      }
    }
    expect(accepted).toEqual([]);
    expect([...probed].sort()).toEqual(['Last-Event-ID', 'after', 'cursor', 'status', 'tokenId', 'type', 'userId']);
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
