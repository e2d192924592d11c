import type { Command } from 'commander';
import { impactJson, impactReport } from '../modules/impact/index.ts';
import type { Runtime } from '../runtime.ts';

type WithRuntime = (work: (rt: Runtime) => Promise<number | undefined>) => Promise<void>;
const log = (line: string) => process.stdout.write(`${line}\n`);

const usd = (cents: number) =>
  (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' }).padStart(16);
const pct = (share: string | null) => (share === null ? 'n/a' : `${(Number(share) * 100).toFixed(1)} %`);

/** `heartland impact [--json]`: the public impact report, as the web page and GET /api/v1/impact show it. */
export function registerImpactCommand(program: Command, withRuntime: WithRuntime): void {
  program
    .command('impact')
    .description('Businesses enabled, exports by state and market, jobs supported (the public impact report)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const r = impactJson(await impactReport(rt.ctx.db, rt.ctx.clock));
        if (opts.json) {
          log(JSON.stringify(r, null, 2));
          return 0;
        }
        log(`Heartland impact, ${r.asOf}`);
        log(
          `  businesses enabled   ${r.businessesEnabled} (${r.farms} farms, ${r.smallBusinesses} small businesses)`,
        );
        log(
          `  Midwest              ${r.midwestBusinesses} businesses (${pct(r.midwestBusinessShare)}), ${pct(r.midwestExportShare)} of exports`,
        );
        log(
          `  exported             ${usd(r.exports.amount).trim()} in ${r.ordersDelivered} delivered orders`,
        );
        log(
          `  jobs supported       ${r.jobsSupported} (${r.method.jobs.perBillionUsd} per $1 bn, ITA ${r.method.jobs.dataYear}, ${r.method.jobs.source.urls[0]})`,
        );
        log(
          `  goal                 ${r.goal.businesses.toLocaleString('en-US')} businesses: ${pct(r.goal.progress)} reached`,
        );
        log('\n  state  businesses  farms        exports');
        for (const s of r.byState) {
          log(
            `  ${s.state}     ${String(s.businesses).padStart(10)}  ${String(s.farms).padStart(5)} ${usd(s.exports.amount)}`,
          );
        }
        log('\n  market  orders        exports');
        for (const m of r.byMarket)
          log(`  ${m.market}      ${String(m.orders).padStart(6)} ${usd(m.exports.amount)}`);
        return 0;
      }),
    );
}
