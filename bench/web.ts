import os from 'node:os';
import { sql } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../e2e/support/browser.ts';
import { pageJavaScriptBytes } from '../e2e/support/bundle.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import type { FlowCtx } from '../src/flows/context.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { ensureWebBuild } from '../src/web-build.ts';
import { freshBenchDatabase, percentile, startServer } from './lib.ts';

const RUNS = Number(process.env.RUNS ?? 7);

async function main() {
  await ensureWebBuild((l) => console.log(l));
  const js = pageJavaScriptBytes();
  const homeKb = js.home / 1024;
  const productKb = js.product / 1024;

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
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });

  const lcp = async (pagePath: string): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A new context each run: a first visit, nothing cached.
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      await page.goto(`${server.url}${pagePath}`, { waitUntil: 'networkidle' });
      const value = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1]!.startTime);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      out.push(value);
      await context.close();
    }
    return out.sort((a, b) => a - b);
  };
  const home = await lcp('/?market=CN&locale=zh-Hans');
  const product = await lcp(`/p/${rows[0]!.id}?market=CN&locale=zh-Hans`);
  await browser.close();
  await server.stop();
  await stopPg();

  const line = (name: string, kb: number, ms: number[]) =>
    `${name.padEnd(13)} JS ${kb.toFixed(1)} KB gzip   LCP p50 ${percentile(ms, 50).toFixed(0)} ms  max ${ms[ms.length - 1]!.toFixed(0)} ms (${RUNS} first visits)`;
  console.log(
    `\n${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(line('home page', homeKb, home));
  console.log(line('product page', productKb, product));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
