import type { Config } from './config.ts';
import { loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { type DatabaseServer, openDatabaseServer } from './db/server.ts';
import { isDemoSeeded, seedDemo } from './demo/seed-demo.ts';
import { isDemoHistorySeeded, seedDemoOrderHistory } from './demo/seed-demo-orders.ts';
import type { FlowCtx } from './flows/context.ts';
import { reindexListings } from './flows/listings/sync-listing-eligibility.ts';
import type { App } from './http/app.ts';
import { createHeartlandApp } from './http/heartland-app.ts';
import { startJobRunner } from './jobs/runner.ts';
import { systemClock } from './kernel/clock.ts';
import { loadMarketData } from './modules/markets/index.ts';
import { createSandboxProvider } from './modules/payments/index.ts';
import { searchIndexIsStale } from './modules/search/index.ts';
import { type Logger, loggerFromEnv } from './observability/logger.ts';
import { createMetrics, startMetricsServer } from './observability/metrics.ts';
import { ensureWebBuild } from './web-build.ts';

export interface Runtime {
  config: Config;
  database: Database;
  ctx: FlowCtx;
  close(): Promise<void>;
}

/** Opens the database (embedded or DATABASE_URL), migrates, loads reference data, and builds the flow context. */
export async function openRuntime(
  env: NodeJS.ProcessEnv,
  log: (l: string) => void,
  opts: { attachIfRunning?: boolean } = {},
): Promise<Runtime & { server: DatabaseServer }> {
  const config = loadConfig(env);
  const server = await openDatabaseServer(env, log, opts);
  const database = openDatabase(server.url, { max: Number(env.HEARTLAND_DB_POOL ?? 40) });
  try {
    await loadMarketData(database.db);
    const webhookUrl = `${config.publicUrl}/api/v1/payments/webhooks/sandbox`;
    const provider = createSandboxProvider({
      db: database.db,
      clock: systemClock,
      secret: config.sandboxWebhookSecret,
      deliver: async ({ body, headers }) => {
        const res = await fetch(webhookUrl, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...headers },
        });
        return res.status;
      },
    });
    const ctx: FlowCtx = { db: database.db, clock: systemClock, config, provider };
    return {
      config,
      database,
      server,
      ctx,
      async close() {
        provider.stop();
        await database.close();
        await server.stop();
      },
    };
  } catch (e) {
    await database.close();
    await server.stop();
    throw e;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `heartland serve`: the API, the docs, the background jobs (webhooks, search indexing, escrow
 * timers, sealing: src/jobs), structured logs (src/observability/logger.ts) and /metrics on its own port.
 */
export async function serve(
  env: NodeJS.ProcessEnv,
  log: (l: string) => void,
  opts: { logger?: Logger } = {},
): Promise<{ app: App; metricsUrl: string | null; close(): Promise<void> }> {
  const logger = opts.logger ?? loggerFromEnv(env);
  const rt = await openRuntime(env, log);
  let ready = false;
  if (env.HEARTLAND_WEB !== '0') await ensureWebBuild(log);
  const metrics = createMetrics({ pool: rt.database.pool, log: logger });
  const app = await createHeartlandApp(
    { ...rt.ctx, pool: rt.database.pool },
    { isReady: () => ready, logger, metrics, webApp: true },
  );
  if (env.HEARTLAND_SEED_DEMO !== '0' && !(await isDemoSeeded(rt.ctx))) {
    log('First start: loading the demo marketplace…');
    await seedDemo(rt.ctx, { progress: true, log });
  }
  if (await searchIndexIsStale(rt.ctx.db)) {
    // Built by another tokenizer or ICU version (a Node upgrade splits CJK text differently).
    log('The search index was built by another analyzer version: rebuilding it…');
    await reindexListings(rt.ctx);
  }
  await app.listen({ port: rt.config.port, host: rt.config.host });
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | null = null;
  if (rt.config.metrics) {
    try {
      metricsServer = await startMetricsServer(metrics, rt.config.metrics);
    } catch (err) {
      // A second process on one machine finds the port taken: it serves without /metrics rather than not at all.
      logger.error(
        { err, metrics: rt.config.metrics },
        'metrics: could not listen; set HEARTLAND_METRICS_PORT to a free port (or off)',
      );
    }
  }
  const jobs = await startJobRunner({
    url: rt.server.url,
    ctx: rt.ctx,
    log: logger,
    metrics,
    listingSync: true,
  });
  (rt.ctx.provider as unknown as { start(ms?: number): void }).start(100);
  if (
    env.HEARTLAND_SEED_DEMO !== '0' &&
    (await isDemoSeeded(rt.ctx)) &&
    !(await isDemoHistorySeeded(rt.ctx))
  ) {
    // Past orders go through the listening server: the sandbox provider's webhooks capture them.
    log('Placing the demo order history (checkout, payment, shipping, receipt)…');
    await seedDemoOrderHistory(rt.ctx, { settle: () => sleep(200), progress: true, log });
  }
  ready = true;
  const base = rt.config.publicUrl;
  log(
    [
      '',
      `Heartland is running on ${rt.server.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}.`,
      `  Storefront   ${base}/  (e.g. ${base}/?market=CN&locale=zh-Hans)`,
      `  Impact       ${base}/impact`,
      `  API docs     ${base}/docs`,
      `  OpenAPI      ${base}/openapi.json`,
      `  Health       ${base}/healthz`,
      `  Metrics      ${metricsServer?.url ?? 'off'}`,
      `  Search       ${base}/api/v1/search?q=%E8%8A%B1%E6%97%97%E5%8F%82&locale=zh-Hans&market=CN`,
      '  Demo logins are in the README (password heartland-demo-1).',
      '',
    ].join('\n'),
  );
  return {
    app,
    metricsUrl: metricsServer?.url ?? null,
    async close() {
      await jobs.stop();
      await metricsServer?.close();
      await app.close();
      await rt.close();
    },
  };
}
