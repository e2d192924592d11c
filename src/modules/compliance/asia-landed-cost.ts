import { add, divRoundHalfEven, type Money, sum, zero } from '../../money/index.js';
import type { LineResult, MarketResult, PreparedLine } from './market-result.js';
import { lookup, type Rule, requireTables, rule, ruleNumber } from './rules-data.js';
import { applyRatio, atMost, atMostUsd, majorToMinor, type Ratio, ratio } from './tax-math.js';

requireTables('HK', ['excise']);
requireTables('JP', ['consumptionTax']);
requireTables('KR', ['listClearance', 'vat']);

// Read at import so a rules file without these numbers fails at start.
const TW_LIMIT = ruleNumber('TW.de_minimis', 'limit');
const TW_DUTY = ratio(ruleNumber('TW.duty.no_tariff_data', 'rate'));
const TW_TAX = ratio(ruleNumber('TW.business_tax', 'rate'));
const JP_FACTOR = ratio(ruleNumber('JP.private_use_valuation', 'factor'));
const JP_LIMIT = ruleNumber('JP.de_minimis', 'limit');
const JP_DUTY = ratio(ruleNumber('JP.duty.no_tariff_data', 'rate'));
const KR_LIMIT_US = ruleNumber('KR.list_clearance.us_200', 'limitUsd');
const KR_LIMIT_FOOD = ruleNumber('KR.list_clearance.food_150', 'limitUsd');
const KR_DUTY = ratio(ruleNumber('KR.duty.no_tariff_data', 'rate'));
const SG_LIMIT = ruleNumber('SG.gst.lvg', 'limit');
const SG_LVG = ratio(ruleNumber('SG.gst.lvg', 'rate'));
const SG_IMPORT = ratio(ruleNumber('SG.gst.import', 'rate'));
const SG_DUTY = ratio(ruleNumber('SG.duty.none', 'rate'));

const cif = (l: PreparedLine): Money => add(l.value, l.line.freight);

/** A line that pays nothing because the whole parcel is under a threshold. */
function exempt(l: PreparedLine, dutiableValue: Money, rules: Rule[]): LineResult {
  const z = zero(dutiableValue.currency);
  return { line: l.line, dutiableValue, duty: z, importVat: z, consumptionTax: z, rules };
}

/** Duty at `dutyRate`, then a VAT-like tax on (value + duty). Each rounded once. */
function dutyThenVat(l: PreparedLine, value: Money, duty: Ratio, vat: Ratio, rules: Rule[]): LineResult {
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

/** Hong Kong: free port; only liquor above 30% ABV (HS 2208, assumed) pays 100% excise. */
export function hkLandedCost(lines: PreparedLine[]): MarketResult {
  return {
    regime: 'HK_FREE_PORT',
    rules: [rule('HK.free_port')],
    lines: lines.map((l) => {
      const r = lookup('HK', 'excise', l.hs);
      const value = cif(l);
      const z = zero(value.currency);
      return {
        line: l.line,
        dutiableValue: value,
        duty: applyRatio(value, ratio(r.numbers.rate!)),
        importVat: z,
        consumptionTax: z,
        rules: [r],
      };
    }),
  };
}

/** Taiwan: customs value (CIF) ≤ NT$2,000 exempt; above, duty (no data: 0) and 5% business tax. */
export function twLandedCost(lines: PreparedLine[]): MarketResult {
  const total = sum(lines.map(cif), 'TWD');
  const rules = [rule('TW.customs_value_cif'), rule('TW.de_minimis')];
  if (atMost(total, TW_LIMIT)) {
    return {
      regime: 'TW_DE_MINIMIS',
      rules,
      lines: lines.map((l) => exempt(l, cif(l), [rule('TW.de_minimis')])),
    };
  }
  const lineRules = [rule('TW.duty.no_tariff_data'), rule('TW.business_tax')];
  return {
    regime: 'TW_BUSINESS_TAX',
    rules,
    lines: lines.map((l) => dutyThenVat(l, cif(l), TW_DUTY, TW_TAX, lineRules)),
  };
}

/**
 * Japan: private-use value = 60% of the retail price + freight, kept exact (tenths of a yen)
 * until the tax is rounded. Total ≤ ¥10,000 exempt; above, consumption tax 10% or 8% (food).
 */
export function jpLandedCost(lines: PreparedLine[]): MarketResult {
  const exact = lines.map((l) => ({
    n: l.value.amount * JP_FACTOR.n + l.line.freight.amount * JP_FACTOR.d,
    d: JP_FACTOR.d,
  }));
  const shown = lines.map((l) => add(applyRatio(l.value, JP_FACTOR), l.line.freight));
  const totalN = exact.reduce((s, e) => s + e.n, 0n);
  const rules = [rule('JP.private_use_valuation'), rule('JP.de_minimis')];
  if (totalN <= majorToMinor(JP_LIMIT, 'JPY') * JP_FACTOR.d) {
    return {
      regime: 'JP_DE_MINIMIS',
      rules,
      lines: lines.map((l, i) => exempt(l, shown[i]!, [rule('JP.de_minimis')])),
    };
  }
  return {
    regime: 'JP_CONSUMPTION_TAX',
    rules,
    lines: lines.map((l, i) => {
      const e = exact[i]!;
      const ctRule = lookup('JP', 'consumptionTax', l.hs);
      const rate = ratio(ctRule.numbers.rate!);
      // Duty is 0 (no tariff data), so the tax base is the exact customs value itself.
      const duty = divRoundHalfEven(e.n * JP_DUTY.n, e.d * JP_DUTY.d);
      const tax = divRoundHalfEven((e.n + duty * e.d) * rate.n, e.d * rate.d);
      return {
        line: l.line,
        dutiableValue: shown[i]!,
        duty: { amount: duty, currency: 'JPY' },
        importVat: { amount: tax, currency: 'JPY' },
        consumptionTax: zero('JPY'),
        rules: [rule('JP.duty.no_tariff_data'), ctRule],
      };
    }),
  };
}

/**
 * Korea: list clearance when the goods' price (without international freight) is ≤ US$200, or
 * ≤ US$150 when any line is food, a supplement or a medicine (HS 01-24, 30). Above: duty (no
 * data: 0) and VAT 10% on CIF + duty, unprocessed foodstuffs exempt.
 */
export function krLandedCost(lines: PreparedLine[], usdRate: string): MarketResult {
  const price = sum(
    lines.map((l) => l.value),
    'KRW',
  );
  const food = lines.some((l) => lookup('KR', 'listClearance', l.hs).id === 'KR.list_clearance.food_150');
  const limitRule = rule(food ? 'KR.list_clearance.food_150' : 'KR.list_clearance.us_200');
  const rules = [limitRule, rule('KR.customs_value_cif')];
  if (atMostUsd(price, food ? KR_LIMIT_FOOD : KR_LIMIT_US, usdRate)) {
    return { regime: 'KR_LIST_CLEARANCE', rules, lines: lines.map((l) => exempt(l, cif(l), [limitRule])) };
  }
  return {
    regime: 'KR_GENERAL_IMPORT',
    rules,
    lines: lines.map((l) => {
      const vatRule = lookup('KR', 'vat', l.hs);
      return dutyThenVat(l, cif(l), KR_DUTY, ratio(vatRule.numbers.rate!), [
        rule('KR.duty.no_tariff_data'),
        vatRule,
      ]);
    }),
  };
}

/**
 * Singapore: GST 9% either way. Goods worth ≤ S$400 (price, without freight) are low-value goods
 * taxed by the vendor under OVR; above, GST is collected at import on CIF + duty.
 */
export function sgLandedCost(lines: PreparedLine[]): MarketResult {
  const price = sum(
    lines.map((l) => l.value),
    'SGD',
  );
  const lvg = atMost(price, SG_LIMIT);
  const gstRule = rule(lvg ? 'SG.gst.lvg' : 'SG.gst.import');
  return {
    regime: lvg ? 'SG_GST_LVG' : 'SG_GST_IMPORT',
    rules: [gstRule],
    lines: lines.map((l) =>
      dutyThenVat(l, cif(l), SG_DUTY, lvg ? SG_LVG : SG_IMPORT, [rule('SG.duty.none'), gstRule]),
    ),
  };
}
