import { type DomainError, unprocessable } from '../../kernel/errors.ts';
import { type Money, money, toJson } from '../../money/index.ts';
import { localDate, type Rule, requireRules, rule, ruleNumber } from './rules-data.ts';
import { majorToMinor } from './tax-math.ts';

/** China's cross-border (CBEC) limits: the single-purchase limit and the annual allowance (§1a). */

requireRules(['CN.cbec.single_limit', 'CN.cbec.annual_limit', 'CN.cbec.single_item_over_limit']);

/**
 * The calendar year an order counts in for China's annual limit: the year in China (the CN
 * file's UTC+8, no daylight saving), so an order at 2026-12-31T20:00Z counts in 2027.
 */
export function cnAllowanceYear(at: Date): number {
  return Number(localDate('CN', at).slice(0, 4));
}

/** China's CBEC single-transaction limit in force at `at`: CNY 2,000 from 2016-04-08, CNY 5,000 from 2019. */
export function cnSingleLimit(at: Date): Money {
  return money(majorToMinor(ruleNumber('CN.cbec.single_limit', 'limit', at), 'CNY'), 'CNY');
}

/** China's CBEC annual limit per person at `at`: CNY 20,000 from 2016-04-08, CNY 26,000 from 2019. */
export function cnAnnualLimit(at: Date): Money {
  return money(majorToMinor(ruleNumber('CN.cbec.annual_limit', 'limit', at), 'CNY'), 'CNY');
}

/** "CNY 26,000.00": the way a buyer reads an amount in a message. */
export function formatCny(m: Money): string {
  const neg = m.amount < 0n;
  const abs = neg ? -m.amount : m.amount;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fen = (abs % 100n).toString().padStart(2, '0');
  return `CNY ${neg ? '-' : ''}${yuan}.${fen}`;
}

/**
 * The refusal when an order would pass the annual allowance, worded for the buyer: what the order
 * needs, what is left, and why Heartland cannot take it (C1, C3: past the allowance is general
 * trade). Shared by the pure landed cost and the database reservation, so both say the same.
 */
export function annualLimitRefusal(p: {
  needed: Money;
  remaining: Money;
  limit: Money;
  year: number;
}): DomainError {
  const remaining = p.remaining.amount > 0n ? p.remaining : money(0n, 'CNY');
  const allowance = `${formatCny(p.limit)} cross-border allowance for ${p.year}`;
  const left =
    remaining.amount >= p.limit.amount
      ? `, more than your whole ${allowance}`
      : remaining.amount === 0n
        ? ` but none of your ${allowance} is left`
        : ` but only ${formatCny(remaining)} of your ${allowance} is left`;
  return unprocessable(
    'compliance.cn_annual_limit_exceeded',
    `This order’s dutiable value is ${formatCny(p.needed)}${left}. China requires a purchase past the allowance to be imported as general trade, which Heartland’s consumer checkout does not offer.`,
    {
      remaining: toJson(remaining),
      needed: toJson(p.needed),
      limit: toJson(p.limit),
      year: p.year,
    },
  );
}

/**
 * Checks one CBEC order against the limits in force at `at`, before any tax is computed:
 * - dutiable value above the single limit: one indivisible item (quantity 1 in total) is taxed
 *   in full; more than one item is refused (`compliance.cn_single_limit_exceeded`);
 * - the buyer's year-to-date dutiable value plus this order above the annual limit: refused
 *   (`compliance.cn_annual_limit_exceeded`); reaching it exactly is allowed.
 * The full-rate item counts against the allowance too (C1, C2, C3).
 */
export function checkCnCbecLimits(input: {
  dutiableValue: Money;
  items: number;
  at: Date;
  usedThisYear?: Money;
}): { fullRate: boolean; rules: Rule[] } {
  const { dutiableValue, items, at } = input;
  const single = cnSingleLimit(at);
  const annual = cnAnnualLimit(at);
  let fullRate = false;
  if (dutiableValue.amount > single.amount) {
    if (items > 1) {
      throw unprocessable(
        'compliance.cn_single_limit_exceeded',
        `This order’s dutiable value is ${formatCny(dutiableValue)}, above China’s ${formatCny(single)} limit for one cross-border purchase. Only a single indivisible item may exceed it (taxed in full); split the order into smaller orders.`,
        { dutiableValue: toJson(dutiableValue), limit: toJson(single) },
      );
    }
    fullRate = true;
  }
  const used = input.usedThisYear?.amount ?? 0n;
  const remaining = money(annual.amount > used ? annual.amount - used : 0n, 'CNY');
  if (dutiableValue.amount > remaining.amount) {
    throw annualLimitRefusal({
      needed: dutiableValue,
      remaining,
      limit: annual,
      year: cnAllowanceYear(at),
    });
  }
  const rules = [rule('CN.cbec.single_limit', at), rule('CN.cbec.annual_limit', at)];
  if (fullRate) rules.push(rule('CN.cbec.single_item_over_limit', at));
  return { fullRate, rules };
}
