import { add, type CurrencyCode, type Money, sum, zero } from '../../money/index.ts';
import type { LineResult, PreparedLine } from './market-result.ts';
import type { Rule } from './rules-data.ts';
import { applyRatio, type Ratio } from './tax-math.ts';

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

/** A line that pays nothing because the whole parcel is under a threshold. */
export function exempt(l: PreparedLine, dutiableValue: Money, rules: Rule[]): LineResult {
  const z = zero(dutiableValue.currency);
  return { line: l.line, dutiableValue, duty: z, importVat: z, consumptionTax: z, rules };
}

/** Duty at `duty`, then a VAT-like tax at `vat` on (value + duty). Each rounded once, half to even. */
export function dutyThenVat(
  l: PreparedLine,
  value: Money,
  duty: Ratio,
  vat: Ratio,
  rules: Rule[],
): LineResult {
  const d = applyRatio(value, duty);
  return {
    line: l.line,
    dutiableValue: value,
    duty: d,
    importVat: applyRatio(add(value, d), vat),
    consumptionTax: zero(value.currency),
    rules,
  };
}
