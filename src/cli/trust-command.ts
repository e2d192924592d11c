import type { Command } from 'commander';
import { expireAuthorizations } from '../flows/trust/brands/brand-authorization.ts';
import { processNoticeTimers } from '../flows/trust/notices/notice-timers.ts';
import { trustFigures } from '../modules/trust/index.ts';
import type { Runtime } from '../runtime.ts';

type WithRuntime = (work: (rt: Runtime) => Promise<number | undefined>) => Promise<void>;
const log = (line: string) => process.stdout.write(`${line}\n`);
const DAY_MS = 86_400_000;

/**
 * `heartland trust figures [--from --to]`: the figures Heartland publishes about removals (what the
 * impact report shows), and `heartland trust timers`: the counter-notice and authorization timers
 * the server runs every minute, run once now.
 */
export function registerTrustCommand(program: Command, withRuntime: WithRuntime): void {
  const trust = program
    .command('trust')
    .description('Counterfeit-free by design: takedowns and their figures');
  trust
    .command('figures')
    .description('Share of removals that were proactive, median time to takedown, notices upheld')
    .option('--from <date>', 'first day (UTC), default a year before --to')
    .option('--to <date>', 'the day after the last (UTC), default now')
    .option('--json', 'print JSON')
    .action((opts: { from?: string; to?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const to = opts.to ? new Date(`${opts.to}T00:00:00Z`) : rt.ctx.clock.now();
        const from = opts.from ? new Date(`${opts.from}T00:00:00Z`) : new Date(to.getTime() - 365 * DAY_MS);
        if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
          process.stderr.write('heartland: --from and --to are dates (YYYY-MM-DD), --from before --to\n');
          return 2;
        }
        const f = await trustFigures(rt.ctx.db, { from, to });
        if (opts.json) {
          log(JSON.stringify(f, null, 2));
          return 0;
        }
        const pct = (share: string | null) =>
          share === null ? 'n/a' : `${(Number(share) * 100).toFixed(1)} %`;
        log(`Trust figures ${f.from.slice(0, 10)} to ${f.to.slice(0, 10)}`);
        log(
          `  listings removed        ${f.removals.total} (${f.removals.proactive} proactive, ${f.removals.onNotice} on a notice)`,
        );
        log(`  proactive share         ${pct(f.removals.proactiveShare)}`);
        log(
          `  median time to takedown ${f.medianMinutesToTakedown ?? 'n/a'} min over ${f.takedownsMeasured} takedowns`,
        );
        log(
          `  notices upheld          ${f.noticesUpheld.upheld} of ${f.noticesUpheld.decided} (${pct(f.noticesUpheld.share)})`,
        );
        return 0;
      }),
    );
  trust
    .command('timers')
    .description(
      'Reinstate listings whose counter-notice went unanswered, finalize uncontested takedowns, end expired brand authorizations',
    )
    .action(() =>
      withRuntime(async (rt) => {
        const notices = await processNoticeTimers(rt.ctx);
        const authorizations = await expireAuthorizations(rt.ctx);
        log(
          `reinstated ${notices.reinstated.length}, removals final ${notices.removed.length}, authorizations ended ${authorizations.expired.length} (listings hidden ${authorizations.hidden.length}), failed ${notices.failed.length}`,
        );
        for (const f of notices.failed) log(`  ${f.noticeId} ${f.productId}: ${f.error}`);
        return notices.failed.length ? 1 : 0;
      }),
    );
}
