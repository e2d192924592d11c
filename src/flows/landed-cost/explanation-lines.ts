import type * as compliance from '../../modules/compliance/index.ts';
import {
  applyRate,
  applyRatio,
  divRatio,
  type Money,
  mulRatio,
  type Ratio,
  ratio,
} from '../../money/index.ts';
import {
  describeRef,
  type ExemptionBasis,
  type ExplainCtx,
  exemptSentence,
  explained,
  label,
  money,
  otherRefView,
  type PricedLine,
  type PricedOrder,
  refView,
  showRate,
} from './rule-refs.ts';
import type { ExplainedAmount, LineBreakdown } from './schemas.ts';

/**
 * Per-line explanations of a priced order, from the engine's working (the base, rate and inputs
 * of each tax). Every sentence that shows arithmetic is checked first: the rate and base it names
 * must give the charged amount exactly (a share of a parcel's tax, or a base with fractions of a
 * minor unit, may not), or the sentence only states the amount and its rate. A breakdown never
 * shows a sum that is false.
 */

/** The rate a rule states, on its share of the base if it has one: for lines without the engine's working. */
function ruleRate(d: compliance.RuleDescription): Ratio {
  const { rate, baseNumerator, baseDenominator } = d.numbers;
  return baseNumerator !== undefined && baseDenominator !== undefined
    ? mulRatio(ratio(rate!), divRatio(ratio(baseNumerator), ratio(baseDenominator)))
    : ratio(rate!);
}

/** One line: goods, freight share, dutiable value, each tax and the line's total, each with its rule(s). */
export function explainLine(
  x: ExplainCtx,
  o: PricedOrder,
  line: PricedLine,
  working: compliance.LineWorking | null,
  orderRules: compliance.RuleDescription[],
  basis: ExemptionBasis,
): LineBreakdown {
  const { L, f } = x;
  const m = (a: bigint) => money(x, a);
  const dutiable = working?.dutiableValue ?? null;
  const refs = line.rules.map((r) => describeRef(x, r)).filter((d) => d !== null);
  const byRole = (role: compliance.RuleRole) => refs.filter((d) => d.role === role);
  const fxRefs = o.rules.filter((r) => r.kind === 'fx');
  const shipRefs = o.rules.filter((r) => r.kind === 'shipping');
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
    const factor = working?.valuationFactor;
    let sentence = L.s.stated({ label: dLabel, result: f.amount(dutiable) });
    if (line.goods + line.freight === dutiable.amount) {
      sentence = L.s.dutiableSum({
        label: dLabel,
        goods: f.amount(m(line.goods)),
        freight: f.amount(m(line.freight)),
        total: f.amount(dutiable),
      });
    } else if (factor && applyRatio(m(line.goods), factor).amount + line.freight === dutiable.amount) {
      sentence = L.s.dutiableFactor({
        label: dLabel,
        goods: f.amount(m(line.goods)),
        factor: showRate(x, factor),
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

  // Taxes, from the engine's working. China's CBEC factor (70%, or 1 in full) and 1/(1 − CT) are in its rate.
  const factor = byRole('factor')[0];
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
    if (own[0]!.numbers.rate === undefined)
      return explained(x, key, value, L.s.stated({ label: lbl, result: f.amount(value) }), rules);
    const w = working?.[key];
    // The rate as the tax's rule states it: China's statutory VAT or CT; elsewhere the effective rate
    // (Indonesia: 12% on 11/12 is shown as its effective rate).
    const rate = w ? (w.cbec ? w.statutory : w.rate) : ruleRate(own[0]!);
    const holds = w !== undefined && applyRatio(w.base, w.rate).amount === value.amount;
    const dLabel = label(x, 'dutiableValue');
    // The CBEC formula when it matters; a zero rate reads better as the plain sentence below.
    if (key !== 'duty' && w?.cbec && w.statutory.n !== 0n) {
      if (holds) {
        const sentence = L.s.cnRate({
          label: lbl,
          vat: showRate(x, w.cbec.vat),
          ct: showRate(x, w.cbec.consumptionTax),
          factor: showRate(x, w.cbec.factor),
          rate: showRate(x, w.rate),
          baseLabel: dLabel,
          base: f.amount(w.base),
          result: f.amount(value),
          which: key,
        });
        return explained(x, key, value, sentence, rules);
      }
    } else if (w && holds) {
      // Duty on the dutiable value; VAT-like taxes on the dutiable value plus duty.
      const baseLabel = w.withDuty ? `(${dLabel} + ${label(x, 'duty')})` : dLabel;
      const sentence = L.s.rate({
        label: lbl,
        rate: showRate(x, w.rate),
        baseLabel,
        base: f.amount(w.base),
        result: f.amount(value),
      });
      return explained(x, key, value, sentence, rules);
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
  // China CBEC: VAT and consumption tax as one rate on the customs value, when no duty is added.
  const combined = working?.combined;
  if (combined && line.duty === 0n && applyRatio(combined.base, combined.rate).amount === lineTax.amount) {
    totalSentence = L.s.cnCombined({
      rate: showRate(x, combined.rate),
      baseLabel: label(x, 'dutiableValue'),
      base: f.amount(combined.base),
      result: f.amount(lineTax),
    });
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
