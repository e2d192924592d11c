import { isPlatformAdmin, isSellerStaff, isTrustStaff, type Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { Locale, MarketCode } from '../../kernel/locales.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as markets from '../../modules/markets/index.ts';
import * as orders from '../../modules/orders/index.ts';
import type { CurrencyCode, Money } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { type AmountKey, formatterFor, labelFor, negotiateLocale, STRINGS } from './explain-locales/index.ts';
import { explainLine } from './explanation-lines.ts';
import { orderWorking } from './order-working.ts';
import {
  amountView,
  describeRef,
  type ExemptionBasis,
  type ExplainCtx,
  noteSentence,
  type PricedOrder,
  refView,
  ruleView,
} from './rule-refs.ts';
import type { LandedCostBreakdown, OrderBreakdown } from './schemas.ts';

/**
 * The landed-cost breakdown of a quote or an order: every figure with the rule that produced it,
 * the rule's sources, dates and verification, in the buyer's language (sellers and staff: English
 * plus US dollars, unless they ask for another language).
 */

/** A quote, or one order with the quote it was priced in, reduced to what the breakdown reads. */
export interface Priced {
  kind: 'quote' | 'order';
  id: string;
  buyerId: string;
  market: MarketCode;
  currency: CurrencyCode;
  fxRate: string;
  fxSource: string;
  /** When the taxes were computed (the quote's creation): the rules in force then apply. */
  pricedAt: Date;
  orders: PricedOrder[];
}

export type Audience = 'buyer' | 'seller' | 'staff';

export interface ExplainOptions {
  /** `?locale=`; wins over everything else. */
  locale?: Locale;
  acceptLanguage?: string;
}

/**
 * Buyers read their own language: the locale they ask for, else their profile's (identity keeps
 * none yet), else Accept-Language, else English. Sellers and staff read English unless they ask.
 */
export function chooseLocale(audience: Audience, opts: ExplainOptions): Locale {
  if (opts.locale) return opts.locale;
  if (audience === 'buyer') return negotiateLocale(opts.acceptLanguage) ?? 'en';
  return 'en';
}

function explainOrder(parent: ExplainCtx, p: Priced, o: PricedOrder): OrderBreakdown {
  const x: ExplainCtx = { ...parent, regime: o.regime };
  const { L, f } = x;
  const lbl = (key: AmountKey) => labelFor(L, key, p.market, o.regime);
  const m = (amount: bigint): Money => ({ amount, currency: p.currency });
  const working = orderWorking(p, o);
  const lineWorking = o.lines.map((l) => working?.get(l.lineRef) ?? null);
  const dutiable = lineWorking.map((w) => w?.dutiableValue ?? null);
  const dutiableSum = dutiable.every((d) => d !== null)
    ? m(dutiable.reduce((a, d) => a + d!.amount, 0n))
    : null;
  const orderRules = o.rules.map((r) => describeRef(x, r)).filter((d) => d !== null);
  const goodsLines = o.lines.filter((l) => l.kind === 'goods');
  const basis: ExemptionBasis = {
    goods: m(goodsLines.reduce((a, l) => a + l.goods, 0n)),
    dutiable: dutiableSum,
  };
  const lines = o.lines.map((l, i) => explainLine(x, o, l, lineWorking[i]!, orderRules, basis));
  const sum = (pick: (l: (typeof o.lines)[number]) => bigint) => m(o.lines.reduce((a, l) => a + pick(l), 0n));
  const duty = sum((l) => l.duty);
  const importVat = sum((l) => l.importVat);
  const consumptionTax = sum((l) => l.consumptionTax);
  const goods = sum((l) => l.goods);
  const lineTax = duty.amount + importVat.amount + consumptionTax.amount;
  const addsUp = lineTax === o.tax && goods.amount === o.goods && o.goods + o.shipping + o.tax === o.total;
  const labelled = (key: 'dutiableValue' | 'duty' | 'importVat' | 'consumptionTax', v: Money) => ({
    ...amountView(x, v),
    label: lbl(key),
  });
  const lineRules = lines.flatMap((l) => l.total.rules);
  const named = new Set(
    lines.flatMap((l) =>
      [l.dutiableValue, l.duty, l.importVat, l.consumptionTax].flatMap(
        (a) => a?.rules.map((r) => r.ruleId) ?? [],
      ),
    ),
  );
  const route = compliance.parcelCustoms(o)?.route ?? compliance.defaultRoute(p.market);
  const provisional =
    orderRules.some((d) => d.provisional) ||
    lines.some((l) =>
      [l.duty, l.importVat, l.consumptionTax].some((a) => a.rules.some((r) => r.provisional)),
    );
  return {
    ...(o.orderId ? { orderId: o.orderId } : {}),
    sellerId: o.sellerId,
    route: { code: route, name: L.routes[route as keyof typeof L.routes] ?? L.unknownRoute(route) },
    regime: { code: o.regime, name: L.regimes[o.regime] ?? L.unknownRegime(o.regime) },
    provisional,
    goods: {
      ...amountView(x, goods, { amount: o.goodsUsd, currency: 'USD' }),
      label: lbl('goods'),
      sentence: L.s.stated({ label: lbl('goods'), result: f.amount(goods) }),
      rules: [],
    },
    shipping: {
      ...amountView(x, m(o.shipping), { amount: o.shippingUsd, currency: 'USD' }),
      label: lbl('shipping'),
      sentence: L.s.stated({ label: lbl('shipping'), result: f.amount(m(o.shipping)) }),
      rules: lines[0]?.freight.rules ?? [],
    },
    dutiableValue: dutiableSum && labelled('dutiableValue', dutiableSum),
    duty: labelled('duty', duty),
    importVat: labelled('importVat', importVat),
    consumptionTax: labelled('consumptionTax', consumptionTax),
    tax: {
      ...amountView(x, m(o.tax)),
      label: lbl('tax'),
      sentence: L.s.sum({
        parts: [
          { label: lbl('duty'), value: f.amount(duty) },
          { label: lbl('importVat'), value: f.amount(importVat) },
          { label: lbl('consumptionTax'), value: f.amount(consumptionTax) },
        ],
        total: f.amount(m(o.tax)),
      }),
      rules: [...new Map(lineRules.map((r) => [r.ruleId, r])).values()],
    },
    total: {
      ...amountView(x, m(o.total)),
      label: lbl('total'),
      sentence: L.s.orderTotal({
        goods: f.amount(m(o.goods)),
        shipping: f.amount(m(o.shipping)),
        tax: f.amount(m(o.tax)),
        total: f.amount(m(o.total)),
      }),
      rules: [],
    },
    // Order-level rules not already named by a line's figure: limits, thresholds, route, eligibility.
    notes: orderRules
      .filter((d) => d.role !== 'valuation' && !named.has(d.ruleId))
      .map((d) => ({ sentence: noteSentence(x, d), rules: [refView(x, d)] })),
    checks: { addsUp, recomputed: working !== null },
    ...(working ? {} : { mismatchNote: L.mismatchNote }),
    lines,
  };
}

/** The breakdown of priced figures for one viewer. Pure: everything it reads is in `p`. */
export function buildBreakdown(
  p: Priced,
  viewer: { audience: Audience; locale: Locale; marketName: string },
): LandedCostBreakdown {
  const L = STRINGS[viewer.locale];
  const x: ExplainCtx = {
    L,
    f: formatterFor(viewer.locale),
    locale: viewer.locale,
    market: p.market,
    currency: p.currency,
    fxRate: p.fxRate,
    pricedAt: p.pricedAt,
    usd: viewer.audience !== 'buyer',
    described: new Map(),
    references: new Map(),
  };
  const orderViews = p.orders.map((o) => explainOrder(x, p, o));
  const total = (pick: (o: PricedOrder) => bigint) => ({
    amount: p.orders.reduce((a, o) => a + pick(o), 0n),
    currency: p.currency,
  });
  const usdTotal = (pick: (o: PricedOrder) => bigint): Money => ({
    amount: p.orders.reduce((a, o) => a + pick(o), 0n),
    currency: 'USD',
  });
  const rules = [...x.described.values()];
  const provisional = rules.some((d) => d.provisional);
  const sourceIds = [...new Set(rules.flatMap((d) => d.sourceIds))].sort();
  return {
    kind: p.kind,
    id: p.id,
    market: { code: p.market, name: viewer.marketName },
    currency: p.currency,
    locale: viewer.locale,
    audience: viewer.audience,
    pricedAt: p.pricedAt.toISOString(),
    fx: {
      base: 'USD',
      rate: p.fxRate,
      source: p.fxSource,
      note: L.usdNote({ rate: `${x.f.number(p.fxRate)} ${p.currency}` }),
    },
    provisional,
    ...(provisional ? { provisionalNote: L.provisionalNote } : {}),
    orders: orderViews,
    totals: {
      goods: amountView(
        x,
        total((o) => o.goods),
        usdTotal((o) => o.goodsUsd),
      ),
      shipping: amountView(
        x,
        total((o) => o.shipping),
        usdTotal((o) => o.shippingUsd),
      ),
      tax: amountView(
        x,
        total((o) => o.tax),
      ),
      total: amountView(
        x,
        total((o) => o.total),
      ),
    },
    rules: rules.map((d) => ruleView(x, d)),
    sources: sourceIds.map((id) => compliance.getSource(id)!),
    references: [...x.references.values()].map((r) => ({
      ruleId: r.ruleId,
      description: { lang: 'en' as const, text: r.description },
      source: r.source,
    })),
  };
}

function fromQuote(q: orders.Quote): Priced {
  return {
    kind: 'quote',
    id: q.id,
    buyerId: q.buyerId,
    market: q.market,
    currency: q.currency,
    fxRate: q.fxRate,
    fxSource: q.fxSource,
    pricedAt: q.createdAt,
    orders: q.orders.map((o) => ({
      ...o,
      lines: o.lines.map((l) => ({ ...l, lineRef: l.variantId })),
    })),
  };
}

async function marketName(ctx: FlowCtx, market: MarketCode, locale: Locale): Promise<string> {
  return (await markets.getMarket(ctx.db, market)).name[locale];
}

/** GET /checkout/quotes/:id/landed-cost: the quote's buyer, or platform staff. */
export async function explainQuoteLandedCost(
  ctx: FlowCtx,
  principal: Principal,
  quoteId: string,
  opts: ExplainOptions = {},
): Promise<LandedCostBreakdown> {
  // Another buyer's quote is "not found" (getQuote filters by buyer); staff may read any.
  const quote = isPlatformAdmin(principal)
    ? await orders.getQuoteById(ctx.db, quoteId)
    : await orders.getQuote(ctx.db, quoteId, principal.userId);
  const audience: Audience = quote.buyerId === principal.userId ? 'buyer' : 'staff';
  const locale = chooseLocale(audience, opts);
  return buildBreakdown(fromQuote(quote), {
    audience,
    locale,
    marketName: await marketName(ctx, quote.market, locale),
  });
}

/** GET /orders/:id/landed-cost: the order's buyer, its seller's staff, platform admins and trust agents. */
export async function explainOrderLandedCost(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
  opts: ExplainOptions = {},
): Promise<LandedCostBreakdown> {
  const order = await orders.getOrder(ctx.db, orderId);
  const audience: Audience | null =
    order.buyerId === principal.userId
      ? 'buyer'
      : isSellerStaff(principal, order.sellerId)
        ? 'seller'
        : isTrustStaff(principal)
          ? 'staff'
          : null;
  if (!audience) throw forbidden('orders.not_your_order', 'This is not your order.');
  // The order was priced in its quote: the quote's instant and FX source are the order's.
  const checkout = await orders.getCheckout(ctx.db, order.checkoutId);
  const quote = await orders.getQuoteById(ctx.db, checkout.quoteId);
  // The quote's lines and parcels carry what the order's rows do not: kind, working and customs.
  const quoted = new Map(
    quote.orders.flatMap((parcel) => parcel.lines.map((line) => [line.variantId, { parcel, line }] as const)),
  );
  const parcel = quoted.get(order.lines[0]?.variantId ?? '')?.parcel;
  const locale = chooseLocale(audience, opts);
  const priced: Priced = {
    kind: 'order',
    id: order.id,
    buyerId: order.buyerId,
    market: order.market as MarketCode,
    currency: order.currency,
    fxRate: order.fxRate,
    fxSource: quote.fxSource,
    pricedAt: quote.createdAt,
    orders: [
      {
        orderId: order.id,
        sellerId: order.sellerId,
        regime: order.regime,
        ...(parcel?.customs !== undefined ? { customs: parcel.customs } : {}),
        goods: order.goods.amount,
        shipping: order.shipping.amount,
        tax: order.tax.amount,
        total: order.total.amount,
        goodsUsd: order.goodsUsd.amount,
        shippingUsd: order.shippingUsd.amount,
        rules: order.rules,
        lines: order.lines.map((l) => ({
          lineRef: l.variantId,
          lineNo: l.lineNo,
          sku: l.sku,
          title: l.title,
          hsCode: l.hsCode,
          kind: quoted.get(l.variantId)?.line.kind ?? 'goods',
          quantity: l.quantity,
          unitPriceUsd: l.unitPriceUsd.amount,
          unitPrice: l.unitPrice.amount,
          goods: l.goods.amount,
          freight: l.freight.amount,
          duty: l.duty.amount,
          importVat: l.importVat.amount,
          consumptionTax: l.consumptionTax.amount,
          rules: l.rules,
          ...(quoted.get(l.variantId)?.line.working
            ? { working: quoted.get(l.variantId)!.line.working! }
            : {}),
        })),
      },
    ],
  };
  return buildBreakdown(priced, {
    audience,
    locale,
    marketName: await marketName(ctx, priced.market, locale),
  });
}
