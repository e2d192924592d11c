import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDatabase } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { freePort } from '../src/db/free-port.ts';
import { migrate } from '../src/db/migrate.ts';

export { freePort };

export const tmpDir = (name: string) => mkdtempSync(path.join(os.tmpdir(), `heartland-${name}-`));

/**
 * A new, migrated database for one benchmark run: on DATABASE_URL's server when set, otherwise on
 * an embedded PostgreSQL started for the run (`stop` stops it). `adminUrl` names the server's own database.
 */
export async function freshBenchDatabase(
  prefix: string,
  opts: { statementStats?: boolean } = {},
): Promise<{ url: string; adminUrl: string; stop: () => Promise<void> }> {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({
      dataDir: tmpDir(`${prefix}-pg`),
      port: await freePort(),
      settings: opts.statementStats ? { shared_preload_libraries: 'pg_stat_statements' } : {},
    });
    adminUrl = server.url;
    stop = server.stop;
  }
  const name = `${prefix.replaceAll('-', '_')}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  await migrate(url);
  return { url, adminUrl, stop };
}

/**
 * Statements the database executed, from pg_stat_statements: each one is a round trip for
 * node-postgres, which neither pipelines nor batches. `null` where the extension is not loaded
 * (a DATABASE_URL server without it). pg-boss's own polling is counted apart.
 */
export async function statementCounter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT count(*) FROM pg_stat_statements');
  } catch {
    await client.end();
    return null;
  }
  return {
    reset: async () => {
      await client.query('SELECT pg_stat_statements_reset()');
    },
    read: async (): Promise<{ app: number; jobs: number }> => {
      const { rows } = await client.query<{ app: string; jobs: string }>(
        `SELECT coalesce(sum(calls) FILTER (WHERE query NOT ILIKE '%pgboss%'), 0) AS app,
                coalesce(sum(calls) FILTER (WHERE query ILIKE '%pgboss%'), 0) AS jobs
           FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      return { app: Number(rows[0]!.app), jobs: Number(rows[0]!.jobs) };
    },
    close: () => client.end(),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(latenciesMs: number[], seconds: number) {
  const s = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: s.length,
    perSecond: s.length / seconds,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
  };
}

/** A latency histogram as text: the chart a reader wants instead of a column of numbers. */
export function histogram(
  latenciesMs: number[],
  buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
): string {
  const counts = new Array(buckets.length + 1).fill(0) as number[];
  for (const l of latenciesMs) {
    const i = buckets.findIndex((b) => l <= b);
    counts[i === -1 ? buckets.length : i]!++;
  }
  const max = Math.max(...counts, 1);
  return counts
    .map((c, i) => {
      const label = i < buckets.length ? `≤ ${buckets[i]} ms` : `> ${buckets[buckets.length - 1]} ms`;
      return `${label.padStart(11)} │${'█'.repeat(Math.round((c / max) * 40)).padEnd(40)} ${c}`;
    })
    .filter((_, i) => counts.slice(i).some((c) => c > 0) && counts.slice(0, i + 1).some((c) => c > 0))
    .join('\n');
}

/** Starts `heartland serve` as its own process against the given database, and waits for /healthz. */
export async function startServer(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server processes.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, 'bin/heartland.js', 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HEARTLAND_SEED_DEMO: '0',
      HEARTLAND_DATA: tmpDir('bench-data'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('server did not become healthy in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The check digit of an 18-digit PRC resident ID (ISO 7064 MOD 11-2), for fictional bench buyers. */
export function prcIdNumber(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((a, d, i) => a + Number(d) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}
