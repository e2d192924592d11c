/**
 * The storefront's weight and speed: the JavaScript (gzip) the home page and a product page load,
 * and Largest Contentful Paint of each in Debian's Chromium on a phone-sized screen against the
 * local server with the demo marketplace. Issue 5 asks for under 200 KB and under 1.5 s.
 * Run: npm run bench:web (RUNS=7 by default).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../e2e/support/browser.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import type { FlowCtx } from '../src/flows/context.js';
import { seedDemo } from '../src/flows/seed-demo.js';
import { WEB_DIST } from '../src/http/web-app.js';
import { systemClock } from '../src/kernel/clock.js';
import { ensureWebBuild } from '../src/web-build.js';
import { freshBenchDatabase, percentile, startServer } from './lib.js';

const RUNS = Number(process.env.RUNS ?? 7);

type Manifest = Record<
  string,
  { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean }
>;

/** gzip bytes of a chunk and every chunk it imports statically (what the browser fetches for it). */
function jsBytes(manifest: Manifest, keys: string[]): number {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
  };
  for (const k of keys) visit(k);
  return [...seen].reduce(
    (sum, k) => sum + gzipSync(readFileSync(path.join(WEB_DIST, manifest[k]!.file)), { level: 9 }).length,
    0,
  );
}

async function main() {
  await ensureWebBuild((l) => console.log(l));
  const manifest = JSON.parse(readFileSync(path.join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const productChunk = Object.keys(manifest).find((k) => k.endsWith('pages/product.tsx'))!;
  const homeKb = jsBytes(manifest, [entry]) / 1024;
  const productKb = jsBytes(manifest, [entry, productChunk]) / 1024;

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
