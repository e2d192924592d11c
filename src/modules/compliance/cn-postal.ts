import { unprocessable } from '../../kernel/errors.ts';
import {
  allocate,
  divRoundHalfEven,
  type Money,
  money,
  ratio,
  sum,
  toJson,
  zero,
} from '../../money/index.ts';
import { formatCny } from './cn-limits.ts';
import { cnPostalRegime } from './cn-routes.ts';
import type { CalcContext, MarketResult, PreparedLine } from './market-result.ts';
import { lookup, requireRules, requireTables, rule } from './rules-data.ts';
import { majorToMinor } from './tax-math.ts';

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

requireTables('CN', ['postalCategory']);
requireRules([
  'CN.route.postal_articles',
  'CN.postal.dutiable_price',
  'CN.postal.parcel_limit',
  'CN.postal.single_item_over_limit',
  'CN.postal.small_tax_waiver',
]);

const cny = (decimal: string): Money => money(majorToMinor(decimal, 'CNY'), 'CNY');

/**
 * China, personal postal articles (行邮, reference §2). One order is one parcel. Each line is
 * taxed at its category's rate (13 / 20 / 50% from 2019-04-09) on its transaction price (the GACC
 * dutiable-price table is not in Heartland's data: provisional). The parcel's tax is the exact sum
 * over its lines, rounded once, half to even; CNY 50 or less is waived; otherwise it is shared
 * over the lines in proportion to their exact taxes, so the lines add up to it and how the goods
 * are spread over lines changes nothing. The tax replaces duty, VAT and consumption tax and is
 * reported as duty. A parcel worth more than CNY 1,000 is refused unless it holds one indivisible
 * item. No CBEC allowance, no Positive List.
 */
export function cnPostalLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  const limitRule = rule('CN.postal.parcel_limit', at);
  const waiverRule = rule('CN.postal.small_tax_waiver', at);
  const priceRule = rule('CN.postal.dutiable_price', at);
  const orderRules = [rule('CN.route.postal_articles', at), priceRule, limitRule, waiverRule];

  // The transaction price of the goods, freight excluded: the postal dutiable price is an item price.
  const parcel = sum(
    lines.map((l) => l.value),
    'CNY',
  );
  const limit = cny(limitRule.numbers.limit!);
  if (parcel.amount > limit.amount) {
    const oneItem = lines.length === 1 && lines[0]!.line.quantity === 1;
    if (!oneItem) {
      throw unprocessable(
        'compliance.cn_postal_parcel_limit_exceeded',
        `This parcel’s goods are worth ${formatCny(parcel)}, above the ${formatCny(limit)} China allows in one personal postal parcel from the US; only a single indivisible item may exceed it. Split the order into parcels of ${formatCny(limit)} or less, or send it by a cross-border e-commerce route.`,
        { value: toJson(parcel), limit: toJson(limit) },
      );
    }
    orderRules.push(rule('CN.postal.single_item_over_limit', at));
  }

  const taxed = lines.map((l) => {
    const category = lookup('CN', 'postalCategory', l.hs, at, l.line.unitPrice);
    return { l, category, rate: ratio(category.numbers.rate!) };
  });
  // Each line's exact tax in fen over one common denominator, then the parcel's, rounded once.
  const denominator = taxed.reduce((d, t) => lcm(d, t.rate.d), 1n);
  const exact = taxed.map((t) => t.l.value.amount * t.rate.n * (denominator / t.rate.d));
  const exactTotal = exact.reduce((a, b) => a + b, 0n);
  const parcelTax = divRoundHalfEven(exactTotal, denominator);
  const waived = parcelTax <= cny(waiverRule.numbers.limit!).amount;
  const shares =
    waived || parcelTax === 0n ? taxed.map(() => zero('CNY')) : allocate(money(parcelTax, 'CNY'), exact);
  return {
    regime: cnPostalRegime(waived),
    rules: orderRules,
    lines: taxed.map(({ l, category, rate }, i) => ({
      line: l.line,
      dutiableValue: l.value,
      duty: shares[i]!,
      importVat: zero('CNY'),
      consumptionTax: zero('CNY'),
      rules: waived ? [category, priceRule, waiverRule] : [category, priceRule],
      // The line's share of the parcel's tax, not its own rounding of value × rate.
      working: {
        duty: { amount: shares[i]!, base: l.value, rate, statutory: rate, withDuty: false, shared: true },
      },
    })),
  };
}
