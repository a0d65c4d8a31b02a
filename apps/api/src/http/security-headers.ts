import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { appendRouteHook } from './route-hooks';

export type HeaderSet = Readonly<Record<string, string>>;

const HSTS = 'strict-transport-security';

/** Headers for browsers that no longer exist (IE 8, Flash) or features no answer here has. */
const OBSOLETE = {
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const;

/**
 * A JSON answer loads nothing, runs nothing, is framed by nobody and is never sniffed into
 * something else. Each header costs every answer, the token check's included, so only those:
 * CSP's frame-ancestors does what X-Frame-Options did in every current browser, and the
 * browsers' own cross-origin read blocking keeps JSON from other sites' pages (CORP); the
 * document-only headers (COOP, Origin-Agent-Cluster) mean nothing to JSON.
 */
const API_ANSWER: FastifyHelmetOptions = {
  ...OBSOLETE,
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  xFrameOptions: false,
};

/** A page of this service: its scripts and images from this origin only, no eval, framed by nobody. */
function samePageOrigin(directives: Record<string, string[]>): FastifyHelmetOptions {
  return {
    ...OBSOLETE,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        ...directives,
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  };
}

/**
 * The docs page (swagger-ui): the inline styles of its page and of React are let through, no
 * inline script. "Try it out" calls the API on this origin.
 */
const DOCS_PAGE = samePageOrigin({ styleSrc: ["'self'", "'unsafe-inline'"], formAction: ["'none'"] });

/**
 * The token page: no inline script and no inline style either; its fonts are the system's or
 * this origin's, and its only form posts to this origin.
 */
const TOKEN_PAGE = samePageOrigin({
  styleSrc: ["'self'"],
  fontSrc: ["'self'"],
  manifestSrc: ["'self'"],
  formAction: ["'self'"],
});

/** The routes that answer a page rather than JSON, by page. */
export interface PageRoutes {
  docs: ReadonlySet<string>;
  tokenPage: ReadonlySet<string>;
}

/** What @fastify/helmet sets with these options, read off one request to a scratch instance. */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const scratch = Fastify();
  await scratch.register(fastifyHelmet, options);
  scratch.get('/', (_request, reply) => reply.send(reply.raw.getHeaders()));
  const answer = await scratch.inject('/');
  await scratch.close();
  const headers = answer.json<Record<string, unknown>>();
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

/**
 * The security headers of every answer, as @fastify/helmet sets them. Helmet builds its
 * middleware anew on every request (measured: more than a third of the throughput of a bare
 * route), so its headers are recorded once at start and every answer gets the recorded values.
 * HSTS goes only on answers to requests that came over HTTPS: the API speaks plain HTTP, so
 * that is what a proxy trusted by TRUST_PROXY says in X-Forwarded-Proto.
 */
export class SecurityHeaders {
  private constructor(
    /** Every answer, the early errors that Fastify's routing never sees included. */
    readonly api: HeaderSet,
    readonly docsPage: HeaderSet,
    readonly tokenPage: HeaderSet,
    readonly hsts: string,
  ) {}

  static async fromHelmet(): Promise<SecurityHeaders> {
    const { [HSTS]: hsts, ...api } = await helmetHeaders(API_ANSWER);
    if (hsts === undefined) throw new Error('@fastify/helmet set no Strict-Transport-Security header');
    return new SecurityHeaders(api, await helmetHeaders(DOCS_PAGE), await helmetHeaders(TOKEN_PAGE), hsts);
  }

  /**
   * Must run before the first route is registered. `pages` are the routes that answer a page
   * itself; `behindProxy` is whether X-Forwarded-Proto can be believed at all.
   */
  install(fastify: FastifyInstance, pages: PageRoutes, behindProxy: boolean): void {
    const { api, hsts } = this;
    fastify.addHook('onRequest', (_request, reply, done) => {
      void reply.headers(api);
      done();
    });
    if (behindProxy) {
      fastify.addHook('onRequest', (request, reply, done) => {
        if (request.protocol === 'https') void reply.header(HSTS, hsts);
        done();
      });
    }
    const pageHeaders = new Map<string, HeaderSet>([
      ...[...pages.docs].map((url) => [url, this.docsPage] as const),
      ...[...pages.tokenPage].map((url) => [url, this.tokenPage] as const),
    ]);
    fastify.addHook('onRoute', (route) => {
      const headers = pageHeaders.get(route.url);
      if (headers === undefined) return;
      const forPage = (_request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
        void reply.headers(headers);
        done();
      };
      appendRouteHook(route, 'onRequest', forPage);
    });
  }
}
