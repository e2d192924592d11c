import type { Locale } from '../../kernel/locales.ts';
import * as compliance from '../../modules/compliance/index.ts';
import type * as orders from '../../modules/orders/index.ts';
import {
  applyRate,
  applyRatio,
  type CurrencyCode,
  divRatio,
  type Money,
  minorUnits,
  parseDecimal,
  type Ratio,
  ratio,
  toJson,
} from '../../money/index.ts';
import { type AmountKey, type ExplainStrings, type Formatter, labelFor } from './explain-locales/index.ts';
import type { AmountView, ExplainedAmount, RuleRefView, RuleView } from './schemas.ts';

/**
 * What the landed-cost breakdown is made from (a priced quote or order), and the pieces every part
 * of it uses: exact rate arithmetic, money and rule views, and the sentences of limits and exemptions.
 */

/** A quote or order line, whichever it came from. Amounts are minor units of the order's currency. */
export type PricedLine = Omit<orders.QuoteLine, 'variantId' | 'productId'> & {
  lineRef: string;
  lineNo?: number;
};

export interface PricedOrder {
  orderId?: string;
  sellerId: string;
  regime: string;
  /** The route and rate the regime stands for, as the engine stored it (absent on older quotes). */
  customs?: compliance.Customs | null;
  goods: bigint;
  shipping: bigint;
  tax: bigint;
  total: bigint;
  goodsUsd: bigint;
  shippingUsd: bigint;
  rules: orders.RuleRef[];
  lines: PricedLine[];
}

/** What explaining needs besides the figures: the language, the market and the locked rate. */
export interface ExplainCtx {
  L: ExplainStrings;
  f: Formatter;
  locale: Locale;
  market: string;
  /** The order's regime: some labels depend on it (China's postal-articles tax is booked as duty). */
  regime?: string;
  currency: CurrencyCode;
  fxRate: string;
  pricedAt: Date;
  /** Sellers and staff also see each amount in US dollars. */
  usd: boolean;
  /** Every trade rule described so far, by id (the breakdown lists them once, in full). */
  described: Map<string, compliance.RuleDescription>;
  /** FX and shipping references met so far. */
  references: Map<string, orders.RuleRef>;
}

/** A rate as a percentage: exact when it has at most four decimals (two in percent), else marked ≈. */
export function showRate(x: ExplainCtx, r: Ratio): string {
  const scaled = r.n * 10n ** 12n;
  const q = scaled / r.d;
  const exact = scaled % r.d === 0n;
  const text = `${q / 10n ** 12n}.${(q % 10n ** 12n).toString().padStart(12, '0')}`;
  return x.f.rate(text, !exact || !/0{8}$/.test(text));
}

export const label = (x: ExplainCtx, key: AmountKey) => labelFor(x.L, key, x.market, x.regime);

export const money = (x: ExplainCtx, amount: bigint): Money => ({ amount, currency: x.currency });

/** amount ÷ the locked USD rate, rounded half to even into cents: for sellers, who are paid in USD. */
export function toUsd(x: ExplainCtx, m: Money): Money {
  // minor units → USD cents: × 10^2 / 10^minor ÷ rate (a zero rate is refused, not divided by).
  const perUnit = divRatio(
    { n: 10n ** BigInt(minorUnits('USD')), d: 10n ** BigInt(minorUnits(m.currency)) },
    ratio(x.fxRate),
  );
  return { amount: applyRatio(m, perUnit).amount, currency: 'USD' };
}

export function amountView(x: ExplainCtx, m: Money, usd?: Money): AmountView {
  const u = x.usd ? (usd ?? toUsd(x, m)) : undefined;
  return {
    money: toJson(m),
    formatted: x.f.amount(m),
    ...(u ? { usd: { money: toJson(u), formatted: x.f.amount(u) } } : {}),
  };
}

export function describeRef(x: ExplainCtx, ref: orders.RuleRef): compliance.RuleDescription | null {
  if (!compliance.hasRule(ref.ruleId)) {
    x.references.set(ref.ruleId, ref);
    return null;
  }
  const key = `${ref.ruleId}@${ref.effectiveFrom ?? ''}`;
  let d = x.described.get(key);
  if (!d) {
    d = compliance.describeRule(ref.ruleId, x.pricedAt, ref.effectiveFrom);
    x.described.set(key, d);
  }
  return d;
}

export function ruleTitle(x: ExplainCtx, d: compliance.RuleDescription): string {
  return d.title?.[x.locale] ?? `${x.L.roleTitle[d.role]} (${d.ruleId})`;
}

export function refView(x: ExplainCtx, d: compliance.RuleDescription): RuleRefView {
  return {
    ruleId: d.ruleId,
    kind: 'trade',
    title: ruleTitle(x, d),
    sourceIds: d.sourceIds,
    provisional: d.provisional,
  };
}

/** An FX or shipping reference, by the kind it carries. */
export function otherRefView(x: ExplainCtx, ref: orders.RuleRef): RuleRefView {
  const fx = ref.kind === 'fx';
  return {
    ruleId: ref.ruleId,
    kind: fx ? 'fx' : 'shipping',
    title: fx ? x.L.fxTitle : x.L.shippingTitle,
    sourceIds: [],
    provisional: false,
  };
}

export const explained = (
  x: ExplainCtx,
  key: AmountKey,
  m: Money,
  sentence: string,
  rules: RuleRefView[],
  usd?: Money,
): ExplainedAmount => ({ ...amountView(x, m, usd), label: label(x, key), sentence, rules });

/** The base an exemption compares with its limit, when this order's figures show it. */
export interface ExemptionBasis {
  goods: Money;
  dutiable: Money | null;
}

/** A limit in US dollars ("200.00") and its value at the locked rate, rounded half to even. */
export function usdLimit(x: ExplainCtx, limitUsd: string): { usd: Money; converted: Money } {
  const usd = { amount: (ratio(limitUsd).n * 100n) / ratio(limitUsd).d, currency: 'USD' as const };
  return { usd, converted: applyRate(usd, x.fxRate, x.currency) };
}

/** A limit in major units of the market's currency ("5000.00") as money. */
export function marketLimit(x: ExplainCtx, limit: string): Money {
  const l = ratio(limit);
  return money(x, (l.n * 10n ** BigInt(minorUnits(x.currency))) / l.d);
}

/** The sentence of a threshold exemption, with the figure compared when it provably is within the limit. */
export function exemptSentence(x: ExplainCtx, d: compliance.RuleDescription, basis: ExemptionBasis): string {
  const title = ruleTitle(x, d);
  const { limit, limitUsd } = d.numbers;
  if (limitUsd !== undefined) {
    const l = usdLimit(x, limitUsd);
    const limitText = `${x.f.amount(l.usd)} (${x.f.amount(l.converted)})`;
    // Compared exactly, as the engine does: goods ≤ limitUsd × rate, the threshold not rounded.
    const u = ratio(limitUsd);
    const r = parseDecimal(x.fxRate);
    const within =
      basis.goods.amount * u.d * 10n ** BigInt(r.scale) <=
      u.n * r.units * 10n ** BigInt(minorUnits(x.currency));
    return within
      ? x.L.s.exempt({
          title,
          basisLabel: label(x, 'goods'),
          basis: x.f.amount(basis.goods),
          limit: limitText,
        })
      : x.L.s.exemptNoBasis({ title, limit: limitText });
  }
  if (limit !== undefined) {
    const limitMoney = marketLimit(x, limit);
    // The customs value when it is within the limit; else the goods alone (thresholds on FOB value).
    const [key, value] =
      basis.dutiable !== null && basis.dutiable.amount <= limitMoney.amount
        ? (['dutiableValue', basis.dutiable] as const)
        : (['goods', basis.goods] as const);
    return value.amount <= limitMoney.amount
      ? x.L.s.exempt({
          title,
          basisLabel: label(x, key),
          basis: x.f.amount(value),
          limit: x.f.amount(limitMoney),
        })
      : x.L.s.exemptNoBasis({ title, limit: x.f.amount(limitMoney) });
  }
  return x.L.s.exemptNoLimit({ title });
}

/** An order-level rule as a sentence: its title with its limit, never a claim that nothing is charged. */
export function noteSentence(x: ExplainCtx, d: compliance.RuleDescription): string {
  const title = ruleTitle(x, d);
  const { limit, limitUsd } = d.numbers;
  if (limitUsd !== undefined) {
    const l = usdLimit(x, limitUsd);
    return x.L.s.limitUsd({ title, limitUsd: x.f.amount(l.usd), converted: x.f.amount(l.converted) });
  }
  if (limit !== undefined) return x.L.s.limit({ title, limit: x.f.amount(marketLimit(x, limit)) });
  if (d.role === 'exemption') return x.L.s.exemptNoLimit({ title });
  return x.L.s.ruleOnly({ title });
}

const dayBefore = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** A rule in full, as the breakdown lists it once: localized title, dates and verification; English text marked as such. */
export function ruleView(x: ExplainCtx, d: compliance.RuleDescription): RuleView {
  const { L, f } = x;
  return {
    ruleId: d.ruleId,
    title: ruleTitle(x, d),
    titleIsGeneric: !d.title?.[x.locale],
    description: { lang: 'en', text: d.description },
    numbers: d.numbers,
    effectiveFrom: d.effectiveFrom,
    ...(d.effectiveTo ? { effectiveTo: d.effectiveTo } : {}),
    effective: L.effective({
      from: f.day(d.effectiveFrom),
      ...(d.effectiveTo ? { lastDay: f.day(dayBefore(d.effectiveTo)) } : {}),
    }),
    verification: d.verification,
    verificationLabel: L.verification[d.verification],
    ...(d.verificationNote ? { verificationNote: { lang: 'en' as const, text: d.verificationNote } } : {}),
    provisional: d.provisional,
    ...(d.provisional ? { provisionalNote: L.provisionalNote } : {}),
    notInForce: d.notInForce,
    ...(d.notInForce ? { notInForceNote: L.notInForceNote } : {}),
    sourceText: d.source,
    sourceIds: d.sourceIds,
  };
}
