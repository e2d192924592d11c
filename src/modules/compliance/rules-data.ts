import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { invalid } from '../../kernel/errors.js';
import { MARKET_CODES, type MarketCode } from '../../kernel/locales.js';
import { CURRENCY_CODES, type CurrencyCode, type Money } from '../../money/index.js';
import { majorToMinor } from './tax-math.js';
import type { AppliedRule } from './types.js';

/** data/trade-rules at the repository root, found from this file rather than the working directory. */
export const RULES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/trade-rules',
);

const SCOPES = ['ALL', ...MARKET_CODES] as const;
const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

const RuleSchema = z
  .object({
    id: z
      .string()
      .max(80)
      .regex(/^(ALL|CN|HK|TW|JP|KR|SG)\.[a-z0-9_]+(\.[a-z0-9_]+)*$/),
    description: z.string().min(1).max(1000),
    numbers: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), z.string().regex(DECIMAL)),
    source: z.string().min(1).max(200),
    effectiveFrom: z.string().regex(/^(\d{4}(-\d{2}(-\d{2})?)?|long-standing|not stated)$/),
    verification: z.enum(['Yes', 'Yes (2°)', 'Partial', 'No']),
    verificationNote: z.string().min(1).max(1000).optional(),
  })
  .strict();

const TableSchema = z
  .object({
    default: z.string(),
    rationale: z.string().min(1).max(600),
    rows: z
      .array(
        z
          .object({
            hs: z.string().regex(/^\d{2,10}$/),
            rule: z.string(),
            rationale: z.string().min(1).max(400),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

const RulesFile = z
  .object({
    market: z.enum(SCOPES),
    currency: z.enum(CURRENCY_CODES).nullable(),
    about: z.string().max(2000),
    rules: z.array(RuleSchema).min(1).max(200),
    tables: z.record(z.string().regex(/^[a-zA-Z]+$/), TableSchema),
  })
  .strict()
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    for (const r of f.rules) {
      if (!r.id.startsWith(`${f.market}.`))
        ctx.addIssue({ code: 'custom', message: `rule ${r.id} is not in ${f.market}` });
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: `rule ${r.id} appears twice` });
      ids.add(r.id);
    }
    for (const [name, t] of Object.entries(f.tables)) {
      const seen = new Set<string>();
      for (const ref of [t.default, ...t.rows.map((r) => r.rule)]) {
        if (!ids.has(ref))
          ctx.addIssue({ code: 'custom', message: `table ${name} names unknown rule ${ref}` });
      }
      for (const row of t.rows) {
        if (seen.has(row.hs))
          ctx.addIssue({ code: 'custom', message: `table ${name} lists HS ${row.hs} twice` });
        seen.add(row.hs);
      }
    }
    if ((f.market === 'ALL') !== (f.currency === null)) {
      ctx.addIssue({ code: 'custom', message: 'a market file names its currency; the ALL file names none' });
    }
  });

export type Rule = z.infer<typeof RuleSchema>;
type RulesFileData = z.infer<typeof RulesFile>;
export type HsTable = z.infer<typeof TableSchema>;

function loadAll(): Map<string, RulesFileData> {
  const byScope = new Map<string, RulesFileData>();
  for (const file of readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const full = path.join(RULES_DIR, file);
    const parsed = RulesFile.safeParse(JSON.parse(readFileSync(full, 'utf8')));
    if (!parsed.success)
      throw new Error(`trade-rules file ${full} is invalid: ${z.prettifyError(parsed.error)}`);
    if (byScope.has(parsed.data.market))
      throw new Error(`trade rules for ${parsed.data.market} appear in two files`);
    byScope.set(parsed.data.market, parsed.data);
  }
  const missing = SCOPES.filter((s) => !byScope.has(s));
  if (missing.length > 0) throw new Error(`data/trade-rules has no file for ${missing.join(', ')}`);
  return byScope;
}

// Loaded and validated once, at import: a bad rules file stops the process at start.
const FILES = loadAll();
const RULES = new Map<string, Rule>();
for (const f of FILES.values()) for (const r of f.rules) RULES.set(r.id, r);

/** Every rule, in file order, with its scope. */
export function allRules(): { market: string; rule: Rule }[] {
  return [...FILES.values()].flatMap((f) => f.rules.map((rule) => ({ market: f.market, rule })));
}

/** Every HS table, by market and name. */
export function allTables(): { market: string; name: string; table: HsTable }[] {
  return [...FILES.values()].flatMap((f) =>
    Object.entries(f.tables).map(([name, table]) => ({ market: f.market, name, table })),
  );
}

export function marketCurrency(market: MarketCode): CurrencyCode {
  return FILES.get(market)!.currency!;
}

export function rule(id: string): Rule {
  const r = RULES.get(id);
  if (!r) throw new Error(`trade rule ${id} is not in data/trade-rules`);
  return r;
}

/** A decimal number a rule must carry; a missing one fails at import, where this is first called. */
export function ruleNumber(id: string, key: string): string {
  const n = rule(id).numbers[key];
  if (n === undefined) throw new Error(`trade rule ${id} has no number "${key}"`);
  return n;
}

function table(market: string, name: string): HsTable {
  const t = FILES.get(market)?.tables[name];
  if (!t) throw new Error(`data/trade-rules has no table ${name} for ${market}`);
  return t;
}

/** Fails at import when a market's file lacks a table its calculation needs. */
export function requireTables(market: MarketCode, names: string[]): void {
  for (const n of names) table(market, n);
}

/**
 * The rule for an HS code in a market's table: the row with the longest matching prefix, or the
 * table's default. A row whose rule sets `minUnitPrice` (a major-unit decimal in the market's
 * currency) applies only at or above it, e.g. China's high-end cosmetics.
 */
export function lookup(market: MarketCode, name: string, hsDigits: string, unitPrice?: Money): Rule {
  const t = table(market, name);
  let best: { hs: string; rule: string } | undefined;
  for (const row of t.rows) {
    if (hsDigits.startsWith(row.hs) && (!best || row.hs.length > best.hs.length)) best = row;
  }
  if (!best) return rule(t.default);
  const r = rule(best.rule);
  const min = r.numbers.minUnitPrice;
  if (min !== undefined && unitPrice && !atLeast(unitPrice, min)) return rule(t.default);
  return r;
}

function atLeast(m: Money, majorUnits: string): boolean {
  return m.amount >= majorToMinor(majorUnits, m.currency);
}

export function applied(r: Rule): AppliedRule {
  return { ruleId: r.id, description: r.description, source: r.source, effectiveFrom: r.effectiveFrom };
}

/** Normalises "1211.20.00" to "12112000"; anything but 4-10 digits (dots allowed) is refused. */
export function normaliseHs(hsCode: string): string {
  const digits = hsCode.replaceAll('.', '');
  if (hsCode.length > 14 || !/^\d{4,10}$/.test(digits)) {
    throw invalid(
      'compliance.invalid_hs_code',
      `"${hsCode.slice(0, 20)}" is not an HS code (4 to 10 digits).`,
      {
        hsCode: hsCode.slice(0, 20),
      },
    );
  }
  return digits;
}

/** Whether a rule is in force on a date: dated rules from their first day; undated ones always. */
export function inForce(r: Rule, at: Date): boolean {
  if (!/^\d{4}/.test(r.effectiveFrom)) return true;
  const [y, m = '01', d = '01'] = r.effectiveFrom.split('-');
  return at.getTime() >= Date.UTC(Number(y), Number(m) - 1, Number(d));
}
