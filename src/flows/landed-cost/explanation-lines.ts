import * as compliance from '../../modules/compliance/index.ts';
import { applyRate, type Money } from '../../money/index.ts';
import {
  add,
  applyRatio,
  describeRef,
  div,
  type ExemptionBasis,
  type ExplainCtx,
  exemptSentence,
  explained,
  label,
  money,
  mul,
  oneMinus,
  otherRefView,
  type PricedLine,
  type PricedOrder,
  ratio,
  refView,
  showRate,
} from './rule-refs.ts';
import type { ExplainedAmount, LineBreakdown } from './schemas.ts';

/**
 * Per-line explanations of a priced order. Every sentence that shows arithmetic is checked first:
 * the rate and base it names must give the charged amount exactly (same rounding as the engine),
 * or the sentence only states the amount and its rate. A breakdown never shows a sum that is false.
 */

/** One line: goods, freight share, dutiable value, each tax and the line's total, each with its rule(s). */
export function explainLine(
  x: ExplainCtx,
  o: PricedOrder,
  line: PricedLine,
  dutiable: Money | null,
  orderRules: compliance.RuleDescription[],
  basis: ExemptionBasis,
): LineBreakdown {
  const { L, f } = x;
  const m = (a: bigint) => money(x, a);
  const refs = line.rules.map((r) => describeRef(x, r)).filter((d) => d !== null);
  const byRole = (role: compliance.RuleRole) => refs.filter((d) => d.role === role);
  const fxRefs = o.rules.filter((r) => r.ruleId.startsWith('fx.'));
  const shipRefs = o.rules.filter((r) => !r.ruleId.startsWith('fx.') && !compliance.hasRule(r.ruleId));
  for (const r of [...fxRefs, ...shipRefs]) x.references.set(r.ruleId, r);

  // Goods: the seller's USD price at the locked rate, times the quantity.
  const unitUsd: Money = { amount: line.unitPriceUsd, currency: 'USD' };
  const unit = m(line.unitPrice);
  const qty = f.number(String(line.quantity));
  const goodsSentence =
    applyRate(unitUsd, x.fxRate, x.currency).amount === line.unitPrice
      ? L.s.goods({
          unitUsd: f.amount(unitUsd),
          fxRate: f.number(x.fxRate),
          unit: f.amount(unit),
          quantity: qty,
          goods: f.amount(m(line.goods)),
        })
      : L.s.goodsNoFx({ unit: f.amount(unit), quantity: qty, goods: f.amount(m(line.goods)) });
  const goods = explained(
    x,
    'goods',
    m(line.goods),
    line.unitPrice * BigInt(line.quantity) === line.goods
      ? goodsSentence
      : L.s.stated({ label: label(x, 'goods'), result: f.amount(m(line.goods)) }),
    fxRefs.map((r) => otherRefView(x, r)),
    { amount: line.unitPriceUsd * BigInt(line.quantity), currency: 'USD' },
  );
  const freight = explained(
    x,
    'freight',
    m(line.freight),
    o.shipping > 0n
      ? L.s.freight({ shipping: f.amount(m(o.shipping)), share: f.amount(m(line.freight)) })
      : L.s.stated({ label: label(x, 'freight'), result: f.amount(m(line.freight)) }),
    shipRefs.map((r) => otherRefView(x, r)),
  );

  // Dutiable value: price + freight (CIF), or a valuation factor on the price (Japan's 60%).
  const valuation = [...orderRules, ...refs].filter((d) => d.role === 'valuation');
  let dutiableView: ExplainedAmount | null = null;
  if (dutiable) {
    const dLabel = label(x, 'dutiableValue');
    const factorRule = valuation.find((d) => d.numbers.factor !== undefined);
    let sentence = L.s.stated({ label: dLabel, result: f.amount(dutiable) });
    if (line.goods + line.freight === dutiable.amount) {
      sentence = L.s.dutiableSum({
        label: dLabel,
        goods: f.amount(m(line.goods)),
        freight: f.amount(m(line.freight)),
        total: f.amount(dutiable),
      });
    } else if (
      factorRule &&
      applyRatio(m(line.goods), ratio(factorRule.numbers.factor!)).amount + line.freight === dutiable.amount
    ) {
      sentence = L.s.dutiableFactor({
        label: dLabel,
        goods: f.amount(m(line.goods)),
        factor: showRate(x, ratio(factorRule.numbers.factor!)),
        freight: f.amount(m(line.freight)),
        total: f.amount(dutiable),
      });
    }
    dutiableView = explained(
      x,
      'dutiableValue',
      dutiable,
      sentence,
      valuation.map((d) => refView(x, d)),
    );
  }

  // Taxes. China's CBEC factor (70%, or 1 in full) scales VAT and consumption tax by 1/(1 − CT).
  const factor = byRole('factor')[0];
  const rateOf = (role: compliance.RuleRole) => {
    const r = byRole(role)[0]?.numbers.rate;
    return r === undefined ? ratio('0') : ratio(r);
  };
  const exemptions = byRole('exemption');
  const tax = (key: 'duty' | 'importVat' | 'consumptionTax'): ExplainedAmount => {
    const value = m(line[key]);
    const own = byRole(key);
    const lbl = label(x, key);
    if (own.length === 0) {
      if (exemptions.length > 0 && value.amount === 0n) {
        return explained(
          x,
          key,
          value,
          exemptSentence(x, exemptions[0]!, basis),
          exemptions.map((d) => refView(x, d)),
        );
      }
      if (value.amount === 0n) return explained(x, key, value, L.s.notApplicable({ label: lbl }), []);
      const others = refs.filter((d) => d.role !== 'eligibility');
      return explained(
        x,
        key,
        value,
        L.s.stated({ label: lbl, result: f.amount(value) }),
        others.map((d) => refView(x, d)),
      );
    }
    const rules = [...own, ...(key !== 'duty' && factor ? [factor] : [])].map((d) => refView(x, d));
    const { rate: rateText, baseNumerator, baseDenominator } = own[0]!.numbers;
    if (rateText === undefined)
      return explained(x, key, value, L.s.stated({ label: lbl, result: f.amount(value) }), rules);
    // A tax on a fraction of the base (Indonesia: 12% on 11/12) is shown as its effective rate.
    const rate =
      baseNumerator !== undefined && baseDenominator !== undefined
        ? mul(ratio(rateText), div(ratio(baseNumerator), ratio(baseDenominator)))
        : ratio(rateText);
    const dLabel = label(x, 'dutiableValue');
    // The CBEC formula when it matters; a zero rate reads better as the plain sentence below.
    if (key !== 'duty' && factor && dutiable && rate.n !== 0n) {
      const vat = rateOf('importVat');
      const ct = rateOf('consumptionTax');
      const eff = div(mul(key === 'importVat' ? vat : ct, ratio(factor.numbers.factor!)), oneMinus(ct));
      if (applyRatio(dutiable, eff).amount === value.amount) {
        const sentence = L.s.cnRate({
          label: lbl,
          vat: showRate(x, vat),
          ct: showRate(x, ct),
          factor: showRate(x, ratio(factor.numbers.factor!)),
          rate: showRate(x, eff),
          baseLabel: dLabel,
          base: f.amount(dutiable),
          result: f.amount(value),
          which: key,
        });
        return explained(x, key, value, sentence, rules);
      }
    } else if (dutiable) {
      // Duty on the dutiable value; VAT-like taxes on the dutiable value plus duty.
      const withDuty = key !== 'duty' && line.duty !== 0n;
      const base = withDuty ? m(dutiable.amount + line.duty) : dutiable;
      if (applyRatio(base, rate).amount === value.amount) {
        const baseLabel = withDuty ? `(${dLabel} + ${label(x, 'duty')})` : dLabel;
        const sentence = L.s.rate({
          label: lbl,
          rate: showRate(x, rate),
          baseLabel,
          base: f.amount(base),
          result: f.amount(value),
        });
        return explained(x, key, value, sentence, rules);
      }
    }
    // Nothing charged although a rate applies: a threshold waived it (China's small postal tax).
    if (value.amount === 0n && exemptions.length > 0) {
      const why = [...own, ...exemptions].map((d) => refView(x, d));
      return explained(x, key, value, exemptSentence(x, exemptions[0]!, basis), why);
    }
    return explained(
      x,
      key,
      value,
      L.s.rateOnly({ label: lbl, rate: showRate(x, rate), result: f.amount(value) }),
      rules,
    );
  };
  const duty = tax('duty');
  const importVat = tax('importVat');
  const consumptionTax = tax('consumptionTax');

  const lineTax = m(line.duty + line.importVat + line.consumptionTax);
  let totalSentence = L.s.sum({
    parts: [duty, importVat, consumptionTax].map((a) => ({ label: a.label, value: a.formatted })),
    total: f.amount(lineTax),
  });
  if (factor && dutiable && line.duty === 0n) {
    const ct = rateOf('consumptionTax');
    const combined = div(mul(add(rateOf('importVat'), ct), ratio(factor.numbers.factor!)), oneMinus(ct));
    if (applyRatio(dutiable, combined).amount === lineTax.amount) {
      totalSentence = L.s.cnCombined({
        rate: showRate(x, combined),
        baseLabel: label(x, 'dutiableValue'),
        base: f.amount(dutiable),
        result: f.amount(lineTax),
      });
    }
  }
  const seen = new Set<string>();
  const totalRules = [...duty.rules, ...importVat.rules, ...consumptionTax.rules].filter(
    (r) => !seen.has(r.ruleId) && seen.add(r.ruleId),
  );
  return {
    lineRef: line.lineRef,
    ...(line.lineNo !== undefined ? { lineNo: line.lineNo } : {}),
    sku: line.sku,
    productTitle: { lang: 'en', text: line.title },
    hsCode: line.hsCode,
    quantity: line.quantity,
    goods,
    freight,
    dutiableValue: dutiableView,
    duty,
    importVat,
    consumptionTax,
    total: explained(x, 'lineTotal', lineTax, totalSentence, totalRules),
  };
}
