import pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { FlowCtx } from '../flows/context.ts';
import { syncListingIndex } from '../flows/listings/sync-listing-eligibility.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { JOBS_SCHEMA } from './list.ts';
import { type JobRun, PERIODIC_JOBS, type PeriodicJob } from './periodic.ts';

/** A run that could not process some of its items: the job fails, so it is retried and listed. */
export class JobItemsFailed extends Error {
  readonly failed: JobRun['failed'];
  constructor(queue: string, run: JobRun) {
    const first = run.failed
      .slice(0, 3)
      .map((f) => `${f.item}: ${f.error}`)
      .join('; ');
    super(
      `${queue}: ${run.failed.length} item(s) failed, ${run.done} done (${first}${run.failed.length > 3 ? '; …' : ''})`,
    );
    this.name = 'JobItemsFailed';
    // Kept on the job's output (pg-boss stores the error's own fields), capped so one bad run cannot bloat it.
    this.failed = run.failed.slice(0, 100);
  }
}

export interface JobRunner {
  boss: PgBoss;
  /** Queue a run of a job now (the CLI and tests); null when one is already waiting. */
  runNow(queue: string): Promise<string | null>;
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  /** The database pg-boss installs its schema in (Heartland's own). */
  url: string;
  ctx: FlowCtx;
  log: Logger;
  metrics?: Metrics;
  jobs?: readonly PeriodicJob[];
  /** The listing sync timer (on in `serve`; tests of the queues leave it off). */
  listingSync?: boolean;
}

/** Retries back off from 15 s up to 5 minutes; a run that is still failing then shows as failed. */
const RETRY = { retryLimit: 3, retryDelay: 15, retryBackoff: true, retryDelayMax: 300 } as const;

/**
 * The periodic work on pg-boss: each job is a queue with policy `stately` (at most one waiting and
 * one running, across every process), scheduled by cron or by a throttled send, worked by every
 * process (whichever fetches the job runs it, once), retried with backoff, and kept for the
 * failure list (`heartland jobs`, GET /api/v1/admin/jobs).
 *
 * The listing sync stays a 250 ms timer in each process: a pg-boss job is a row written and polled
 * (0.5 s at the fastest), which would halve its pace and write 345,600 rows a day for a sweep that is
 * already safe from many processes at once (it claims outbox rows with FOR UPDATE SKIP LOCKED).
 * Its failures are logged and counted like the queued jobs'.
 */
export async function startJobRunner(opts: JobRunnerOptions): Promise<JobRunner> {
  const { ctx, log, metrics } = opts;
  const jobs = opts.jobs ?? PERIODIC_JOBS;
  /*
   * pg-boss on a pool of ours, so every connection keeps an error listener: embedded PostgreSQL
   * stops on SIGTERM at the same time as our own shutdown, and a connection pg-boss holds then
   * emits 'error' with nobody listening, which would end the process with a stack trace.
   */
  const pool = new pg.Pool({ connectionString: opts.url, max: 4, application_name: 'heartland-jobs' });
  let stopping = false;
  const dropped = (err: Error) =>
    log[stopping ? 'debug' : 'warn']({ err: { message: err.message } }, 'jobs: database connection lost');
  pool.on('error', dropped);
  pool.on('connect', (client) => client.on('error', dropped));
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
    schema: JOBS_SCHEMA,
  });
  // An unhandled 'error' event would end the process; pg-boss reports and recovers.
  // Its errors can carry a whole pg client: log what names the failure, not the object graph.
  boss.on('error', (err: Error & { code?: string }) =>
    log.error({ err: { type: err.name, message: err.message, code: err.code } }, 'jobs: pg-boss error'),
  );
  boss.on('warning', (warning) => log.warn({ warning }, 'jobs: pg-boss warning'));
  await boss.start().catch(async (e) => {
    await pool.end();
    throw e;
  });

  const timers: NodeJS.Timeout[] = [];
  try {
    for (const job of jobs) {
      const retry = { ...RETRY, retryLimit: job.retryLimit ?? RETRY.retryLimit };
      const keep = 'everySeconds' in job.cadence ? 86_400 : 7 * 86_400;
      await boss.createQueue(job.queue, { policy: 'stately', ...retry, deleteAfterSeconds: keep });
      // createQueue keeps an existing queue's options: bring them up to date.
      await boss.updateQueue(job.queue, { ...retry, deleteAfterSeconds: keep });
      await boss.work(
        job.queue,
        { includeMetadata: true, pollingIntervalSeconds: 'everySeconds' in job.cadence ? 1 : 2 },
        async ([j]) => {
          if (!j) return;
          return runJob(job, j, { ctx, log, metrics });
        },
      );
      if ('cron' in job.cadence) await boss.schedule(job.queue, job.cadence.cron, null, { tz: 'UTC' });
      else {
        const seconds = job.cadence.everySeconds;
        // Every process ticks; the throttle lets one job per period through, whoever sends it.
        const tick = () =>
          boss.sendThrottled(job.queue, null, null, seconds).catch((err: Error) => {
            log.warn({ err, queue: job.queue }, 'jobs: could not queue a run');
          });
        timers.push(setInterval(tick, seconds * 1000).unref());
        void tick();
      }
    }
    if (opts.listingSync) timers.push(syncTimer(ctx, log, metrics));
  } catch (e) {
    for (const t of timers) clearInterval(t);
    await boss.stop({ graceful: false });
    await pool.end();
    throw e;
  }
  let stopped: Promise<void> | undefined;
  return {
    boss,
    runNow: (queue) => boss.send(queue, null),
    stop() {
      // Once, however many callers ask (a test's own stop and its afterAll).
      stopped ??= (async () => {
        stopping = true;
        for (const t of timers) clearInterval(t);
        await boss.stop({ graceful: true, timeout: 10_000 });
        await pool.end();
      })();
      return stopped;
    },
  };
}

async function runJob(
  job: PeriodicJob,
  j: { id: string; retryCount: number; startAfter: Date },
  deps: { ctx: FlowCtx; log: Logger; metrics?: Metrics },
): Promise<{ done: number }> {
  const queue = job.queue;
  const log = deps.log.child({ queue, jobId: j.id, attempt: j.retryCount + 1 });
  const started = Date.now();
  deps.metrics?.jobLag.observe({ queue }, Math.max(0, started - new Date(j.startAfter).getTime()) / 1000);
  try {
    const run = await job.run(deps.ctx);
    // Each item that failed is logged and counted here: the flows return them instead of throwing.
    for (const f of run.failed) log.error({ item: f.item, error: f.error }, `${queue}: ${f.item} failed`);
    if (run.failed.length) {
      deps.metrics?.jobItemFailures.inc({ queue }, run.failed.length);
      throw new JobItemsFailed(queue, run);
    }
    deps.metrics?.jobRuns.inc({ queue, outcome: 'completed' });
    if (run.done) log.info({ done: run.done, ms: Date.now() - started }, `${queue}: done`);
    return { done: run.done };
  } catch (err) {
    deps.metrics?.jobRuns.inc({ queue, outcome: 'failed' });
    log.error({ err }, `${queue}: run failed`);
    throw err;
  } finally {
    deps.metrics?.jobDuration.observe({ queue }, (Date.now() - started) / 1000);
  }
}

function syncTimer(ctx: FlowCtx, log: Logger, metrics: Metrics | undefined): NodeJS.Timeout {
  const queue = 'listing-sync';
  let running = false;
  return setInterval(() => {
    if (running) return;
    running = true;
    syncListingIndex(ctx)
      .then(
        () => metrics?.jobRuns.inc({ queue, outcome: 'completed' }),
        (err: Error) => {
          metrics?.jobRuns.inc({ queue, outcome: 'failed' });
          log.error({ err, queue }, `${queue}: run failed`);
        },
      )
      .finally(() => {
        running = false;
      });
  }, 250).unref();
}
