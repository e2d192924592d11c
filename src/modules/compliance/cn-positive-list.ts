import { type DomainError, invalid, unprocessable } from '../../kernel/errors.ts';
import { cnAllowanceYear } from './cn-limits.ts';
import type { CnCbecRoute } from './cn-routes.ts';
import {
  allRules,
  lookup,
  normaliseHs,
  type Rule,
  requireRules,
  requireTables,
  rule,
  ruleIfInForce,
} from './rules-data.ts';

/**
 * China's CBEC Positive List (reference §1d) as Heartland holds it: the `positiveList` table of
 * data/trade-rules/cn.json, whose rows point to one rule per kind of entry (listed; 1210 only; a
 * per-person quantity cap). Every entry is unverified against the list text, so every result
 * resting on it is provisional.
 */

requireTables('CN', ['positiveList']);
const NOT_LISTED = 'CN.positive_list.not_listed';
const BONDED_ONLY = 'CN.positive_list.listed_1210_only';
const FOOD_REGISTRATION = 'CN.cbec.food_registration_open';
requireRules(['CN.positive_list.required', NOT_LISTED, BONDED_ONLY, FOOD_REGISTRATION]);

export interface PositiveListEntry {
  /** The entry's rule (listed, 1210 only, a cap, or not listed). */
  rule: Rule;
  /** Why the route cannot take the good, when it cannot. */
  refusal?: { code: string; message: string };
  /** The per-person yearly cap the entry carries, in grams. */
  capGrams?: number;
}

/** The Positive List entry for an HS code on a CBEC route at `at`, and whether the route may take it. */
export function positiveListEntry(hsCode: string, route: CnCbecRoute, at: Date): PositiveListEntry {
  const hs = normaliseHs(hsCode);
  const r = lookup('CN', 'positiveList', hs, at);
  if (r.id === NOT_LISTED) {
    return {
      rule: r,
      refusal: {
        code: 'compliance.not_on_positive_list',
        message: `HS ${hsCode} is not on China’s cross-border Positive List as Heartland holds it, so it cannot be sold through cross-border e-commerce (9610 or 1210). It may still be sent as a personal postal article.`,
      },
    };
  }
  if (r.id === BONDED_ONLY && route !== 'CN_CBEC_1210') {
    return {
      rule: r,
      refusal: {
        code: 'compliance.positive_list_route_restricted',
        message: `HS ${hsCode} is on China’s cross-border Positive List for bonded import (1210) only: it must be sold from stock in a Chinese bonded zone, not sent from the US as a direct purchase (9610).`,
      },
    };
  }
  const max = r.numbers.maxGrams;
  return max === undefined ? { rule: r } : { rule: r, capGrams: Number(max) };
}

/**
 * The open question on food facility registration (reference §9 items 3, 4) when it touches a
 * good on a CBEC route: food, HS chapters 1 to 24 (the rule's numbers).
 */
export function foodRegistrationQuestion(hsCode: string, at: Date): Rule | undefined {
  const r = ruleIfInForce(FOOD_REGISTRATION, at);
  if (!r) return undefined;
  const chapter = Number(normaliseHs(hsCode).slice(0, 2));
  return chapter >= Number(r.numbers.hsChapterFrom) && chapter <= Number(r.numbers.hsChapterTo)
    ? r
    : undefined;
}

const MAX_GRAMS = 100_000_000; // 100 t: far above any parcel, below any overflow

/**
 * Grams of each capped good in an order, by cap id (the cap rule's id). A line on a capped entry
 * must carry its net weight (`weightGrams`, all units): without it the cap cannot be checked → 400.
 *
 * @example cnQuantityCapUsage({ lines: [{ lineRef: '1', hsCode: '1701.99', weightGrams: 1500 }], at })
 *   // { 'CN.positive_list.cap_sugar': 1500 }
 */
export function cnQuantityCapUsage(input: {
  lines: { lineRef: string; hsCode: string; weightGrams?: number }[];
  at: Date;
}): Record<string, number> {
  const usage: Record<string, number> = {};
  for (const l of input.lines) {
    const entry = lookup('CN', 'positiveList', normaliseHs(l.hsCode), input.at);
    if (entry.numbers.maxGrams === undefined) continue;
    const g = l.weightGrams;
    if (g === undefined || !Number.isSafeInteger(g) || g < 1 || g > MAX_GRAMS) {
      throw invalid(
        'compliance.weight_required',
        `Line ${String(l.lineRef).slice(0, 100)} (HS ${String(l.hsCode).slice(0, 20)}) is under a China quantity cap: give its net weight in grams (weightGrams, 1 to ${MAX_GRAMS}).`,
        { lineRef: String(l.lineRef).slice(0, 100), ruleId: entry.id },
      );
    }
    usage[entry.id] = (usage[entry.id] ?? 0) + g;
  }
  return usage;
}

/** Grams as kilograms, exactly: 1500 → "1.5". */
export function kg(grams: number): string {
  const whole = Math.trunc(grams / 1000);
  const rest = String(grams % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}

/** The cap's one-line name, for messages. */
function capName(cap: Rule): string {
  return cap.title?.en ?? cap.id;
}

/** Every quantity cap the data defines: Positive List rules that carry `maxGrams`. */
const CAP_IDS = new Set(
  allRules()
    .filter(({ rule: r }) => r.id.startsWith('CN.positive_list.') && r.numbers.maxGrams !== undefined)
    .map(({ rule: r }) => r.id),
);

/** Whether an id names a China quantity cap. */
export const isQuantityCapId = (id: unknown): boolean => typeof id === 'string' && CAP_IDS.has(id);

/**
 * The cap's limit in grams at `at` (the version in force). Unknown ids → 400
 * `compliance.unknown_quantity_cap`; a cap not in force then → 422 `compliance.rule_not_in_force`.
 */
export function capLimitGrams(capId: string, at: Date): { rule: Rule; grams: number } {
  if (!isQuantityCapId(capId)) {
    throw invalid(
      'compliance.unknown_quantity_cap',
      `${String(capId).slice(0, 80)} is not a China quantity cap.`,
    );
  }
  const r = rule(capId, at);
  return { rule: r, grams: Number(r.numbers.maxGrams) };
}

/**
 * The refusal when an order would pass a per-person quantity cap, with the cap, what the buyer
 * has used and what is left, in kilograms. Shared by the landed cost and the reservation.
 */
export function quantityCapRefusal(p: {
  cap: Rule;
  capGrams: number;
  usedGrams: number;
  neededGrams: number;
  year: number;
}): DomainError {
  const left = Math.max(0, p.capGrams - p.usedGrams);
  return unprocessable(
    'compliance.cn_quantity_cap_exceeded',
    `${capName(p.cap)}. This order holds ${kg(p.neededGrams)} kg, but you have bought ${kg(Math.min(p.usedGrams, p.capGrams))} kg through cross-border purchase in ${p.year} and only ${kg(left)} kg of the ${kg(p.capGrams)} kg is left.`,
    {
      capId: p.cap.id,
      year: p.year,
      capKg: kg(p.capGrams),
      usedKg: kg(p.usedGrams),
      leftKg: kg(left),
      neededKg: kg(p.neededGrams),
    },
  );
}

/**
 * Refuses an order whose capped goods, added to what the buyer bought this year, pass a cap
 * (`compliance.cn_quantity_cap_exceeded`); reaching a cap exactly is allowed. Returns the caps'
 * rules.
 */
export function checkQuantityCaps(
  usage: Record<string, number>,
  usedThisYear: Record<string, number> | undefined,
  at: Date,
): Rule[] {
  const rules: Rule[] = [];
  for (const [capId, needed] of Object.entries(usage)) {
    const { rule: cap, grams } = capLimitGrams(capId, at);
    const used = usedThisYear?.[capId] ?? 0;
    if (used + needed > grams) {
      throw quantityCapRefusal({
        cap,
        capGrams: grams,
        usedGrams: used,
        neededGrams: needed,
        year: cnAllowanceYear(at),
      });
    }
    rules.push(cap);
  }
  return rules;
}
