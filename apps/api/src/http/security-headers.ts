import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

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

/**
 * The docs page (swagger-ui): its scripts, styles and images from this origin only, no inline
 * script, no eval; the inline styles of its page and of React are let through. "Try it out"
 * calls the API on this origin.
 */
const DOCS_PAGE: FastifyHelmetOptions = {
  ...OBSOLETE,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
};

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
    readonly hsts: string,
  ) {}

  static async fromHelmet(): Promise<SecurityHeaders> {
    const { [HSTS]: hsts, ...api } = await helmetHeaders(API_ANSWER);
    if (hsts === undefined) throw new Error('@fastify/helmet set no Strict-Transport-Security header');
    return new SecurityHeaders(api, await helmetHeaders(DOCS_PAGE), hsts);
  }

  /**
   * Must run before the first route is registered. `docsPages` are the routes that answer the
   * docs page itself; `behindProxy` is whether X-Forwarded-Proto can be believed at all.
   */
  install(fastify: FastifyInstance, docsPages: ReadonlySet<string>, behindProxy: boolean): void {
    const { api, docsPage, hsts } = this;
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
    const forDocsPage = (_request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
      void reply.headers(docsPage);
      done();
    };
    fastify.addHook('onRoute', (route) => {
      if (!docsPages.has(route.url)) return;
      const existing = route.onRequest;
      route.onRequest =
        existing === undefined ? [forDocsPage] : [...(Array.isArray(existing) ? existing : [existing]), forDocsPage];
    });
  }
}
