import { unprocessable } from '../../kernel/errors.ts';
import {
  add,
  addRatio,
  divRatio,
  mulRatio,
  oneMinus,
  type Ratio,
  ratio,
  sum,
  ZERO_RATIO,
} from '../../money/index.ts';
import { checkCnCbecLimits } from './cn-limits.ts';
import { checkQuantityCaps, cnQuantityCapUsage, positiveListEntry } from './cn-positive-list.ts';
import { cnPostalLandedCost } from './cn-postal.ts';
import { type CnCbecRoute, cnCbecRegime, cnRouteRuleId, isCnCbecRoute } from './cn-routes.ts';
import { taxOn } from './line-tax.ts';
import type { CalcContext, MarketResult, PreparedLine } from './market-result.ts';
import { lookup, type Rule, requireRules, requireTables, rule, ruleIfInForce } from './rules-data.ts';

export { cnAnnualLimit, cnSingleLimit } from './cn-limits.ts';

requireTables('CN', ['vat', 'consumptionTax']);

requireRules([
  'CN.cbec.tax_factor',
  'CN.cbec.duty_zero',
  'CN.cbec.us_additional_tariff_open',
  'CN.general.duty_no_mfn_data',
  'CN.cbec.dutiable_value',
  'CN.positive_list.required',
]);

/**
 * China: the route decides the calculation. Personal postal articles → cn-postal.ts; the two
 * cross-border e-commerce routes (9610 direct purchase, 1210 bonded) share one set of limits and
 * one formula and differ only in the Positive List's trade-mode remarks.
 */
export function cnLandedCost(lines: PreparedLine[], ctx: CalcContext): MarketResult {
  if (ctx.route === 'CN_POSTAL') return cnPostalLandedCost(lines, ctx);
  if (!isCnCbecRoute(ctx.route)) throw new Error(`route ${ctx.route} reached the China calculation`);
  return cnCbecLandedCost(lines, ctx, ctx.route);
}

/**
 * China, CBEC retail import. Dutiable value = price + freight (+ insurance, none). In order:
 * the limits (single purchase, then the annual allowance with the buyer's year to date), the
 * Positive List for the route, the per-person quantity caps, then the taxes. Within the single
 * limit: duty 0 (+ the US additional tariff if the data sets it), VAT and CT at 70% of statutory.
 * Above it, one indivisible item is taxed in full.
 */
function cnCbecLandedCost(lines: PreparedLine[], ctx: CalcContext, route: CnCbecRoute): MarketResult {
  const { at, history } = ctx;
  const dutiable = lines.map((l) => add(l.value, l.line.freight));
  const limits = checkCnCbecLimits({
    dutiableValue: sum(dutiable, 'CNY'),
    items: lines.reduce((n, l) => n + l.line.quantity, 0),
    at,
    ...(history.cnCbecUsedThisYear ? { usedThisYear: history.cnCbecUsedThisYear } : {}),
  });

  const entries = lines.map((l) => {
    const e = positiveListEntry(l.hs, route, at);
    if (e.refusal) {
      throw unprocessable(e.refusal.code, `Line ${l.line.lineRef}: ${e.refusal.message}`, {
        lineRef: l.line.lineRef,
        ruleId: e.rule.id,
      });
    }
    return e;
  });
  const usage = cnQuantityCapUsage({
    lines: lines.map((l) => ({
      lineRef: l.line.lineRef,
      hsCode: l.hs,
      ...(l.line.weightGrams !== undefined ? { weightGrams: l.line.weightGrams } : {}),
    })),
    at,
  });
  const capRules = checkQuantityCaps(usage, history.cnCapsUsedThisYear, at);

  const full = limits.fullRate;
  const factorRule = rule(full ? 'CN.cbec.single_item_over_limit' : 'CN.cbec.tax_factor', at);
  const dutyRules: Rule[] = [rule(full ? 'CN.general.duty_no_mfn_data' : 'CN.cbec.duty_zero', at)];
  // The open question on the US additional tariff (§9 item 2) rides on CBEC duty while in force.
  const additional = full ? undefined : ruleIfInForce('CN.cbec.us_additional_tariff_open', at);
  if (additional) dutyRules.push(additional);
  const dutyRate = dutyRules.reduce((r, d) => addRatio(r, ratio(d.numbers.rate!)), ZERO_RATIO);
  const factor = ratio(factorRule.numbers.factor!);
  return {
    regime: cnCbecRegime(route, full),
    fullRate: full,
    rules: [
      rule(cnRouteRuleId(route), at),
      rule('CN.cbec.dutiable_value', at),
      ...limits.rules,
      rule('CN.positive_list.required', at),
      ...capRules,
    ],
    lines: lines.map((l, i) => {
      const value = dutiable[i]!;
      const vatRule = lookup('CN', 'vat', l.hs, at);
      const ctRule = lookup('CN', 'consumptionTax', l.hs, at, l.line.unitPrice);
      const vat = ratio(vatRule.numbers.rate!);
      const ct = ratio(ctRule.numbers.rate!);
      // Import VAT = value × VAT / (1 − CT) × f; CT = value × CT / (1 − CT) × f (C7).
      const oneMinusCt = oneMinus(ct);
      const cbec = { vat, consumptionTax: ct, factor };
      const scaled = (r: Ratio) => divRatio(mulRatio(r, factor), oneMinusCt);
      const duty = taxOn(value, dutyRate);
      const importVat = taxOn(value, scaled(vat), { statutory: vat, cbec });
      const consumptionTax = taxOn(value, scaled(ct), { statutory: ct, cbec });
      return {
        line: l.line,
        dutiableValue: value,
        duty: duty.amount,
        importVat: importVat.amount,
        consumptionTax: consumptionTax.amount,
        rules: [...dutyRules, vatRule, ctRule, factorRule, entries[i]!.rule],
        working: {
          duty,
          importVat,
          consumptionTax,
          combined: { base: value, rate: scaled(addRatio(vat, ct)) },
        },
      };
    }),
  };
}
