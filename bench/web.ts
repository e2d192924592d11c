/**
 * The web app on a phone, as Lighthouse measures it: its mobile preset (simulated slow 4G and a
 * 4× slower CPU) against a fresh demo, on the home page and a product page, RUNS times each
 * (default 3). Prints each run and the median, writes bench/results/web-<time>.json and exits 1
 * when a median misses a goal (GOALS below). Also reports the JavaScript each page loads (gzip).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { pageJavaScriptBytes } from '../e2e/support/bundle.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import type { FlowCtx } from '../src/flows/context.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { ensureWebBuild } from '../src/web-build.ts';
import { freshBenchDatabase, startServer } from './lib.ts';
import { type LighthouseRun, openLighthouse } from './lighthouse.ts';

const RUNS = Number(process.env.RUNS ?? 3);

/** Each page's median must meet these; accessibility and SEO are at 100 and stay there. */
const GOALS = { performance: 95, lcpMs: 2500, cls: 0.1, accessibility: 100, seo: 100 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

type Summary = Omit<LighthouseRun, 'opportunities'>;

function summarize(runs: LighthouseRun[]): Summary {
  const m = (k: keyof Summary) => median(runs.map((r) => r[k]));
  return {
    performance: m('performance'),
    accessibility: m('accessibility'),
    seo: m('seo'),
    lcp: m('lcp'),
    cls: m('cls'),
    tbt: m('tbt'),
    fcp: m('fcp'),
    benchmarkIndex: m('benchmarkIndex'),
  };
}

function misses(s: Summary): string[] {
  const out: string[] = [];
  if (s.performance < GOALS.performance) out.push(`performance ${s.performance} < ${GOALS.performance}`);
  if (!(s.lcp < GOALS.lcpMs)) out.push(`LCP ${s.lcp.toFixed(0)} ms ≥ ${GOALS.lcpMs} ms`);
  if (!(s.cls < GOALS.cls)) out.push(`CLS ${s.cls.toFixed(3)} ≥ ${GOALS.cls}`);
  if (s.accessibility < GOALS.accessibility) out.push(`accessibility ${s.accessibility}`);
  if (s.seo < GOALS.seo) out.push(`SEO ${s.seo}`);
  return out;
}

const row = (label: string, r: Summary) =>
  `  ${label.padEnd(7)} perf ${String(r.performance).padStart(3)}  LCP ${(r.lcp / 1000).toFixed(2)} s  CLS ${r.cls.toFixed(3)}  TBT ${r.tbt.toFixed(0).padStart(4)} ms  FCP ${(r.fcp / 1000).toFixed(2)} s  a11y ${r.accessibility}  SEO ${r.seo}  host CPU ${r.benchmarkIndex}`;

async function main() {
  await ensureWebBuild((l) => console.log(l));
  const js = pageJavaScriptBytes();

  const { url, stop: stopPg } = await freshBenchDatabase('bench-web');
  const config = loadConfig({ ...process.env, HEARTLAND_SECRET: 'bench-secret' });
  const database = openDatabase(url);
  // The demo seed uses no payment provider.
  await seedDemo({ db: database.db, clock: systemClock, config, provider: undefined as never } as FlowCtx);
  const { rows } = await database.db.execute<{ id: string }>(
    sql`SELECT product_id AS id FROM product_translations
         WHERE locale = 'en' AND title LIKE 'Wisconsin American Ginseng Root, Long Prong%'`,
  );
  await database.close();
  const server = await startServer({ DATABASE_URL: url, HEARTLAND_SECRET: 'bench-secret' });
  const pages = [
    { name: 'home', path: '/?market=CN&locale=zh-Hans', jsBytes: js.home },
    { name: 'product', path: `/p/${rows[0]!.id}?market=CN&locale=zh-Hans`, jsBytes: js.product },
  ];

  const lighthouse = await openLighthouse();
  const results: { name: string; path: string; jsBytes: number; runs: LighthouseRun[]; median: Summary }[] =
    [];
  try {
    // One unmeasured load first: the server's first requests (a cold JIT, image variants made on
    // first request) are not what a shopper meets on a running store.
    for (const page of pages) await lighthouse.run(`${server.url}${page.path}`);
    for (const page of pages) {
      console.log(`\n${page.name} page (${page.path}), JS ${(page.jsBytes / 1024).toFixed(1)} KB gzip`);
      const runs: LighthouseRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await lighthouse.run(`${server.url}${page.path}`);
        runs.push(run);
        console.log(row(`run ${i + 1}`, run));
      }
      const m = summarize(runs);
      console.log(row('median', m));
      const left = runs.at(-1)!.opportunities;
      if (left.length > 0) {
        console.log(
          `  still flagged: ${left.map((o) => `${o.id} (${o.savingsMs} ms, ${(o.savingsBytes / 1024).toFixed(0)} KiB)`).join(', ')}`,
        );
      }
      results.push({ ...page, runs, median: m });
    }
  } finally {
    await lighthouse.close();
    await server.stop();
    await stopPg();
  }

  const at = new Date().toISOString();
  console.log(
    `\n${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}, ${RUNS} runs a page`,
  );
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/web-${at.slice(0, 19).replaceAll(':', '')}.json`;
  writeFileSync(
    file,
    `${JSON.stringify({ at, runsPerPage: RUNS, goals: GOALS, loadAverage: os.loadavg()[0], pages: results }, null, 2)}\n`,
  );
  console.log(`Results: ${file}`);

  const failed = results.flatMap((r) => misses(r.median).map((m) => `${r.name}: ${m}`));
  if (failed.length > 0) {
    console.error(`\nMissed the goals:\n  ${failed.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Both pages meet the goals.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
