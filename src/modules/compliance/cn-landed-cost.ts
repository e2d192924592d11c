import { unprocessable } from '../../kernel/errors.js';
import { add, type Money, money, sum, toJson } from '../../money/index.js';
import type { MarketResult, PreparedLine } from './market-result.js';
import { lookup, requireTables, rule, ruleNumber } from './rules-data.js';
import { applyRatio, div, majorToMinor, mul, ONE, ratio, sub } from './tax-math.js';

requireTables('CN', ['vat', 'consumptionTax']);

/** China's CBEC single-transaction limit, CNY 5,000 (reference §1a, C1, C2, C3, C5). */
export const CN_SINGLE_LIMIT: Money = money(
  majorToMinor(ruleNumber('CN.cbec.single_limit', 'limit'), 'CNY'),
  'CNY',
);
/** China's CBEC annual limit per person, CNY 26,000 (reference §1a, C1-C5). */
export const CN_ANNUAL_LIMIT: Money = money(
  majorToMinor(ruleNumber('CN.cbec.annual_limit', 'limit'), 'CNY'),
  'CNY',
);

// Read at import so a rules file without these numbers fails at start.
const CBEC_FACTOR = ratio(ruleNumber('CN.cbec.tax_factor', 'factor'));
const FULL_FACTOR = ratio(ruleNumber('CN.cbec.single_item_over_limit', 'factor'));
const CBEC_DUTY = ratio(ruleNumber('CN.cbec.duty_zero', 'rate'));
const FULL_DUTY = ratio(ruleNumber('CN.general.duty_no_mfn_data', 'rate'));

/**
 * China, CBEC retail import (9610). Dutiable value = price + freight (+ insurance, none).
 * Within CNY 5,000: duty 0, VAT and CT at 70% of statutory. Above it, one indivisible item is
 * taxed in full; more than one item is refused.
 */
export function cnLandedCost(lines: PreparedLine[]): MarketResult {
  const dutiable = lines.map((l) => add(l.value, l.line.freight));
  const total = sum(dutiable, 'CNY');
  const items = lines.reduce((n, l) => n + l.line.quantity, 0);
  let full = false;
  if (total.amount > CN_SINGLE_LIMIT.amount) {
    if (items > 1) {
      throw unprocessable(
        'compliance.cn_single_limit_exceeded',
        'The order is above China’s CNY 5,000 cross-border single-transaction limit; split it into smaller orders.',
        { dutiableValue: toJson(total), limit: toJson(CN_SINGLE_LIMIT) },
      );
    }
    full = true;
  }
  const factor = full ? FULL_FACTOR : CBEC_FACTOR;
  const factorRule = rule(full ? 'CN.cbec.single_item_over_limit' : 'CN.cbec.tax_factor');
  const dutyRule = rule(full ? 'CN.general.duty_no_mfn_data' : 'CN.cbec.duty_zero');
  return {
    regime: full ? 'CN_CBEC_9610_FULL_RATE' : 'CN_CBEC_9610',
    rules: [rule('CN.cbec.dutiable_value'), rule('CN.cbec.single_limit'), rule('CN.cbec.annual_limit')],
    lines: lines.map((l, i) => {
      const value = dutiable[i]!;
      const vatRule = lookup('CN', 'vat', l.hs);
      const ctRule = lookup('CN', 'consumptionTax', l.hs, l.line.unitPrice);
      const vat = ratio(vatRule.numbers.rate!);
      const ct = ratio(ctRule.numbers.rate!);
      // Import VAT = value × VAT / (1 − CT) × f; CT = value × CT / (1 − CT) × f (C7).
      const oneMinusCt = sub(ONE, ct);
      return {
        line: l.line,
        dutiableValue: value,
        duty: applyRatio(value, full ? FULL_DUTY : CBEC_DUTY),
        importVat: applyRatio(value, div(mul(vat, factor), oneMinusCt)),
        consumptionTax: applyRatio(value, div(mul(ct, factor), oneMinusCt)),
        rules: [dutyRule, vatRule, ctRule, factorRule],
      };
    }),
  };
}
