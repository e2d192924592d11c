import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type LogScope, runInScope } from './logger.ts';
import type { Metrics } from './metrics.ts';

declare module 'fastify' {
  interface FastifyRequest {
    logScope: LogScope | null;
    failure: Error | null;
    duplicateEvent: boolean;
  }
}

/** An incoming x-request-id is kept when it is a plain token; anything else gets a fresh id. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = Array.isArray(given) ? given[0] : given;
  return id && REQUEST_ID.test(id) ? id : randomUUID();
}

const WEBHOOK_ROUTE = '/api/v1/payments/webhooks/sandbox';
const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? 'unmatched';

/**
 * One log line per request (method, path, route pattern, status, time, caller), 5xx at error level
 * with their cause; the request id returned as `x-request-id` and carried by everything the
 * request runs (see LogScope); request rate, latency and business outcomes counted in `metrics`.
 * Registered before any other hook, so authentication and handlers run inside the scope.
 */
export function observeRequests(app: FastifyInstance, metrics: Metrics | undefined): void {
  app.decorateRequest('logScope', null);
  app.decorateRequest('failure', null);
  app.decorateRequest('duplicateEvent', false);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const scope: LogScope = { reqId: request.id };
    request.logScope = scope;
    runInScope(scope, done);
  });
  // Body parsing runs on the socket's events, outside the scope: enter it again, now with the caller.
  app.addHook('preValidation', (request, _reply, done) => {
    const scope = request.logScope ?? { reqId: request.id };
    if (request.principal) {
      scope.userId = request.principal.userId;
      scope.sellerIds = request.principal.sellerIds;
    }
    runInScope(scope, done);
  });
  app.addHook('onError', async (request, _reply, error) => {
    request.failure = error;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload === 'string' && routeOf(request) === WEBHOOK_ROUTE)
      request.duplicateEvent = payload.includes('"duplicate":true');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const route = routeOf(request);
    const ms = reply.elapsedTime;
    const principal = request.principal;
    const fields = {
      reqId: request.id,
      ...(principal ? { userId: principal.userId, sellerIds: principal.sellerIds } : {}),
      method: request.method,
      path: request.url.split('?', 1)[0],
      route,
      status,
      ms: Math.round(ms * 10) / 10,
    };
    // /healthz answers 503 while the server starts: expected, not an error to page anyone about.
    if (status >= 500 && (request.failure || route !== '/healthz'))
      request.log.error({ ...fields, err: request.failure ?? undefined }, 'request failed');
    else request.log.info(fields, 'request');
    if (!metrics) return;
    metrics.httpRequests.inc({ method: request.method, route, status: String(status) });
    metrics.httpDuration.observe({ method: request.method, route }, ms / 1000);
    countOutcome(metrics, request, reply, route);
  });
}

/** A 4xx/5xx status in the outcome words the dashboards use. */
const failureOutcome = (status: number): string => (status >= 500 ? 'error' : 'rejected');

/**
 * Checkouts, payments and refunds by outcome, read from the routes that report them (the status
 * the flow answered with, and the provider's signed webhook events), so no flow file changes.
 * A replayed idempotent response is the same outcome again, not a new one: not counted.
 */
function countOutcome(metrics: Metrics, request: FastifyRequest, reply: FastifyReply, route: string) {
  if (request.method !== 'POST' || reply.getHeader('idempotent-replayed')) return;
  const status = reply.statusCode;
  switch (route) {
    case '/api/v1/checkout/quotes/:id/place': {
      if (status === 201) {
        metrics.checkouts.inc({ outcome: 'placed' });
        metrics.payments.inc({ outcome: 'submitted' });
      } else if (status === 402) {
        metrics.checkouts.inc({ outcome: 'payment_declined' });
        metrics.payments.inc({ outcome: 'declined' });
      } else if (status === 409) metrics.checkouts.inc({ outcome: 'conflict' });
      else if (status >= 400) metrics.checkouts.inc({ outcome: failureOutcome(status) });
      return;
    }
    case '/api/v1/orders/:id/refund': {
      if (status < 300) metrics.refunds.inc({ outcome: 'requested' });
      else if (status >= 400) metrics.refunds.inc({ outcome: failureOutcome(status) });
      return;
    }
    case WEBHOOK_ROUTE: {
      // Only a verified (200), first delivery of an event counts; the body is the provider's signed JSON.
      if (status !== 200 || typeof request.body !== 'string') return;
      let type = '';
      try {
        type = String((JSON.parse(request.body) as { type?: unknown }).type);
      } catch {
        return;
      }
      const counted = Object.hasOwn(WEBHOOK_OUTCOMES, type) ? WEBHOOK_OUTCOMES[type] : undefined;
      if (counted && !request.duplicateEvent) counted(metrics);
      return;
    }
  }
}

const WEBHOOK_OUTCOMES: Record<string, (m: Metrics) => void> = {
  'charge.succeeded': (m) => m.payments.inc({ outcome: 'captured' }),
  'charge.failed': (m) => m.payments.inc({ outcome: 'failed' }),
  'refund.succeeded': (m) => m.refunds.inc({ outcome: 'succeeded' }),
  'refund.failed': (m) => m.refunds.inc({ outcome: 'failed' }),
};
