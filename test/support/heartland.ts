import type { LightMyRequestResponse } from 'fastify';
import { testConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import type { FlowCtx } from '../../src/flows/context.ts';
import type { App, AppOptions } from '../../src/http/app.ts';
import { createHeartlandApp } from '../../src/http/heartland-app.ts';
import type { Role } from '../../src/kernel/access.ts';
import { ManualClock } from '../../src/kernel/clock.ts';
import { loadCategories } from '../../src/modules/catalog/index.ts';
import { createApiToken, createUser } from '../../src/modules/identity/index.ts';
import { verifyLedger } from '../../src/modules/ledger/index.ts';
import { loadMarketData } from '../../src/modules/markets/index.ts';
import { createSandboxProvider } from '../../src/modules/payments/index.ts';
import { createTestDatabase } from './db.ts';

export interface Heartland {
  app: App;
  db: Database & { url: string };
  ctx: FlowCtx;
  clock: ManualClock;
  provider: ReturnType<typeof createSandboxProvider>;
  /** Moves the clock on and delivers every webhook that is then due (the provider's async side). */
  settle(ms?: number): Promise<void>;
  /** A user with the given roles and a bearer token for it. */
  actor(email: string, roles: { role: Role; scopeId?: string | null }[]): Promise<Actor>;
  close(): Promise<void>;
}

export interface Actor {
  userId: string;
  token: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function actorFor(app: App, userId: string, token: string): Actor {
  const auth = { authorization: `Bearer ${token}` };
  let n = 0;
  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: {
        ...auth,
        ...(method === 'POST' ? { 'idempotency-key': `test-${userId}-${Date.now()}-${n++}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    userId,
    token,
    get: (url) => send('GET', url),
    post: (url, body, headers) => send('POST', url, body ?? {}, headers),
    put: (url, body) => send('PUT', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body ?? {}),
  };
}

/**
 * `webApp`: also serve the built web app (dist/web), for the browser tests; `testCategory: false`
 * leaves out the `test-goods` category (a database that will hold only the demo catalog).
 */
export async function startHeartland(
  opts: { webApp?: boolean; testCategory?: boolean } & Pick<AppOptions, 'logger' | 'metrics'> = {},
): Promise<Heartland> {
  const db = await createTestDatabase();
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const config = testConfig();
  await loadMarketData(db.db);
  const names = (en: string) => ({ en, 'zh-Hans': en, 'zh-Hant': en, ja: en, ko: en });
  if (opts.testCategory !== false) {
    await loadCategories(db.db, [
      { slug: 'test-goods', parent: null, names: names('Test goods'), hsCode: '121120' },
    ]);
  }
  let app: App | undefined;
  const provider = createSandboxProvider({
    db: db.db,
    clock,
    secret: config.sandboxWebhookSecret,
    settleAfterMs: 300,
    deliver: async ({ body, headers }) => {
      const res = await app!.inject({
        method: 'POST',
        url: '/api/v1/payments/webhooks/sandbox',
        payload: body,
        headers: { 'content-type': 'application/json', ...headers },
      });
      return res.statusCode;
    },
  });
  const ctx: FlowCtx = { db: db.db, clock, config, provider };
  app = await createHeartlandApp(
    { ...ctx, pool: db.pool },
    { webApp: opts.webApp ?? false, logger: opts.logger, metrics: opts.metrics },
  );
  const identityDeps = { db: db.db, clock, idEncryptionKey: config.idEncryptionKey };
  return {
    app,
    db,
    ctx,
    clock,
    provider,
    async settle(ms = 1000) {
      clock.advance(ms);
      await provider.processDue();
    },
    async actor(email, roles) {
      const user = await createUser(identityDeps, {
        email,
        password: 'correct horse battery',
        displayName: email,
        roles,
      });
      const { token } = await createApiToken(identityDeps, user.id, 'test');
      return actorFor(app!, user.id, token);
    },
    async close() {
      await app!.close();
      await db.close();
    },
  };
}

/** `ledger verify` must hold after every step of every flow. */
export async function expectLedgerSound(db: Database): Promise<void> {
  const report = await verifyLedger(db.db);
  if (!report.ok) throw new Error(`ledger unsound: ${JSON.stringify(report.problems, null, 2)}`);
}
