import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { cadenceText, PERIODIC_JOBS, type PeriodicJob } from './periodic.ts';

/** pg-boss keeps its tables in a schema of its own in Heartland's database. */
export const JOBS_SCHEMA = 'pgboss';
const JOB_TABLE = sql.raw(`${JOBS_SCHEMA}.job`);

/** Work that stays a timer in every process (see src/jobs/runner.ts for why). */
export const IN_PROCESS_JOBS = [
  {
    name: 'listing-sync',
    description: 'Index changed products and recompute the markets each may be shown in',
    cadence: 'every 250 ms, in each server process',
  },
] as const;

export interface JobsReport {
  /** False until a server has started the job runner once (it creates the schema). */
  installed: boolean;
  queues: {
    queue: string;
    description: string;
    cadence: string;
    queued: number;
    active: number;
    failed: number;
    lastRun: { state: string; startedOn: string; completedOn: string | null; error: string | null } | null;
  }[];
  inProcess: { name: string; description: string; cadence: string }[];
  /**
   * Runs that failed (and will not be retried) or failed an attempt and wait to be retried, in any
   * queue (a retired one too), newest first.
   */
  failures: {
    id: string;
    queue: string;
    state: 'failed' | 'retry';
    attempts: number;
    failedOn: string | null;
    error: string;
    items: { item: string; error: string }[];
  }[];
}

interface JobOutput {
  message?: string;
  failed?: { item: string; error: string }[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const errorOf = (output: unknown): string => {
  if (output === null || output === undefined) return '';
  const o = output as JobOutput;
  return typeof o.message === 'string' ? o.message : JSON.stringify(output);
};

/**
 * The queues with their last run and counts, and the failed runs with their errors, read from
 * pg-boss's tables (no pg-boss instance needed: the CLI and the admin route only read).
 */
export async function listJobs(
  db: Db,
  opts: { failures?: number; jobs?: readonly PeriodicJob[] } = {},
): Promise<JobsReport> {
  const jobs = opts.jobs ?? PERIODIC_JOBS;
  const names = jobs.map((j) => j.queue);
  const installed = await db.execute<{ ok: boolean }>(
    sql`SELECT to_regclass(${`${JOBS_SCHEMA}.job`}) IS NOT NULL AS ok`,
  );
  const empty = { queued: 0, active: 0, failed: 0, lastRun: null };
  if (!installed.rows[0]?.ok || names.length === 0) {
    return {
      installed: !!installed.rows[0]?.ok,
      queues: jobs.map((j) => ({
        queue: j.queue,
        description: j.description,
        cadence: cadenceText(j),
        ...empty,
      })),
      inProcess: [...IN_PROCESS_JOBS],
      failures: [],
    };
  }
  const counts = await db.execute<{ name: string; queued: number; active: number; failed: number }>(sql`
    SELECT name,
      count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
      count(*) FILTER (WHERE state = 'active')::int AS active,
      count(*) FILTER (WHERE state = 'failed')::int AS failed
    FROM ${JOB_TABLE} WHERE name IN ${names} GROUP BY name`);
  const last = await db.execute<{
    name: string;
    state: string;
    started_on: Date;
    completed_on: Date | null;
    output: unknown;
  }>(sql`
    SELECT DISTINCT ON (name) name, state::text, started_on, completed_on, output
    FROM ${JOB_TABLE}
    WHERE name IN ${names} AND started_on IS NOT NULL AND state IN ('active', 'completed', 'failed', 'retry')
    ORDER BY name, started_on DESC`);
  const failed = await db.execute<{
    id: string;
    name: string;
    state: 'failed' | 'retry';
    retry_count: number;
    completed_on: Date | null;
    started_on: Date | null;
    output: unknown;
  }>(sql`
    SELECT id::text, name, state::text, retry_count, completed_on, started_on, output
    FROM ${JOB_TABLE}
    WHERE left(name, 8) <> '__pgboss' AND state IN ('failed', 'retry')
    ORDER BY coalesce(completed_on, started_on, created_on) DESC
    LIMIT ${opts.failures ?? 50}`);
  const countOf = new Map(counts.rows.map((r) => [r.name, r]));
  const lastOf = new Map(last.rows.map((r) => [r.name, r]));
  return {
    installed: true,
    queues: jobs.map((j) => {
      const c = countOf.get(j.queue);
      const l = lastOf.get(j.queue);
      return {
        queue: j.queue,
        description: j.description,
        cadence: cadenceText(j),
        queued: c?.queued ?? 0,
        active: c?.active ?? 0,
        failed: c?.failed ?? 0,
        lastRun: l
          ? {
              state: l.state,
              startedOn: iso(l.started_on)!,
              completedOn: iso(l.completed_on),
              error: l.state === 'failed' || l.state === 'retry' ? errorOf(l.output) : null,
            }
          : null,
      };
    }),
    inProcess: [...IN_PROCESS_JOBS],
    failures: failed.rows.map((r) => ({
      id: r.id,
      queue: r.name,
      state: r.state,
      attempts: r.retry_count + 1,
      failedOn: iso(r.completed_on ?? r.started_on),
      error: errorOf(r.output),
      items: Array.isArray((r.output as JobOutput | null)?.failed) ? (r.output as JobOutput).failed! : [],
    })),
  };
}

/** `heartland jobs`: the report as a table a person reads at a terminal. */
export function formatJobsReport(r: JobsReport): string {
  const lines: string[] = [];
  if (!r.installed)
    lines.push('The job queues are not set up yet: `heartland serve` creates them on start.', '');
  lines.push('QUEUE                       CADENCE        QUEUED ACTIVE FAILED  LAST RUN');
  for (const q of r.queues) {
    const last = q.lastRun
      ? `${q.lastRun.state} ${q.lastRun.completedOn ?? q.lastRun.startedOn}${q.lastRun.error ? ` — ${q.lastRun.error}` : ''}`
      : 'never';
    lines.push(
      `${q.queue.padEnd(27)} ${q.cadence.padEnd(14)} ${String(q.queued).padStart(6)} ${String(q.active).padStart(6)} ${String(q.failed).padStart(6)}  ${last}`,
    );
  }
  for (const p of r.inProcess) lines.push(`${p.name.padEnd(27)} ${p.cadence} (not queued)`);
  lines.push('');
  if (r.failures.length === 0) lines.push('No failed jobs.');
  else {
    lines.push(`Failed jobs (${r.failures.length}, newest first):`);
    for (const f of r.failures) {
      const when = f.state === 'retry' ? 'will retry' : 'failed';
      lines.push(
        `  ${f.failedOn ?? '-'}  ${f.queue}  ${f.id}  ${when} after ${f.attempts} attempt(s): ${f.error}`,
      );
      for (const i of f.items) lines.push(`      ${i.item}: ${i.error}`);
    }
  }
  return lines.join('\n');
}
