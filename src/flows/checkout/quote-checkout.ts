import { conflict, notFound, unprocessable } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { MarketCode } from '../../kernel/locales.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as markets from '../../modules/markets/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import { allocate, applyRate, type CurrencyCode, type Money } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { marketAvailability } from '../listings/market-availability.ts';

export interface QuoteRequest {
  market: MarketCode;
  shippingMethod: 'express' | 'surface';
  lines: { variantId: string; quantity: number }[];
}

/** Same variant twice in a cart is one line with the quantities added. */
function mergeLines(lines: QuoteRequest['lines']): QuoteRequest['lines'] {
  const byVariant = new Map<string, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  return [...byVariant].map(([variantId, quantity]) => ({ variantId, quantity }));
}

const m = (amount: bigint, currency: CurrencyCode): Money => ({ amount, currency });

/**
 * A rule as a quote and its orders keep it: what it said and where it comes from, without its
 * titles in five languages, which the rule catalogue gives by id and date (the breakdown uses them).
 */
function stored({ title: _title, ...rule }: compliance.AppliedRule): orders.RuleRef {
  return rule;
}

/**
 * Prices a cart for one buyer and market: converts each USD price at a rate locked for the
 * quote's life, adds shipping per seller parcel and the import taxes of the destination, and
 * splits everything per seller (one order, one parcel, one customs declaration per seller).
 */
export async function createCheckoutQuote(
  ctx: FlowCtx,
  buyerId: string,
  request: QuoteRequest,
): Promise<orders.Quote> {
  const lines = mergeLines(request.lines);
  const now = ctx.clock.now();
  // Independent reads go out together: each is a round trip to the database.
  const [market, variants, history] = await Promise.all([
    markets.getMarket(ctx.db, request.market),
    catalog.getVariantsForCheckout(
      ctx.db,
      lines.map((l) => l.variantId),
    ),
    buyerHistory(ctx, buyerId, request.market, now),
  ]);
  const currency = market.currency;
  const fx = await markets.latestRate(ctx.db, currency);
  // Only goods go through checkout; narrowing here gives every later step an HS code.
  type Goods = catalog.CheckoutVariant & { hsCode: string };
  const byId = new Map<string, Goods>();
  for (const l of lines) {
    const v = variants.find((x) => x.variantId === l.variantId);
    if (!v)
      throw notFound('orders.variant_not_found', `No product variant ${l.variantId}.`, {
        variantId: l.variantId,
      });
    if (v.kind === 'service' || v.hsCode === null) {
      // The catalog holds service listings; booking them (no parcel, no customs) is later work.
      throw unprocessable(
        'orders.service_not_bookable',
        `${v.sku} is a service: services cannot be booked through checkout yet.`,
        {
          variantId: l.variantId,
        },
      );
    }
    byId.set(l.variantId, { ...v, hsCode: v.hsCode });
    if (!v.purchasable) {
      throw unprocessable('orders.not_purchasable', `${v.sku} is not for sale right now.`, {
        variantId: l.variantId,
      });
    }
    if (v.stock < l.quantity) {
      throw conflict('catalog.out_of_stock', `Only ${v.stock} of ${v.sku} left.`, {
        variantId: l.variantId,
        requested: l.quantity,
        available: v.stock,
      });
    }
  }

  // Prohibited goods, listings whose seller lacks a document the market requires on the quote's
  // date, and brands whose owner has not authorized the seller in this market.
  const refusal = await marketAvailability(ctx.db, [...byId.values()], request.market, now);
  if (refusal?.reason === 'not_eligible') {
    const v = [...byId.values()].find((x) => x.productId === refusal.productId)!;
    const e = refusal.eligibility;
    const why = e.status === 'restricted' ? ': the seller lacks a document the market requires' : '';
    throw unprocessable('compliance.not_eligible', `${v.sku} cannot be sold into ${request.market}${why}.`, {
      variantId: v.variantId,
      // Not `status`: problem details spread into the body, where `status` is the HTTP status.
      eligibility: e.status,
      rules: e.reasons,
      missing: e.missing.map((m) => ({ requirementId: m.requirementId, document: m.document })),
    });
  }
  if (refusal?.reason === 'brand_not_authorized') {
    const v = [...byId.values()].find((x) => x.productId === refusal.productId)!;
    throw unprocessable(
      'trust.brand_not_authorized_in_market',
      `${v.sku} names a brand whose owner has not authorized this seller in ${request.market}.`,
      { variantId: v.variantId, brandId: refusal.brandId },
    );
  }

  // One parcel per seller and stock location, keeping the cart's order: bonded-zone stock is a
  // separate parcel, delivered within China and cleared as bonded online-purchase import (1210).
  const groups = new Map<
    string,
    { sellerId: string; from: shipping.ShippingOrigin; lines: QuoteRequest['lines'] }
  >();
  for (const l of lines) {
    const v = byId.get(l.variantId)!;
    if (v.fulfilledFrom === 'CN_BONDED' && request.market !== 'CN') {
      throw unprocessable(
        'orders.bonded_stock_cn_only',
        `${v.sku} is held in a Chinese bonded zone and can only be delivered in mainland China.`,
        { variantId: l.variantId },
      );
    }
    const key = `${v.sellerId}.${v.fulfilledFrom}`;
    const group = groups.get(key) ?? { sellerId: v.sellerId as string, from: v.fulfilledFrom, lines: [] };
    group.lines.push(l);
    groups.set(key, group);
  }

  const fxRule: orders.RuleRef = {
    ruleId: `fx.usd_${currency.toLowerCase()}`,
    description: `USD→${currency} at ${fx.rate}, locked until the quote expires; converted once per amount, rounded half-to-even`,
    source: fx.source,
    effectiveFrom: fx.asOf.toISOString(),
    kind: 'fx',
  };

  const quoteOrders: orders.QuoteOrder[] = [];
  for (const { sellerId, from, lines: sellerLines } of groups.values()) {
    const route = clearanceRoute(request, from, now);
    const goodsLines = sellerLines.filter((l) => byId.get(l.variantId)!.kind === 'goods');
    const weights = goodsLines.map((l) => BigInt((byId.get(l.variantId)!.weightGrams ?? 0) * l.quantity));
    const totalWeight = weights.reduce((a, b) => a + b, 0n);
    let shippingUsd = m(0n, 'USD');
    const rules: orders.RuleRef[] = [fxRule];
    if (totalWeight > 0n) {
      const rate = shipping.quoteShipping({
        market: request.market,
        method: request.shippingMethod,
        weightGrams: Number(totalWeight),
        from,
      });
      shippingUsd = rate.price;
      const leg = from === 'US' ? `US→${request.market}` : `bonded zone→${request.market} (domestic)`;
      rules.push({
        ruleId: rate.ruleId,
        description: `${request.shippingMethod} shipping ${leg}, ${totalWeight} g, ${rate.transitDays.min}–${rate.transitDays.max} days`,
        source: 'data/shipping-rates.json',
        kind: 'shipping',
      });
    }
    const shippingBuyer = applyRate(shippingUsd, fx.rate, currency);
    const freightShares = totalWeight > 0n ? allocate(shippingBuyer, weights) : [];
    const freightByVariant = new Map(goodsLines.map((l, i) => [l.variantId, freightShares[i]!.amount]));

    const priced = sellerLines.map((l) => {
      const v = byId.get(l.variantId)!;
      const unitPrice = applyRate(v.priceUsd, fx.rate, currency);
      return {
        l,
        v,
        unitPrice,
        goods: unitPrice.amount * BigInt(l.quantity),
        freight: freightByVariant.get(l.variantId) ?? 0n,
      };
    });
    const landed = compliance.computeLandedCost({
      market: request.market,
      currency,
      usdRate: fx.rate,
      at: now,
      route,
      buyerHistory: history,
      lines: priced.map((p) => ({
        lineRef: p.l.variantId,
        hsCode: p.v.hsCode,
        productKind: p.v.kind,
        quantity: p.l.quantity,
        unitPrice: p.unitPrice,
        freight: m(p.freight, currency),
        // Shipping weight, not net weight: China's per-person caps are counted strictly.
        ...(p.v.weightGrams === null ? {} : { weightGrams: p.v.weightGrams * p.l.quantity }),
      })),
    });
    // Each seller's parcel is its own import: the next one counts this one in the buyer's history.
    const capGrams = addToHistory(history, landed, now, priced);
    const taxByLine = new Map(landed.lines.map((t) => [t.lineRef, t]));
    const quoteLines: orders.QuoteLine[] = priced.map((p) => {
      const t = taxByLine.get(p.l.variantId)!;
      return {
        variantId: p.l.variantId,
        productId: p.v.productId,
        sku: p.v.sku,
        title: p.v.titles.en ?? p.v.sku,
        hsCode: p.v.hsCode,
        kind: p.v.kind,
        quantity: p.l.quantity,
        unitPriceUsd: p.v.priceUsd.amount,
        unitPrice: p.unitPrice.amount,
        goods: p.goods,
        freight: p.freight,
        duty: t.duty.amount,
        importVat: t.importVat.amount,
        consumptionTax: t.consumptionTax.amount,
        rules: t.rules.map(stored),
        working: t.working,
      };
    });
    const goods = quoteLines.reduce((a, l) => a + l.goods, 0n);
    const tax = landed.totals.total.amount;
    quoteOrders.push({
      sellerId,
      goodsUsd: priced.reduce((a, p) => a + p.v.priceUsd.amount * BigInt(p.l.quantity), 0n),
      shippingUsd: shippingUsd.amount,
      goods,
      shipping: shippingBuyer.amount,
      tax,
      total: goods + shippingBuyer.amount + tax,
      dutiableValue: landed.dutiableValue.amount,
      regime: landed.regime,
      customs: landed.customs,
      ...(Object.keys(capGrams).length > 0 ? { capGrams } : {}),
      rules: [...rules, ...landed.rules.map(stored)],
      lines: quoteLines,
    });
  }

  const totals = quoteOrders.reduce(
    (t, o) => ({
      goods: t.goods + o.goods,
      shipping: t.shipping + o.shipping,
      tax: t.tax + o.tax,
      total: t.total + o.total,
    }),
    { goods: 0n, shipping: 0n, tax: 0n, total: 0n },
  );
  const quote: orders.Quote = {
    id: newId('quo'),
    buyerId,
    market: request.market,
    currency,
    fxRateId: fx.id,
    fxRate: fx.rate,
    fxSource: fx.source,
    shippingMethod: request.shippingMethod,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ctx.config.quoteTtlSeconds * 1000),
    status: 'open',
    orders: quoteOrders,
    totals,
  };
  await orders.saveQuote(ctx.db, quote);
  return quote;
}

/**
 * The customs route of one parcel. In China, stock in a bonded zone clears as bonded online
 * purchase (1210); surface mail from the US is international post, cleared as personal postal
 * articles; express goes by courier as cross-border direct purchase (9610). Elsewhere one route.
 */
function clearanceRoute(
  request: QuoteRequest,
  from: shipping.ShippingOrigin,
  at: Date,
): compliance.ClearanceRoute {
  if (request.market !== 'CN') return 'STANDARD';
  return compliance.chooseCnRoute({
    shippingMethod: from === 'US' && request.shippingMethod === 'surface' ? 'postal' : 'express',
    fulfilledFrom: from,
    at,
  }).route;
}

/**
 * What the buyer bought before, where the market's rules depend on it: China's CBEC allowance and
 * per-person caps for the year (the postal route ignores them), Taiwan's imports this half-year.
 */
async function buyerHistory(
  ctx: FlowCtx,
  buyerId: string,
  market: MarketCode,
  now: Date,
): Promise<compliance.BuyerHistory> {
  if (market === 'CN') {
    const year = compliance.cnAllowanceYear(now);
    const [allowance, caps] = await Promise.all([
      compliance.annualAllowance(ctx.db, buyerId, year),
      compliance.quantityCapsUsed(ctx.db, buyerId, year),
    ]);
    return { cnCbecUsedThisYear: allowance.used, cnCapsUsedThisYear: caps };
  }
  if (market === 'TW') {
    const since = compliance.twHalfYear(now).from;
    return {
      twImportsThisHalfYear: await orders.countBuyerParcelsSince(ctx.db, { buyerId, market: 'TW', since }),
    };
  }
  return {};
}

function addToHistory(
  history: compliance.BuyerHistory,
  landed: compliance.LandedCost,
  at: Date,
  lines: { l: { variantId: string; quantity: number }; v: { hsCode: string; weightGrams: number | null } }[],
): Record<string, number> {
  let caps: Record<string, number> = {};
  // Only cross-border e-commerce parcels count against China's allowance and caps; post does not.
  if (history.cnCbecUsedThisYear && compliance.isCnCbecRoute(landed.route)) {
    history.cnCbecUsedThisYear = {
      amount: history.cnCbecUsedThisYear.amount + landed.dutiableValue.amount,
      currency: 'CNY',
    };
    caps = compliance.cnQuantityCapUsage({
      at,
      lines: lines.map((p) => ({
        lineRef: p.l.variantId,
        hsCode: p.v.hsCode,
        ...(p.v.weightGrams === null ? {} : { weightGrams: p.v.weightGrams * p.l.quantity }),
      })),
    });
    const used = { ...(history.cnCapsUsedThisYear ?? {}) };
    for (const [cap, grams] of Object.entries(caps)) used[cap] = (used[cap] ?? 0) + grams;
    history.cnCapsUsedThisYear = used;
  }
  if (history.twImportsThisHalfYear !== undefined) history.twImportsThisHalfYear += 1;
  return caps;
}
