import { type Ratio, ratio, ZERO_RATIO } from '../../money/index.ts';
import { cif, cifTotal, dutyThenVat, exempt, fobTotal } from './line-tax.ts';
import type { CalcContext, MarketResult, PreparedLine } from './market-result.ts';
import { type Rule, requireRules, rule, ruleIfInForce, ruleVersions } from './rules-data.ts';
import { atMost, atMostUsd } from './tax-math.ts';

/**
 * Landed cost in Vietnam, Thailand, Malaysia, the Philippines and Indonesia (reference §3). Every
 * rule is looked up for the order's date, so an order on either side of a change gets the rules
 * of its own day. Where the reference has a gap (no tariff tables, Thailand after 2025, Malaysia
 * above RM500), the data holds Heartland's choice as a rule marked "No": the result is provisional.
 */

requireRules([
  'VN.customs_value_cif',
  'VN.de_minimis',
  'VN.de_minimis_repealed',
  'VN.duty.no_tariff_data',
  'VN.vat.standard_10',
  'VN.vat.cut_8_not_applied',
  'TH.customs_value_cif',
  'TH.de_minimis',
  'TH.duty.low_value_waived',
  'TH.vat.low_value',
  'TH.duty.no_tariff_data',
  'TH.vat.standard_7',
  'MY.sales_tax.lvg',
  'MY.sales_tax.above_lvg',
  'MY.customs_value_cif',
  'MY.duty.no_tariff_data',
  'PH.de_minimis',
  'PH.same_day_consolidation',
  'PH.customs_value_cif',
  'PH.duty.no_tariff_data',
  'PH.vat.import_12',
  'ID.customs_value_cif',
  'ID.de_minimis',
  'ID.duty.ecommerce_flat',
  'ID.vat.import',
]);

// Indonesia's VAT base is a fraction (11/12) that no decimal holds: check its parts at start.
for (const v of ruleVersions('ID.vat.import')) {
  const { rate: r, baseNumerator: n, baseDenominator: d } = v.numbers;
  if (r === undefined || !/^\d+$/.test(n ?? '') || !/^[1-9]\d*$/.test(d ?? '')) {
    throw new Error(
      `trade rule ID.vat.import (from ${v.effectiveFrom}) needs rate and a whole-number base fraction`,
    );
  }
}

const rate = (r: Rule): Ratio => ratio(r.numbers.rate!);
const NO_DUTY = ZERO_RATIO;

/** Every line: duty at `duty`'s rate, then `vat`'s rate on (CIF + duty). */
function taxAll(lines: PreparedLine[], regime: string, rules: Rule[], duty: Rule, vat: Rule): MarketResult {
  return {
    regime,
    rules,
    lines: lines.map((l) => dutyThenVat(l, cif(l), rate(duty), rate(vat), [duty, vat])),
  };
}

/**
 * Vietnam: until 2025-02-18 an express parcel of at most VND 1,000,000 (CIF) is exempt; from then
 * every parcel pays duty (no data: 0) and VAT 10% on CIF + duty. The proposed 8% cut is not
 * applied (unconfirmed): it is named on the lines it would touch, so they are provisional.
 */
export function vnLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  const value = rule('VN.customs_value_cif', at);
  const exemption = ruleIfInForce('VN.de_minimis', at);
  if (exemption && atMost(cifTotal(lines, 'VND'), exemption.numbers.limit!)) {
    return {
      regime: 'VN_DE_MINIMIS',
      rules: [value, exemption],
      lines: lines.map((l) => exempt(l, cif(l), [exemption])),
    };
  }
  const duty = rule('VN.duty.no_tariff_data', at);
  const vat = rule('VN.vat.standard_10', at);
  const cut = ruleIfInForce('VN.vat.cut_8_not_applied', at);
  return {
    regime: 'VN_IMPORT_VAT',
    rules: [value, exemption ?? rule('VN.de_minimis_repealed', at)],
    lines: lines.map((l) =>
      dutyThenVat(l, cif(l), rate(duty), rate(vat), cut ? [duty, vat, cut] : [duty, vat]),
    ),
  };
}

/**
 * Thailand: before 2024-07-05 a parcel of at most THB 1,500 (CIF) is fully exempt. From then VAT
 * 7% is due on every parcel, with duty still waived up to THB 1,500; the measure's last known
 * version ends 2025-12-31 and is kept from 2026 as a separate, unverified version. Above
 * THB 1,500: duty (no data: 0) and VAT 7% on CIF + duty.
 */
export function thLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  const value = rule('TH.customs_value_cif', at);
  const total = cifTotal(lines, 'THB');
  const above = (threshold: Rule) =>
    taxAll(
      lines,
      'TH_IMPORT_VAT',
      [value, threshold],
      rule('TH.duty.no_tariff_data', at),
      rule('TH.vat.standard_7', at),
    );
  const exemption = ruleIfInForce('TH.de_minimis', at);
  if (exemption) {
    if (!atMost(total, exemption.numbers.limit!)) return above(exemption);
    return {
      regime: 'TH_DE_MINIMIS',
      rules: [value, exemption],
      lines: lines.map((l) => exempt(l, cif(l), [exemption])),
    };
  }
  const waiver = rule('TH.duty.low_value_waived', at);
  if (!atMost(total, waiver.numbers.limit!)) return above(waiver);
  return taxAll(lines, 'TH_LOW_VALUE_VAT', [value, waiver], waiver, rule('TH.vat.low_value', at));
}

/**
 * Malaysia (from 2024-01-01): goods priced at most RM500 are low-value goods, taxed 10% by the
 * seller on price plus delivery. Above RM500 the reference has no rule: Heartland charges 10% at
 * import on CIF + duty (no data: 0), marked unverified. Sales tax is reported as import VAT.
 */
export function myLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  const lvg = rule('MY.sales_tax.lvg', at);
  if (atMost(fobTotal(lines, 'MYR'), lvg.numbers.limit!)) {
    return {
      regime: 'MY_LVG_SALES_TAX',
      rules: [lvg],
      lines: lines.map((l) => dutyThenVat(l, cif(l), NO_DUTY, rate(lvg), [lvg])),
    };
  }
  return taxAll(
    lines,
    'MY_IMPORT_SALES_TAX',
    [lvg, rule('MY.customs_value_cif', at)],
    rule('MY.duty.no_tariff_data', at),
    rule('MY.sales_tax.above_lvg', at),
  );
}

/**
 * The Philippines: a parcel whose FOB value is at most PHP 10,000 pays no duty or VAT (from
 * 2025-05-07 same-day parcels to one recipient are consolidated, which Heartland cannot see:
 * flagged). Above: duty (no data: 0) and VAT 12% on CIF + duty.
 */
export function phLandedCost(lines: PreparedLine[], { at }: CalcContext): MarketResult {
  const deMinimis = rule('PH.de_minimis', at);
  if (atMost(fobTotal(lines, 'PHP'), deMinimis.numbers.limit!)) {
    const consolidation = ruleIfInForce('PH.same_day_consolidation', at);
    return {
      regime: 'PH_DE_MINIMIS',
      rules: consolidation ? [deMinimis, consolidation] : [deMinimis],
      lines: lines.map((l) => exempt(l, cif(l), [deMinimis])),
    };
  }
  return taxAll(
    lines,
    'PH_IMPORT_VAT',
    [deMinimis, rule('PH.customs_value_cif', at)],
    rule('PH.duty.no_tariff_data', at),
    rule('PH.vat.import_12', at),
  );
}

/**
 * Indonesia: a consignment whose FOB value is at most US$3 pays no duty; above, a flat 7.5% on
 * CIF. VAT is always due on CIF + duty: 11% until 2024, then 12% on a base of 11/12 (PMK
 * 131/2024), kept as an exact fraction so the tax is rounded once.
 */
export function idLandedCost(lines: PreparedLine[], { at, usdRate }: CalcContext): MarketResult {
  const value = rule('ID.customs_value_cif', at);
  const deMinimis = rule('ID.de_minimis', at);
  const vat = rule('ID.vat.import', at);
  const base: Ratio = { n: BigInt(vat.numbers.baseNumerator!), d: BigInt(vat.numbers.baseDenominator!) };
  if (atMostUsd(fobTotal(lines, 'IDR'), deMinimis.numbers.limitUsd!, usdRate)) {
    return {
      regime: 'ID_DE_MINIMIS',
      rules: [value, deMinimis],
      lines: lines.map((l) => dutyThenVat(l, cif(l), NO_DUTY, rate(vat), [deMinimis, vat], base)),
    };
  }
  const duty = rule('ID.duty.ecommerce_flat', at);
  return {
    regime: 'ID_ECOMMERCE_FLAT',
    rules: [value, deMinimis],
    lines: lines.map((l) => dutyThenVat(l, cif(l), rate(duty), rate(vat), [duty, vat], base)),
  };
}
