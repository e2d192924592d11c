import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM } from '../e2e/support/browser.ts';

/** What one Lighthouse run says about a page (mobile preset: simulated slow 4G, 4× CPU slowdown). */
export interface LighthouseRun {
  performance: number;
  accessibility: number;
  seo: number;
  /** Milliseconds. */
  lcp: number;
  cls: number;
  /** Total blocking time, milliseconds. */
  tbt: number;
  fcp: number;
  /**
   * Lighthouse's measure of this machine's CPU speed during the run. Its 4× CPU slowdown assumes a
   * desktop of 1500–2000; a busy shared machine scores far lower, and TBT and the score suffer.
   */
  benchmarkIndex: number;
  /** The opportunities Lighthouse still lists, with what each would save (bytes or ms). */
  opportunities: { id: string; savingsMs: number; savingsBytes: number }[];
}

export interface Lighthouse {
  run(url: string): Promise<LighthouseRun>;
  close(): Promise<void>;
}

const OPPORTUNITIES = [
  'modern-image-formats',
  'uses-responsive-images',
  'offscreen-images',
  'unused-javascript',
  'render-blocking-resources',
  'uses-text-compression',
  'prioritize-lcp-image',
  'lcp-lazy-loaded',
  'uses-long-cache-ttl',
  'unsized-images',
];

/**
 * Opens Debian's Chromium once for a series of Lighthouse runs. Each run starts from a clean
 * profile state (Lighthouse clears the cache and storage before it loads the page).
 */
export async function openLighthouse(): Promise<Lighthouse> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    logLevel: 'silent',
  });
  // LIGHTHOUSE_REPORTS=<dir> keeps every run's full report (JSON), to see what Lighthouse saw.
  const reports = process.env.LIGHTHOUSE_REPORTS;
  // LIGHTHOUSE_CPU_SLOWDOWN=<n> replaces the preset's 4× (Lighthouse's documented calibration for a
  // slower host); the default is the mobile preset as it is.
  const cpuSlowdown = process.env.LIGHTHOUSE_CPU_SLOWDOWN
    ? Number(process.env.LIGHTHOUSE_CPU_SLOWDOWN)
    : undefined;
  let n = 0;
  return {
    async run(url) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'seo'],
        ...(cpuSlowdown ? { throttling: { cpuSlowdownMultiplier: cpuSlowdown } } : {}),
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (reports) {
        mkdirSync(reports, { recursive: true });
        const name = `${String(++n).padStart(2, '0')}-${new URL(url).pathname.split('/')[1] || 'home'}.json`;
        writeFileSync(path.join(reports, name), JSON.stringify(lhr));
      }
      if (lhr.runtimeError)
        throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
      const numeric = (a: string) => lhr.audits[a]?.numericValue ?? Number.NaN;
      return {
        performance: score('performance'),
        accessibility: score('accessibility'),
        seo: score('seo'),
        lcp: numeric('largest-contentful-paint'),
        cls: numeric('cumulative-layout-shift'),
        tbt: numeric('total-blocking-time'),
        fcp: numeric('first-contentful-paint'),
        benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
        opportunities: OPPORTUNITIES.flatMap((id) => {
          const audit = lhr.audits[id];
          // Only audits that failed (score below 1) are still opportunities.
          if (!audit || audit.score === null || audit.score >= 0.9) return [];
          const details = audit.details as
            | { overallSavingsMs?: number; overallSavingsBytes?: number }
            | undefined;
          return [
            {
              id,
              savingsMs: Math.round(details?.overallSavingsMs ?? 0),
              savingsBytes: Math.round(details?.overallSavingsBytes ?? 0),
            },
          ];
        }),
      };
    },
    async close() {
      chrome.kill();
    },
  };
}
