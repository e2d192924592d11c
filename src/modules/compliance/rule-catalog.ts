import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { invalid, notFound } from '../../kernel/errors.ts';
import { MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import { allRules, applied, localDate, RULES_DIR, type Rule, ruleVersions } from './rules-data.ts';
import type { AppliedRule } from './types.ts';

/**
 * The rule catalogue: every source the rules cite (reference §10, kept as data in
 * data/trade-rules/sources/sources.json), one rule described as of a date, and the rules in force
 * for a market on a day. It lives outside data/trade-rules/*.json because that folder's top-level
 * files are all read as rules files.
 */
export const SOURCES_FILE = path.join(RULES_DIR, 'sources', 'sources.json');

/** A source id of the reference: C1, V10, P4, A-KR7, U12, G21, M3, X6, N16. */
const SOURCE_ID = /\b(?:A-[A-Z]{2}\d{1,2}|[CVPUGMXN]\d{1,2})\b/g;

const SourceSchema = z
  .object({
    id: z.string().regex(/^(?:A-[A-Z]{2}\d{1,2}|[CVPUGMXN]\d{1,2})$/),
    group: z.string().min(1).max(80),
    title: z.string().min(1).max(400),
    urls: z.array(z.url({ protocol: /^https?$/ }).max(400)).max(5),
    text: z.string().min(1).max(1000),
  })
  .strict();
const SourcesFile = z
  .object({ about: z.string().max(1000), sources: z.array(SourceSchema).min(1).max(500) })
  .strict();

export type SourceEntry = z.infer<typeof SourceSchema>;

/** The source ids a rule's free-text `source` cites, in order, each once ("C1, C2; reference §9 (gap)" → C1, C2). */
export function sourceIdsOf(sourceText: string): string[] {
  return [...new Set(sourceText.match(SOURCE_ID) ?? [])];
}

/**
 * Checks a sources list and the rules against it: ids unique, and every id a rule cites listed.
 * Returns the problems (empty when sound); the catalogue throws on any at start.
 */
export function sourceProblems(sources: readonly SourceEntry[], rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const s of sources) {
    if (ids.has(s.id)) problems.push(`source ${s.id} is listed twice`);
    ids.add(s.id);
  }
  for (const r of rules) {
    for (const id of sourceIdsOf(r.source)) {
      if (!ids.has(id)) problems.push(`rule ${r.id} (from ${r.effectiveFrom}) cites unknown source ${id}`);
    }
  }
  return problems;
}

/** Parses and checks a sources file against the rules; throws naming every problem. */
export function loadSources(json: unknown, rules: readonly Rule[], file = SOURCES_FILE): SourceEntry[] {
  const parsed = SourcesFile.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is invalid: ${z.prettifyError(parsed.error)}`);
  const problems = sourceProblems(parsed.data.sources, rules);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return parsed.data.sources;
}

// Loaded and checked once, at import: a rule citing an unknown source stops the process at start.
const SOURCES = new Map(
  loadSources(
    JSON.parse(readFileSync(SOURCES_FILE, 'utf8')),
    allRules().map((r) => r.rule),
  ).map((s) => [s.id, s]),
);

export function allSources(): SourceEntry[] {
  return [...SOURCES.values()];
}

export function getSource(id: string): SourceEntry | undefined {
  return SOURCES.get(id);
}

/**
 * What an amount a rule sets is, read from its id (`<scope>.<topic>.<name>`). The breakdown uses it
 * to name the rule behind each amount. Japan's consumption tax is VAT-like (the engine books it as
 * import VAT); China's 消费税 is an excise, booked as consumption tax; Hong Kong's excise is booked
 * as duty.
 */
export type RuleRole =
  | 'duty'
  | 'importVat'
  | 'consumptionTax'
  | 'factor'
  | 'valuation'
  | 'exemption'
  | 'limit'
  | 'eligibility'
  | 'other';

const ROLE_PATTERNS: [RegExp, RuleRole][] = [
  [/^[A-Z]+\.eligibility\./, 'eligibility'],
  // A repealed or abolished exemption is a fact about the past, not a reason nothing is charged.
  [/repealed|abolished/, 'other'],
  [/^ALL\.service\.no_import_tax$/, 'exemption'],
  [/(^|\.)(de_minimis|list_clearance|free_port)(\.|_|$)|_waiver$/, 'exemption'],
  // China's postal-articles tax replaces duty, VAT and consumption tax and is booked as duty.
  [/(^|\.|_)(duty|tariff)(\.|_|$)|^HK\.excise\.|^CN\.postal\.category_/, 'duty'],
  [/^JP\.ct\./, 'importVat'],
  [/^CN\.ct\./, 'consumptionTax'],
  [/\.(vat|gst|business_tax|sales_tax)(\.|$)/, 'importVat'],
  [/valuation|customs_value|dutiable_(value|price)/, 'valuation'],
];

export function ruleRole(r: Pick<Rule, 'id' | 'numbers'>): RuleRole {
  for (const [re, role] of ROLE_PATTERNS) if (re.test(r.id)) return role;
  // A factor scales the taxes (China's 70%, or 1 for an item taxed in full); a limit only bounds.
  if (r.numbers.factor !== undefined) return 'factor';
  if (r.numbers.limit !== undefined || r.numbers.limitUsd !== undefined) return 'limit';
  return 'other';
}

/** One rule version as the catalogue shows it: the applied form plus its numbers, notes and full sources. */
export interface RuleDescription extends AppliedRule {
  /** ALL or a market code. */
  scope: string;
  numbers: Record<string, string>;
  effectiveFromNote?: string;
  verificationNote?: string;
  role: RuleRole;
  sourceIds: string[];
  sources: SourceEntry[];
  /** True when no version was in force at the date asked, so the latest version is described instead. */
  notInForce: boolean;
}

const scopeOf = (id: string) => id.slice(0, id.indexOf('.'));

function describe(r: Rule, notInForce: boolean): RuleDescription {
  const sourceIds = sourceIdsOf(r.source);
  return {
    ...applied(r),
    scope: scopeOf(r.id),
    numbers: r.numbers,
    ...(r.effectiveFromNote ? { effectiveFromNote: r.effectiveFromNote } : {}),
    ...(r.verificationNote ? { verificationNote: r.verificationNote } : {}),
    role: ruleRole(r),
    sourceIds,
    sources: sourceIds.map((id) => SOURCES.get(id)!),
    notInForce,
  };
}

const RULE_IDS = new Set(allRules().map((r) => r.rule.id));

/** Whether a trade rule with this id exists (quotes also carry FX and shipping references, which are not). */
export function hasRule(ruleId: string): boolean {
  return RULE_IDS.has(ruleId);
}

const inForceOn = (r: Rule, day: string) =>
  r.effectiveFrom <= day && (r.effectiveTo === undefined || day < r.effectiveTo);

/**
 * A rule as it stood at `at`: the version in force then (or the version that starts on
 * `effectiveFrom`, when the caller recorded which one it used). When none is in force the latest
 * version is described, flagged `notInForce`, so an old quote can still say which rule it cited.
 *
 * @example describeRule('CN.cbec.single_limit', new Date('2026-12-02')).numbers.limit // '5000.00'
 */
export function describeRule(ruleId: string, at: Date, effectiveFrom?: string): RuleDescription {
  if (!hasRule(ruleId))
    throw notFound('compliance.unknown_rule', `There is no trade rule ${ruleId.slice(0, 80)}.`);
  const versions = ruleVersions(ruleId);
  const pinned = effectiveFrom && versions.find((v) => v.effectiveFrom === effectiveFrom.slice(0, 10));
  if (pinned) return describe(pinned, !inForceOn(pinned, localDate(scopeOf(ruleId), at)));
  const day = localDate(scopeOf(ruleId), at);
  const current = versions.find((v) => inForceOn(v, day));
  return current ? describe(current, false) : describe(versions[versions.length - 1]!, true);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not); anything else is `compliance.invalid_date`. */
export function parseRuleDate(text: string): string {
  const m = ISO_DATE.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== text || Number(m[1]) < 1900) {
    throw invalid('compliance.invalid_date', `"${text.slice(0, 20)}" is not a date (YYYY-MM-DD).`);
  }
  return text;
}

/**
 * The rules in force for a market (with the rules for every market) on a day, in file order. `on`
 * is either a calendar day, read in each rule's own market calendar, or an instant. `market` null
 * lists every market.
 */
export function listRulesInForce(market: MarketCode | null, on: Date | string): RuleDescription[] {
  if (market !== null && !(MARKET_CODES as readonly string[]).includes(market)) {
    throw invalid('compliance.unknown_market', `There is no market ${String(market).slice(0, 8)}.`, {
      markets: MARKET_CODES,
    });
  }
  const day = typeof on === 'string' ? parseRuleDate(on) : null;
  return allRules()
    .filter(({ market: scope }) => market === null || scope === 'ALL' || scope === market)
    .filter(({ market: scope, rule: r }) => inForceOn(r, day ?? localDate(scope, on as Date)))
    .map(({ rule: r }) => describe(r, false));
}
