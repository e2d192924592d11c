import { invalid } from '../../kernel/errors.ts';
import { add, applyRatio, mulRatio, ratio, roundRatio, zero } from '../../money/index.ts';
import { cif, cifTotal, dutyThenVat, exempt, fobTotal, taxOn } from './line-tax.ts';
import type { CalcContext, LineResult, MarketResult, PreparedLine } from './market-result.ts';
import {
  localDate,
  lookup,
  type Rule,
  requireRules,
  requireTables,
  rule,
  ruleIfInForce,
  ruleNumber,
} from './rules-data.ts';
import { atMost, atMostUsd, majorToMinor } from './tax-math.ts';
import type { BuyerHistory } from './types.ts';

requireTables('HK', ['excise']);
requireTables('JP', ['consumptionTax']);
requireTables('KR', ['listClearance', 'vat']);

requireRules([
  'TW.de_minimis',
  'TW.frequent_importer',
  'TW.frequent_importer.history_unknown',
  'TW.de_minimis.trq_not_listed',
  'TW.duty.no_tariff_data',
  'TW.business_tax',
  'TW.customs_value_cif',
  'JP.private_use_valuation',
  'JP.de_minimis',
  'JP.mail_order_exemption_abolished',
  'JP.duty.no_tariff_data',
  'KR.list_clearance.us_200',
  'KR.list_clearance.food_150',
  'KR.duty.no_tariff_data',
  'KR.customs_value_cif',
  'SG.gst.relief_400',
  'SG.gst.lvg',
  'SG.gst.import',
  'SG.duty.none',
  'HK.free_port',
]);

/** Hong Kong: free port; only liquor above 30% ABV (HS 2208, assumed) pays 100% excise. */
export function hkLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  return {
    regime: 'HK_FREE_PORT',
    rules: [rule('HK.free_port', at)],
    lines: lines.map((l) => {
      const r = lookup('HK', 'excise', l.hs, at);
      const value = cif(l);
      const z = zero(value.currency);
      const duty = taxOn(value, ratio(r.numbers.rate!));
      return {
        line: l.line,
        dutiableValue: value,
        duty: duty.amount,
        importVat: z,
        consumptionTax: z,
        rules: [r],
        working: { duty },
      };
    }),
  };
}

const MAX_IMPORT_COUNT = 100_000;

/** The buyer's earlier Taiwan imports this half-year, validated; undefined when the caller did not say. */
function twImportCount(history: BuyerHistory): number | undefined {
  const n = history.twImportsThisHalfYear;
  if (n === undefined) return undefined;
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_IMPORT_COUNT) {
    throw invalid(
      'compliance.invalid_buyer_history',
      `twImportsThisHalfYear must be a whole number from 0 to ${MAX_IMPORT_COUNT}.`,
      { field: 'twImportsThisHalfYear' },
    );
  }
  return n;
}

/**
 * The half-year (January-June or July-December, Taiwan time) in which an order at `at` counts for
 * Taiwan's frequent-importer rule, as instants [from, to). The checkout counts the buyer's earlier
 * Taiwan parcels in it and passes the count as `buyerHistory.twImportsThisHalfYear`.
 *
 * @example twHalfYear(new Date('2026-06-30T16:00:00Z')) // 1 July in Taiwan: { from: 2026-06-30T16:00Z, to: 2026-12-31T16:00Z }
 */
export function twHalfYear(at: Date): { from: Date; to: Date } {
  const [year, month] = localDate('TW', at).split('-').map(Number) as [number, number];
  const start = (y: number, m: number) => new Date(`${y}-${m === 1 ? '01' : '07'}-01T00:00:00+08:00`);
  return month <= 6
    ? { from: start(year, 1), to: start(year, 7) }
    : { from: start(year, 7), to: start(year + 1, 1) };
}

// HS chapters 01-24: farm and food goods, where a tariff-rate-quota line may hide (TW.de_minimis.trq_not_listed).
const isFarmOrFood = (hs: string): boolean => Number(hs.slice(0, 2)) <= 24;

/**
 * Taiwan: customs value (CIF) at most NT$2,000 (NT$3,000 before 2018) is exempt, unless this is the
 * buyer's 7th or later import of the half-year; above, duty (no data: 0) and 5% business tax.
 */
export function twLandedCost(lines: PreparedLine[], { at, history }: CalcContext): MarketResult {
  const deMinimis = rule('TW.de_minimis', at);
  const rules = [rule('TW.customs_value_cif', at), deMinimis];
  const count = twImportCount(history);
  if (atMost(cifTotal(lines, 'TWD'), deMinimis.numbers.limit!)) {
    const frequency = rule('TW.frequent_importer', at);
    const exemptImports = Number(frequency.numbers.exemptImportsPerHalfYear!);
    if (count === undefined || count < exemptImports) {
      // A missing count is taken as 0 (no surprise for a first-time buyer), but flagged provisional.
      const unknown = count === undefined ? [rule('TW.frequent_importer.history_unknown', at)] : [];
      const trq = rule('TW.de_minimis.trq_not_listed', at);
      return {
        regime: 'TW_DE_MINIMIS',
        rules: [...rules, frequency, ...unknown],
        lines: lines.map((l) => exempt(l, cif(l), isFarmOrFood(l.hs) ? [deMinimis, trq] : [deMinimis])),
      };
    }
    return twTaxed(lines, at, 'TW_FREQUENT_IMPORTER', [...rules, frequency]);
  }
  return twTaxed(lines, at, 'TW_BUSINESS_TAX', rules);
}

function twTaxed(lines: PreparedLine[], at: Date, regime: string, rules: Rule[]): MarketResult {
  const duty = rule('TW.duty.no_tariff_data', at);
  const tax = rule('TW.business_tax', at);
  return {
    regime,
    rules,
    lines: lines.map((l) =>
      dutyThenVat(l, cif(l), ratio(duty.numbers.rate!), ratio(tax.numbers.rate!), [duty, tax]),
    ),
  };
}

/**
 * Japan: private-use value = 60% of the retail price + freight, kept exact (tenths of a yen)
 * until the tax is rounded. Total ≤ ¥10,000 exempt until the exemption ends for cross-border
 * mail order (2028-04-01, provisional); above, consumption tax 10% or 8% (food).
 */
export function jpLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  const JP_FACTOR = ratio(ruleNumber('JP.private_use_valuation', 'factor', at));
  const JP_DUTY = ratio(ruleNumber('JP.duty.no_tariff_data', 'rate', at));
  const exemption = ruleIfInForce('JP.de_minimis', at);
  const exact = lines.map((l) => ({
    n: l.value.amount * JP_FACTOR.n + l.line.freight.amount * JP_FACTOR.d,
    d: JP_FACTOR.d,
  }));
  const shown = lines.map((l) => add(applyRatio(l.value, JP_FACTOR), l.line.freight));
  const totalN = exact.reduce((s, e) => s + e.n, 0n);
  const rules = [
    rule('JP.private_use_valuation', at),
    exemption ?? rule('JP.mail_order_exemption_abolished', at),
  ];
  if (exemption && totalN <= majorToMinor(exemption.numbers.limit!, 'JPY') * JP_FACTOR.d) {
    return {
      regime: 'JP_DE_MINIMIS',
      rules,
      lines: lines.map((l, i) => exempt(l, shown[i]!, [exemption], { valuationFactor: JP_FACTOR })),
    };
  }
  return {
    regime: 'JP_CONSUMPTION_TAX',
    rules,
    lines: lines.map((l, i): LineResult => {
      const e = exact[i]!;
      const ctRule = lookup('JP', 'consumptionTax', l.hs, at);
      const rate = ratio(ctRule.numbers.rate!);
      // Duty is 0 (no tariff data), so the tax base is the exact customs value itself.
      const duty = roundRatio(mulRatio(e, JP_DUTY));
      const taxBase = { n: e.n + duty * e.d, d: e.d };
      const tax = roundRatio(mulRatio(taxBase, rate));
      const dutyMoney = { amount: duty, currency: 'JPY' as const };
      const taxMoney = { amount: tax, currency: 'JPY' as const };
      return {
        line: l.line,
        dutiableValue: shown[i]!,
        duty: dutyMoney,
        importVat: taxMoney,
        consumptionTax: zero('JPY'),
        rules: [rule('JP.duty.no_tariff_data', at), ctRule],
        working: {
          valuationFactor: JP_FACTOR,
          duty: {
            amount: dutyMoney,
            base: shown[i]!,
            baseExact: e,
            rate: JP_DUTY,
            statutory: JP_DUTY,
            withDuty: false,
          },
          importVat: {
            amount: taxMoney,
            base: add(shown[i]!, dutyMoney),
            baseExact: taxBase,
            rate,
            statutory: rate,
            withDuty: duty !== 0n,
          },
        },
      };
    }),
  };
}

/**
 * Korea: list clearance when the goods' price (without international freight) is ≤ US$200, or
 * ≤ US$150 when any line is food, a supplement or a medicine (HS 01-24, 30). Above: duty (no
 * data: 0) and VAT 10% on CIF + duty, unprocessed foodstuffs exempt.
 */
export function krLandedCost(lines: PreparedLine[], { usdRate, at }: CalcContext): MarketResult {
  const KR_LIMIT_US = ruleNumber('KR.list_clearance.us_200', 'limitUsd', at);
  const KR_LIMIT_FOOD = ruleNumber('KR.list_clearance.food_150', 'limitUsd', at);
  const KR_DUTY = ratio(ruleNumber('KR.duty.no_tariff_data', 'rate', at));
  const food = lines.some((l) => lookup('KR', 'listClearance', l.hs, at).id === 'KR.list_clearance.food_150');
  const limitRule = rule(food ? 'KR.list_clearance.food_150' : 'KR.list_clearance.us_200', at);
  const rules = [limitRule, rule('KR.customs_value_cif', at)];
  if (atMostUsd(fobTotal(lines, 'KRW'), food ? KR_LIMIT_FOOD : KR_LIMIT_US, usdRate)) {
    return { regime: 'KR_LIST_CLEARANCE', rules, lines: lines.map((l) => exempt(l, cif(l), [limitRule])) };
  }
  return {
    regime: 'KR_GENERAL_IMPORT',
    rules,
    lines: lines.map((l) => {
      const vatRule = lookup('KR', 'vat', l.hs, at);
      return dutyThenVat(l, cif(l), KR_DUTY, ratio(vatRule.numbers.rate!), [
        rule('KR.duty.no_tariff_data', at),
        vatRule,
      ]);
    }),
  };
}

/**
 * Singapore. From 2023: GST either way; goods worth ≤ S$400 (price, without freight) are
 * low-value goods taxed by the vendor under OVR; above, GST is collected at import on CIF + duty.
 * Before 2023 there was no LVG regime: goods ≤ S$400 (CIF) were relieved of GST at import.
 * The rate is 7% before 2023, 8% in 2023 and 9% from 2024.
 */
export function sgLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  const duty = rule('SG.duty.none', at);
  const lvg = ruleIfInForce('SG.gst.lvg', at);
  if (lvg && atMost(fobTotal(lines, 'SGD'), lvg.numbers.limit!)) {
    return sgTaxed(lines, 'SG_GST_LVG', lvg, duty);
  }
  if (!lvg) {
    const relief = rule('SG.gst.relief_400', at);
    if (atMost(cifTotal(lines, 'SGD'), relief.numbers.limit!)) {
      return {
        regime: 'SG_LOW_VALUE_RELIEF',
        rules: [relief],
        lines: lines.map((l) => exempt(l, cif(l), [relief])),
      };
    }
  }
  return sgTaxed(lines, 'SG_GST_IMPORT', rule('SG.gst.import', at), duty);
}

function sgTaxed(lines: PreparedLine[], regime: string, gst: Rule, duty: Rule): MarketResult {
  return {
    regime,
    rules: [gst],
    lines: lines.map((l) =>
      dutyThenVat(l, cif(l), ratio(duty.numbers.rate!), ratio(gst.numbers.rate!), [duty, gst]),
    ),
  };
}
