import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prcIdNumber } from '../bench/lib.ts';
import { createApp } from '../src/http/app.ts';
import { DomainError } from '../src/kernel/errors.ts';
import type { UserId } from '../src/kernel/ids.ts';
import { createLogger, currentScope } from '../src/observability/logger.ts';
import { createMetrics, startMetricsServer } from '../src/observability/metrics.ts';
import { placeBody } from './support/addresses.ts';
import { createTestDatabase } from './support/db.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Heartland, startHeartland } from './support/heartland.ts';

/** A logger that writes into an array, at the most talkative level, so nothing is left out by level. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const ID_NUMBER = prcIdNumber('11010519491231002');
const PASSWORD = 'Tr0ub4dor&3-never-logged';

describe('request ids and redaction in the logs', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('honours an incoming x-request-id, returns it, and carries it into work the request starts', async () => {
    const log = capturedLogger();
    let later: Promise<void> | undefined;
    const app = await createApp({
      pool: db.pool,
      authenticate: async () => null,
      logger: log.logger,
      routes: [
        async (r) => {
          r.get('/later', { config: { access: 'public' } }, async (request) => {
            // Not awaited by the handler: background work the request started.
            later = new Promise<void>((resolve) =>
              setTimeout(() => {
                request.log.info({ scope: currentScope()?.reqId }, 'background work done');
                resolve();
              }, 20),
            );
            return { ok: true };
          });
        },
      ],
    });
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/later',
      headers: { 'x-request-id': 'trace-42.a' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-42.a');
    await later;
    const background = log.entries().find((e) => e.msg === 'background work done');
    expect(background).toMatchObject({ reqId: 'trace-42.a', scope: 'trace-42.a' });
    const line = log.entries().find((e) => e.msg === 'request');
    expect(line).toMatchObject({ reqId: 'trace-42.a', route: '/api/v1/later', status: 200, method: 'GET' });

    // No id, or one that is not a plain token: a fresh one, still returned.
    const fresh = await app.inject({ method: 'GET', url: '/api/v1/later' });
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/later',
      headers: { 'x-request-id': 'a b\u0007' },
    });
    for (const r of [fresh, bad]) expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers['x-request-id']).not.toBe(bad.headers['x-request-id']);
    await app.close();
  });

  it('never logs an ID number, a password, a token or a cookie, and logs a 5xx with its cause', async () => {
    const log = capturedLogger();
    const app = await createApp({
      pool: db.pool,
      authenticate: async () => ({ userId: 'usr_careless' as UserId, roles: ['buyer'], sellerIds: [] }),
      logger: log.logger,
      routes: [
        async (r) => {
          r.post('/careless', { config: { access: 'public' } }, async (request) => {
            // A careless handler logs everything it was given, then fails with it attached.
            request.log.info({ body: request.body, headers: request.headers }, 'got');
            const cause = Object.assign(new Error('identity store down'), { input: request.body });
            const failure = new DomainError('unavailable', 'identity.down', 'Try again.', {
              idNumber: ID_NUMBER,
            });
            throw Object.assign(failure, { cause });
          });
        },
      ],
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/careless',
      headers: { authorization: 'Bearer tok_secret_value', cookie: 'heartland_session=ses_secret_value' },
      payload: { realName: '张三', idNumber: ID_NUMBER, password: PASSWORD },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    const text = log.lines.join('');
    expect(text).toContain('"got"');
    expect(text).toContain('[redacted]');
    for (const secret of [ID_NUMBER, PASSWORD, 'tok_secret_value', 'ses_secret_value'])
      expect(text).not.toContain(secret);
    const failed = log.entries().find((e) => e.msg === 'request failed') as {
      level: number;
      err: { message: string; stack: string; cause: unknown };
    };
    expect(failed).toMatchObject({ level: 50, userId: 'usr_careless', route: '/api/v1/careless' });
    expect(failed.err.stack).toContain('DomainError: Try again.');
    expect(failed.err).toMatchObject({ cause: { message: 'identity store down' } });
    await app.close();
  });
});

describe('the real API, logged and measured', () => {
  let h: Heartland;
  const log = capturedLogger();
  const metrics = createMetrics({ defaultMetrics: true });
  beforeAll(async () => {
    h = await startHeartland({ logger: log.logger, metrics });
  }, 120_000);
  afterAll(() => h.close());

  it('signing up, signing in and saving an ID number leave neither in the log, and name the caller', async () => {
    const reg = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'wei@buyers.test', password: PASSWORD, displayName: 'Wei' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'wei@buyers.test', password: PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const saved = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/me/buyer-identities/CN',
      headers: { cookie },
      payload: { realName: '王伟', idNumber: ID_NUMBER },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const text = log.lines.join('');
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(cookie.split('=')[1]);
    const line = log.entries().find((e) => e.route === '/api/v1/me/buyer-identities/:market');
    expect(line).toMatchObject({ status: 200, userId: expect.stringMatching(/^usr_/), sellerIds: [] });
  });

  it('serves /metrics with request rates by route pattern, outcomes and event loop delay', async () => {
    const admin = await h.actor('ops@heartland.test', [{ role: 'platform_admin' }]);
    const farm = await onboardVerifiedSeller(h, admin, { key: 'maple', legalName: 'Sugarbush Maple' });
    const { variantIds } = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '170220',
      en: 'Maple syrup',
      priceUsd: 1800,
      stock: 5,
      weightGrams: 900,
    });
    const buyer = await h.actor('hana@buyers.test', [{ role: 'buyer' }]);
    const place = async (method: string) => {
      const q = await buyer.post('/api/v1/checkout/quotes', {
        market: 'JP',
        lines: [{ variantId: variantIds[0], quantity: 1 }],
      });
      expect(q.statusCode, q.body).toBe(201);
      return buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('JP', method));
    };
    expect((await place('pm_card_ok')).statusCode).toBe(201);
    expect((await place('pm_card_declined')).statusCode).toBe(402);
    await h.settle(1000);
    await h.settle(5000);
    const missing = 'ord_0000000000000000000000000000beef';
    await buyer.get(`/api/v1/orders/${missing}`);

    const server = await startMetricsServer(metrics, { host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const body = await res.text();
      // The route pattern, never the raw URL (ids would make a series per order).
      expect(body).toMatch(
        /heartland_http_requests_total\{method="GET",route="\/api\/v1\/orders\/:id",status="404"\} 1/,
      );
      expect(body).not.toContain(missing);
      expect(body).toMatch(
        /heartland_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/api\/v1\/checkout\/quotes"\}/,
      );
      expect(body).toContain('heartland_checkouts_total{outcome="placed"} 1');
      expect(body).toContain('heartland_checkouts_total{outcome="payment_declined"} 1');
      expect(body).toContain('heartland_payments_total{outcome="declined"} 1');
      expect(body).toContain('heartland_payments_total{outcome="captured"} 1');
      expect(body).toContain('nodejs_eventloop_lag_seconds');
      expect(body).toContain('nodejs_eventloop_lag_p99_seconds');
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('samples the outbox depth and the pool on each scrape', async () => {
    const withPool = createMetrics({ pool: h.db.pool, defaultMetrics: false });
    const depth = async () => {
      const m = /^heartland_outbox_depth (\d+)$/m.exec(await withPool.registry.metrics());
      expect(m, 'heartland_outbox_depth is always reported').not.toBeNull();
      return Number(m![1]);
    };
    const before = await depth();
    await h.db.pool.query(
      `INSERT INTO outbox (topic, key, payload) VALUES ('metrics.test', 'k1', '{}'), ('metrics.test', 'k2', '{}')`,
    );
    expect(await depth()).toBe(before + 2);
    await h.db.pool.query(`UPDATE outbox SET processed_at = now() WHERE topic = 'metrics.test'`);
    expect(await depth()).toBe(before);
    const body = await withPool.registry.metrics();
    expect(body).toMatch(/heartland_db_pool_connections\{state="total"\} [1-9]/);
    expect(body).toMatch(/heartland_db_pool_connections\{state="waiting"\} 0/);
  });
});
