import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  type FastifyPluginAsyncZod,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Pool } from 'pg';
import type { Access, Principal } from '../kernel/access.ts';
import { DomainError } from '../kernel/errors.ts';
import { observeRequests, requestIdFor } from '../observability/http.ts';
import { createLogger, type Logger, silentLogger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { beginIdempotent, finishIdempotent } from './idempotency.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { uploadPipeline } from './uploads.ts';

export type App = FastifyInstance;
export type RoutePlugin = FastifyPluginAsyncZod;

/** Resolves the caller from a session cookie or a bearer token; null when anonymous. */
export type Authenticate = (credentials: {
  sessionToken?: string;
  bearerToken?: string;
}) => Promise<Principal | null>;

export const SESSION_COOKIE = 'heartland_session';

/** Who may call which route, as declared; tests walk it to prove everyone else gets 403. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    accessTable: RouteAccess[];
  }
}

export interface AppOptions {
  pool: Pool;
  authenticate: Authenticate;
  routes: RoutePlugin[];
  /** Routes outside the API prefix (the web app's files). */
  rootRoutes?: RoutePlugin[];
  /** Where the app logs: a pino logger, `true` for JSON on stdout, or nothing (the default, for tests). */
  logger?: boolean | Logger;
  /** Counts requests and business outcomes; /metrics is served apart (src/observability/metrics.ts). */
  metrics?: Metrics;
  isReady?: () => boolean;
  /** The web app's page (dist/web/index.html) when it is built; null serves the API alone. */
  webAppPage?: () => Buffer | null;
}

function allowed(access: Access, principal: Principal | null): boolean {
  if (access === 'public') return true;
  return !!principal && access.some((r) => principal.roles.includes(r));
}

/** Paths the API and its files own; any other path is a page of the web app. */
const isAppPath = (url: string) =>
  !/^\/(api|docs|openapi\.json|healthz|media|demo-images|assets)(\/|\?|$)/.test(url);

export async function createApp(opts: AppOptions): Promise<App> {
  const logger = opts.logger === true ? createLogger() : opts.logger || silentLogger();
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // observeRequests writes one line per request, with the caller, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFor,
    requestIdHeader: false,
    // The request id and caller come from the log scope (observability/logger.ts), not a child binding.
    childLoggerFactory: (parent) => parent,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  observeRequests(app, opts.metrics);
  app.setNotFoundHandler((request, reply) => {
    // A page of the web app (/, /p/…, /search) asked for by a browser: the app routes it itself.
    const page = opts.webAppPage?.();
    if (
      page &&
      request.method === 'GET' &&
      isAppPath(request.url) &&
      request.headers.accept?.includes('text/html')
    ) {
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(page);
    }
    return sendProblem(reply, {
      status: 404,
      code: 'route.not_found',
      detail: `No route ${request.method} ${request.url}.`,
    });
  });
  app.decorateRequest('principal', null);

  // Every route must say who may call it; a route that forgets is a startup error, not an open door.
  const accessTable: RouteAccess[] = [];
  app.decorate('accessTable', accessTable);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    const infra =
      url.startsWith('/docs') || url === '/openapi.json' || url === '/healthz' || route.method === 'HEAD';
    if (infra) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${url} declares no access`);
    for (const method of [route.method].flat())
      accessTable.push({ method, url, access: route.config.access });
  });

  await app.register(cookie);
  // The one multipart parser and upload limit table (src/http/uploads.ts), for every upload route.
  await app.register(uploadPipeline);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Heartland API',
        version: '1.0.0',
        description:
          'Cross-border marketplace: American farms and makers selling to buyers in China and Asia. Money is integer minor units with an ISO 4217 code. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/openapi.json', title: 'Heartland API' },
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const auth = request.headers.authorization;
    const bearerToken = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const sessionToken = request.cookies?.[SESSION_COOKIE];
    if (bearerToken || sessionToken) {
      request.principal = await opts.authenticate({ bearerToken, sessionToken });
      if (!request.principal && bearerToken) {
        throw new DomainError(
          'unauthenticated',
          'auth.invalid_token',
          'The bearer token is invalid or revoked.',
        );
      }
    }
    if (!allowed(access, request.principal)) {
      if (!request.principal) {
        throw new DomainError('unauthenticated', 'auth.required', 'Sign in to do this.');
      }
      throw new DomainError(
        'forbidden',
        'auth.forbidden',
        `This needs one of the roles: ${(access as string[]).join(', ')}.`,
      );
    }
  });

  // Idempotency runs after body validation, so only valid requests consume a key.
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.idempotent) return;
    const proceed = await beginIdempotent(opts.pool, request, reply);
    if (!proceed) return reply;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config?.idempotent)
      await finishIdempotent(opts.pool, request, reply.statusCode, payload);
    return payload;
  });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    if (opts.isReady && !opts.isReady()) return reply.code(503).send({ status: 'starting' });
    await opts.pool.query('SELECT 1');
    return { status: 'ok' };
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const routes of opts.routes) await app.register(routes, { prefix: '/api/v1' });
  for (const routes of opts.rootRoutes ?? []) await app.register(routes);
  await app.ready();
  return app;
}
