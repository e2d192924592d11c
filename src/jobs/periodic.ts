import type { FlowCtx } from '../flows/context.ts';
import { releaseDueOrders } from '../flows/orders/release-due-orders.ts';
import { expireAuthorizations } from '../flows/trust/brands/brand-authorization.ts';
import { processNoticeTimers } from '../flows/trust/notices/notice-timers.ts';
import { sealLedger } from '../modules/ledger/index.ts';

/** What one run of a periodic job did: how many items it handled, and each one it could not. */
export interface JobRun {
  done: number;
  failed: { item: string; error: string }[];
}

/**
 * A piece of periodic work that must run once per period across every Heartland process.
 * `cron` (minute resolution) becomes a pg-boss schedule; `everySeconds` (finer than a minute) is
 * sent by each process's ticker as a throttled job, one per period across all of them.
 */
export interface PeriodicJob {
  queue: string;
  description: string;
  cadence: { cron: string } | { everySeconds: number };
  run(ctx: FlowCtx): Promise<JobRun>;
  /** Overrides of the retry policy (tests fail fast). */
  retryLimit?: number;
}

/** The seal job seals batch after batch until the ledger is caught up, within one run. */
const MAX_SEALS_PER_RUN = 50;

export const PERIODIC_JOBS: readonly PeriodicJob[] = [
  {
    queue: 'escrow-release',
    description: 'Release the escrow of orders whose confirmation window has ended',
    cadence: { cron: '* * * * *' },
    async run(ctx) {
      const r = await releaseDueOrders(ctx);
      return {
        done: r.released.length,
        failed: r.failed.map((f) => ({ item: f.orderId, error: f.error })),
      };
    },
  },
  {
    queue: 'notice-timers',
    description: 'Counter-notice windows: reinstate unanswered ones, close uncontested takedowns',
    cadence: { cron: '* * * * *' },
    async run(ctx) {
      const r = await processNoticeTimers(ctx);
      return {
        done: r.reinstated.length + r.removed.length,
        failed: r.failed.map((f) => ({ item: `${f.noticeId}/${f.productId}`, error: f.error })),
      };
    },
  },
  {
    queue: 'brand-authorization-expiry',
    description: 'Hide listings whose brand authorization has expired',
    cadence: { cron: '* * * * *' },
    async run(ctx) {
      const r = await expireAuthorizations(ctx);
      return { done: r.expired.length, failed: [] };
    },
  },
  {
    queue: 'ledger-seal',
    description: 'Seal new ledger entries into Merkle batches chained to the previous seal',
    cadence: { everySeconds: 5 },
    async run(ctx) {
      let done = 0;
      for (let i = 0; i < MAX_SEALS_PER_RUN; i++) {
        const seal = await sealLedger(ctx.db, ctx.clock);
        if (!seal) break;
        done += seal.entries;
      }
      return { done, failed: [] };
    },
  },
];

export const cadenceText = (job: Pick<PeriodicJob, 'cadence'>): string =>
  'cron' in job.cadence
    ? job.cadence.cron === '* * * * *'
      ? 'every minute'
      : `cron ${job.cadence.cron}`
    : `every ${job.cadence.everySeconds} s`;
