import { createServer, type Server } from 'node:http';
import type { Pool } from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger.ts';

/** The process's Prometheus metrics: HTTP, business outcomes, background jobs, database, Node. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  checkouts: Counter<'outcome'>;
  payments: Counter<'outcome'>;
  refunds: Counter<'outcome'>;
  jobRuns: Counter<'queue' | 'outcome'>;
  jobItemFailures: Counter<'queue'>;
  jobLag: Histogram<'queue'>;
  jobDuration: Histogram<'queue'>;
}

export interface MetricsSources {
  /** The application's pool: its connections in use and callers waiting for one. */
  pool?: Pool;
  /** Node's own metrics (event loop delay, heap, GC); off in tests that build many registries. */
  defaultMetrics?: boolean;
  log?: Logger;
}

export function createMetrics(sources: MetricsSources = {}): Metrics {
  const registry = new Registry();
  if (sources.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const m: Metrics = {
    registry,
    httpRequests: new Counter({
      name: 'heartland_http_requests_total',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'heartland_http_request_duration_seconds',
      help: 'HTTP request latency by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    checkouts: new Counter({
      name: 'heartland_checkouts_total',
      help: 'Checkout placements by outcome (placed, payment_declined, conflict, rejected, error)',
      labelNames: ['outcome'],
      registers,
    }),
    payments: new Counter({
      name: 'heartland_payments_total',
      help: 'Payments by outcome (submitted and declined at checkout; captured and failed by provider webhook)',
      labelNames: ['outcome'],
      registers,
    }),
    refunds: new Counter({
      name: 'heartland_refunds_total',
      help: 'Refunds by outcome (requested, rejected, error at the API; succeeded, failed by provider webhook)',
      labelNames: ['outcome'],
      registers,
    }),
    jobRuns: new Counter({
      name: 'heartland_job_runs_total',
      help: 'Background job runs by queue and outcome (completed, failed)',
      labelNames: ['queue', 'outcome'],
      registers,
    }),
    jobItemFailures: new Counter({
      name: 'heartland_job_item_failures_total',
      help: 'Items a background job could not process (an order not released, a notice timer not applied)',
      labelNames: ['queue'],
      registers,
    }),
    jobLag: new Histogram({
      name: 'heartland_job_lag_seconds',
      help: 'How long after it was due a background job started',
      labelNames: ['queue'],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'heartland_job_duration_seconds',
      help: 'How long a background job ran',
      labelNames: ['queue'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
      registers,
    }),
  };

  const pool = sources.pool;
  if (pool) {
    new Gauge({
      name: 'heartland_db_pool_connections',
      help: 'Application database pool: open connections (total), idle ones, and callers waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'heartland_outbox_depth',
      help: 'Outbox events not yet processed (sampled on scrape)',
      registers,
      async collect() {
        // The partial index on unprocessed rows keeps this a small index-only count.
        try {
          const { rows } = await pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL',
          );
          this.set(Number(rows[0]?.n ?? 0));
        } catch (e) {
          sources.log?.warn({ err: e }, 'metrics: could not sample the outbox depth');
        }
      },
    });
  }
  return m;
}

/**
 * Serves `GET /metrics` on its own listener, so the scrape endpoint is never on the public API
 * port. Resolves with the bound address (port 0 picks a free one).
 */
export async function startMetricsServer(
  metrics: Metrics,
  opts: { host: string; port: number },
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/metrics' && !req.url?.startsWith('/metrics?'))) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try GET /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${e.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
