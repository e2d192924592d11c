import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobs } from '../src/jobs/list.ts';
import type { PeriodicJob } from '../src/jobs/periodic.ts';
import { type JobRunner, startJobRunner } from '../src/jobs/runner.ts';
import { createLogger } from '../src/observability/logger.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import { type Heartland, startHeartland } from './support/heartland.ts';

const run = promisify(execFile);

const until = async <T>(what: string, f: () => Promise<T | undefined | null | false>, ms = 30_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('background jobs on pg-boss', () => {
  let h: Heartland;
  const runners: JobRunner[] = [];
  const lines: string[] = [];
  const log = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } });
  const metrics = createMetrics({ defaultMetrics: false });
  const start = (jobs?: readonly PeriodicJob[]) =>
    startJobRunner({ url: h.db.url, ctx: h.ctx, log, metrics, jobs }).then((r) => {
      runners.push(r);
      return r;
    });

  beforeAll(async () => {
    h = await startHeartland();
  }, 120_000);
  afterAll(async () => {
    for (const r of runners) await r.stop();
    await h.close();
  });

  it('runs the real periodic jobs and records their runs', async () => {
    const runner = await start();
    await runner.runNow('ledger-seal');
    await runner.runNow('escrow-release');
    const report = await until('both runs', async () => {
      const r = await listJobs(h.db.db);
      const done = (q: string) => r.queues.find((x) => x.queue === q)?.lastRun?.state === 'completed';
      return done('ledger-seal') && done('escrow-release') && r;
    });
    expect(report.installed).toBe(true);
    expect(report.queues.map((q) => q.queue)).toEqual([
      'escrow-release',
      'notice-timers',
      'brand-authorization-expiry',
      'ledger-seal',
    ]);
    expect(report.failures).toEqual([]);
    expect(report.inProcess.map((p) => p.name)).toEqual(['listing-sync']);
    await runner.stop();
  });

  it('fails a run when any item failed: logged, counted, and in the failure list with each item', async () => {
    const failing: PeriodicJob = {
      queue: 'test-release-failing',
      description: 'A release run where one order cannot be released',
      cadence: { cron: '0 0 1 1 *' },
      retryLimit: 0,
      async run() {
        return { done: 2, failed: [{ item: 'ord_stuck', error: 'escrow account is missing' }] };
      },
    };
    const runner = await start([failing]);
    const id = await runner.runNow(failing.queue);
    const report = await until('the failure', async () => {
      const r = await listJobs(h.db.db, { jobs: [failing] });
      return r.failures.some((f) => f.state === 'failed') && r;
    });
    expect(report.failures).toEqual([
      {
        id,
        queue: failing.queue,
        state: 'failed',
        attempts: 1,
        failedOn: expect.any(String),
        error: expect.stringContaining('1 item(s) failed, 2 done (ord_stuck: escrow account is missing)'),
        items: [{ item: 'ord_stuck', error: 'escrow account is missing' }],
      },
    ]);
    expect(report.queues[0]).toMatchObject({ failed: 1, lastRun: { state: 'failed' } });
    const logged = lines.map((l) => JSON.parse(l)).filter((e) => e.queue === failing.queue);
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 50, item: 'ord_stuck', error: 'escrow account is missing' }),
    );
    const text = await metrics.registry.metrics();
    expect(text).toContain(`heartland_job_item_failures_total{queue="${failing.queue}"} 1`);
    expect(text).toContain(`heartland_job_runs_total{queue="${failing.queue}",outcome="failed"} 1`);
    expect(text).toMatch(new RegExp(`heartland_job_lag_seconds_count\\{queue="${failing.queue}"\\} 1`));

    // `heartland jobs` prints it for an operator at a terminal.
    const cli = await run(process.execPath, ['bin/heartland.js', 'jobs'], {
      env: { ...process.env, DATABASE_URL: h.db.url, HEARTLAND_SECRET: 'jobs-test' },
    });
    expect(cli.stdout).toContain('escrow-release');
    expect(cli.stdout).toContain(`${failing.queue}  ${id}  failed after 1 attempt(s)`);
    expect(cli.stdout).toContain('ord_stuck: escrow account is missing');

    // The admin API shows the same list; only platform admins see it.
    const admin = await h.actor('ops@heartland.test', [{ role: 'platform_admin' }]);
    const buyer = await h.actor('jobs-buyer@buyers.test', [{ role: 'buyer' }]);
    expect((await buyer.get('/api/v1/admin/jobs')).statusCode).toBe(403);
    const res = await admin.get('/api/v1/admin/jobs');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().installed).toBe(true);
    expect(res.json().queues.map((q: { queue: string }) => q.queue)).toContain('escrow-release');
    await runner.stop();
  });

  it('runs a periodic job once per period across two runtimes', async () => {
    const runs: string[] = [];
    const job = (who: string): PeriodicJob => ({
      queue: 'test-once',
      description: 'Counts its runs',
      cadence: { everySeconds: 1 },
      async run() {
        runs.push(who);
        return { done: 1, failed: [] };
      },
    });
    const started = Date.now();
    const [a, b] = await Promise.all([start([job('a')]), start([job('b')])]);
    await new Promise((r) => setTimeout(r, 6_000));
    await Promise.all([a.stop(), b.stop()]);
    const seconds = (Date.now() - started) / 1000;
    // Both processes tick every second; one job per second gets through, not two.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  }, 60_000);
});
