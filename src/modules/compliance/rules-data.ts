import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { invalid, unprocessable } from '../../kernel/errors.ts';
import { MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import { CURRENCY_CODES, type CurrencyCode, type Money } from '../../money/index.ts';
import { majorToMinor } from './tax-math.ts';
import type { AppliedRule } from './types.ts';

/** data/trade-rules at the repository root, found from this file rather than the working directory. */
export const RULES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/trade-rules',
);

const SCOPES = ['ALL', ...MARKET_CODES] as const;
const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const SCOPE_PATTERN = new RegExp(`^(${SCOPES.join('|')})\\.[a-z0-9_]+(\\.[a-z0-9_]+)*$`);

/** Verification levels of the reference (trade-rules.md legend); the last two make a result provisional. */
export const VERIFICATION = ['Yes', 'Yes (2°)', 'Partial', 'No'] as const;
export type Verification = (typeof VERIFICATION)[number];

const LocalisedTitle = z
  .object({
    en: z.string().min(1).max(160),
    'zh-Hans': z.string().min(1).max(160),
    'zh-Hant': z.string().min(1).max(160),
    ja: z.string().min(1).max(160),
    ko: z.string().min(1).max(160),
  })
  .strict();

const RuleSchema = z
  .object({
    id: z.string().max(80).regex(SCOPE_PATTERN),
    /** A one-line name of the rule in every buyer language (the breakdown shows it). */
    title: LocalisedTitle.optional(),
    description: z.string().min(1).max(1000),
    numbers: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), z.string().regex(DECIMAL)),
    source: z.string().min(1).max(200),
    /** First day in force, in the market's own calendar (its `utcOffset`). Required: no undated rule. */
    effectiveFrom: z.string().regex(ISO_DATE),
    /** Why the date is what it is, when the reference gives none or only a month or year. */
    effectiveFromNote: z.string().min(1).max(400).optional(),
    /** First day no longer in force (exclusive), when a later version or repeal replaces it. */
    effectiveTo: z.string().regex(ISO_DATE).optional(),
    verification: z.enum(VERIFICATION),
    verificationNote: z.string().min(1).max(1000).optional(),
  })
  .strict()
  .refine((r) => r.effectiveTo === undefined || r.effectiveTo > r.effectiveFrom, {
    message: 'effectiveTo must be after effectiveFrom',
  });

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
      .max(2000),
  })
  .strict();

const RulesFile = z
  .object({
    market: z.enum(SCOPES),
    currency: z.enum(CURRENCY_CODES).nullable(),
    /** The market's clock for effective dates (e.g. "+08:00"); null for rules that apply everywhere (UTC). */
    utcOffset: z
      .string()
      .regex(/^[+-](0\d|1[0-4]):(00|30|45)$/)
      .nullable(),
    about: z.string().max(2000),
    rules: z.array(RuleSchema).min(1).max(400),
    tables: z.record(z.string().regex(/^[a-zA-Z]+$/), TableSchema),
  })
  .strict()
  .superRefine((f, ctx) => {
    const versions = new Map<string, { from: string; to: string }[]>();
    for (const r of f.rules) {
      if (!r.id.startsWith(`${f.market}.`))
        ctx.addIssue({ code: 'custom', message: `rule ${r.id} is not in ${f.market}` });
      const window = { from: r.effectiveFrom, to: r.effectiveTo ?? '9999-12-31' };
      const prior = versions.get(r.id) ?? [];
      for (const p of prior) {
        if (window.from < p.to && p.from < window.to)
          ctx.addIssue({ code: 'custom', message: `rule ${r.id} has two versions in force on one day` });
      }
      versions.set(r.id, [...prior, window]);
    }
    for (const [name, t] of Object.entries(f.tables)) {
      const seen = new Set<string>();
      for (const ref of [t.default, ...t.rows.map((r) => r.rule)]) {
        if (!versions.has(ref))
          ctx.addIssue({ code: 'custom', message: `table ${name} names unknown rule ${ref}` });
      }
      for (const row of t.rows) {
        if (seen.has(row.hs))
          ctx.addIssue({ code: 'custom', message: `table ${name} lists HS ${row.hs} twice` });
        seen.add(row.hs);
      }
    }
    if ((f.market === 'ALL') !== (f.currency === null) || (f.market === 'ALL') !== (f.utcOffset === null)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a market file names its currency and utcOffset; the ALL file names neither',
      });
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
/** Every version of every rule, by id, oldest first. */
const VERSIONS = new Map<string, Rule[]>();
for (const f of FILES.values())
  for (const r of f.rules) VERSIONS.set(r.id, [...(VERSIONS.get(r.id) ?? []), r]);
for (const v of VERSIONS.values()) v.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

/** Every rule version, in file order, with its scope. */
export function allRules(): { market: string; rule: Rule }[] {
  return [...FILES.values()].flatMap((f) => f.rules.map((rule) => ({ market: f.market, rule })));
}

/** Every HS table, by market and name. */
export function allTables(): { market: string; name: string; table: HsTable }[] {
  return [...FILES.values()].flatMap((f) =>
    Object.entries(f.tables).map(([name, table]) => ({ market: f.market, name, table })),
  );
}

/** The calendar date (YYYY-MM-DD) of an instant in a scope's own clock: effective dates are local. */
export function localDate(scope: string, at: Date): string {
  const offset = FILES.get(scope)?.utcOffset;
  let ms = at.getTime();
  if (offset) {
    const sign = offset.startsWith('-') ? -1 : 1;
    const [h, m] = offset.slice(1).split(':').map(Number);
    ms += sign * (h! * 60 + m!) * 60_000;
  }
  return new Date(ms).toISOString().slice(0, 10);
}

const scopeOf = (id: string): string => id.slice(0, id.indexOf('.'));

/** Whether a rule version is in force on a date (the date read in the rule's market clock). */
export function inForce(r: Rule, at: Date): boolean {
  const day = localDate(scopeOf(r.id), at);
  return r.effectiveFrom <= day && (r.effectiveTo === undefined || day < r.effectiveTo);
}

/** Whether results resting on this rule are provisional: the reference marks it Partial or unverified. */
export function isProvisional(r: Rule): boolean {
  return r.verification === 'Partial' || r.verification === 'No';
}

/** Every version of a rule, oldest first. Unknown ids fail loudly: they are programming errors. */
export function ruleVersions(id: string): Rule[] {
  const v = VERSIONS.get(id);
  if (!v) throw new Error(`trade rule ${id} is not in data/trade-rules`);
  return v;
}

/** Fails at import when the data lacks a rule the code needs. */
export function requireRules(ids: string[]): void {
  for (const id of ids) ruleVersions(id);
}

/**
 * The version of a rule in force at `at`. None in force (before the first version, or after a
 * repeal) → `compliance.rule_not_in_force` (422): Heartland does not guess a rule for a date.
 */
export function rule(id: string, at: Date): Rule {
  const r = ruleVersions(id).find((v) => inForce(v, at));
  if (!r) {
    throw unprocessable(
      'compliance.rule_not_in_force',
      `Rule ${id} is not in force on ${localDate(scopeOf(id), at)}.`,
      {
        ruleId: id,
        versions: ruleVersions(id).map((v) => ({
          effectiveFrom: v.effectiveFrom,
          effectiveTo: v.effectiveTo ?? null,
        })),
      },
    );
  }
  return r;
}

/** The version in force at `at`, or undefined when none is (for rules that may lapse, e.g. a repealed exemption). */
export function ruleIfInForce(id: string, at: Date): Rule | undefined {
  return ruleVersions(id).find((v) => inForce(v, at));
}

/** A decimal number the version of a rule in force at `at` carries. */
export function ruleNumber(id: string, key: string, at: Date): string {
  const r = rule(id, at);
  const n = r.numbers[key];
  if (n === undefined) throw new Error(`trade rule ${id} (from ${r.effectiveFrom}) has no number "${key}"`);
  return n;
}

/** The rule versions of one market (and the ALL scope) in force on a date, in file order. */
export function rulesInForce(market: MarketCode, at: Date): Rule[] {
  return [FILES.get('ALL')!, FILES.get(market)!].flatMap((f) => f.rules.filter((r) => inForce(r, at)));
}

export function marketCurrency(market: MarketCode): CurrencyCode {
  return FILES.get(market)!.currency!;
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
export function lookup(
  market: MarketCode,
  name: string,
  hsDigits: string,
  at: Date,
  unitPrice?: Money,
): Rule {
  const t = table(market, name);
  let best: { hs: string; rule: string } | undefined;
  for (const row of t.rows) {
    if (hsDigits.startsWith(row.hs) && (!best || row.hs.length > best.hs.length)) best = row;
  }
  if (!best) return rule(t.default, at);
  const r = rule(best.rule, at);
  const min = r.numbers.minUnitPrice;
  if (min !== undefined && unitPrice && !atLeast(unitPrice, min)) return rule(t.default, at);
  return r;
}

function atLeast(m: Money, majorUnits: string): boolean {
  return m.amount >= majorToMinor(majorUnits, m.currency);
}

export function applied(r: Rule): AppliedRule {
  return {
    ruleId: r.id,
    description: r.description,
    source: r.source,
    effectiveFrom: r.effectiveFrom,
    ...(r.effectiveTo ? { effectiveTo: r.effectiveTo } : {}),
    verification: r.verification,
    provisional: isProvisional(r),
    ...(r.title ? { title: r.title } : {}),
  };
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
