import {
  add,
  applyRatio,
  type CurrencyCode,
  type Money,
  mulRatio,
  type Ratio,
  sum,
  zero,
} from '../../money/index.ts';
import type { LineResult, PreparedLine } from './market-result.ts';
import type { Rule } from './rules-data.ts';
import type { TaxWorking } from './types.ts';

/** Building blocks shared by the per-market calculations of asia-landed-cost.ts and sea-landed-cost.ts. */

/** A line's CIF value: its goods' price plus its share of international freight (no insurance is sold). */
export const cif = (l: PreparedLine): Money => add(l.value, l.line.freight);

/** The parcel's CIF value. */
export const cifTotal = (lines: PreparedLine[], currency: CurrencyCode): Money =>
  sum(lines.map(cif), currency);

/** The parcel's FOB value: the goods' price without international freight. */
export const fobTotal = (lines: PreparedLine[], currency: CurrencyCode): Money =>
  sum(
    lines.map((l) => l.value),
    currency,
  );

/** A tax at `rate` on `base`, rounded once, half to even, with its working. */
export function taxOn(
  base: Money,
  rate: Ratio,
  more: Partial<Omit<TaxWorking, 'amount' | 'base' | 'rate'>> = {},
): TaxWorking {
  return { amount: applyRatio(base, rate), base, rate, statutory: rate, withDuty: false, ...more };
}

/** A line that pays nothing because the whole parcel is under a threshold. */
export function exempt(
  l: PreparedLine,
  dutiableValue: Money,
  rules: Rule[],
  working: LineResult['working'] = {},
): LineResult {
  const z = zero(dutiableValue.currency);
  return { line: l.line, dutiableValue, duty: z, importVat: z, consumptionTax: z, rules, working };
}

/**
 * Duty at `duty`, then a VAT-like tax at `vat` on (value + duty); `vatBase`, when given, is the
 * share of that base the VAT applies to (Indonesia's 11/12). Each rounded once, half to even.
 */
export function dutyThenVat(
  l: PreparedLine,
  value: Money,
  duty: Ratio,
  vat: Ratio,
  rules: Rule[],
  vatBase?: Ratio,
): LineResult {
  const d = taxOn(value, duty);
  const v = taxOn(add(value, d.amount), vatBase ? mulRatio(vat, vatBase) : vat, {
    statutory: vat,
    withDuty: d.amount.amount !== 0n,
    ...(vatBase ? { baseFraction: vatBase } : {}),
  });
  return {
    line: l.line,
    dutiableValue: value,
    duty: d.amount,
    importVat: v.amount,
    consumptionTax: zero(value.currency),
    rules,
    working: { duty: d, importVat: v },
  };
}
