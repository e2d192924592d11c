import { notFound } from '../../kernel/errors.ts';
import type { Locale, MarketCode } from '../../kernel/locales.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as markets from '../../modules/markets/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import * as trust from '../../modules/trust/index.ts';
import { applyRate, type Money, toJson } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { STRINGS } from '../landed-cost/explain-locales/index.ts';
import { marketAvailability } from '../listings/market-availability.ts';
import type { ProductPageView, TaxRuleView } from './schemas.ts';

/**
 * A rule in the shopper's language. Every rule in the data has a title in all five languages; a rule
 * without one is named by its kind (the landed-cost breakdown's wording) and id, never machine-translated.
 */
function taxRuleView(r: compliance.AppliedRule, locale: Locale, at: Date): TaxRuleView {
  const title = r.title?.[locale];
  const generic = () =>
    compliance.hasRule(r.ruleId)
      ? `${STRINGS[locale].roleTitle[compliance.describeRule(r.ruleId, at, r.effectiveFrom).role]} (${r.ruleId})`
      : r.ruleId;
  return {
    ruleId: r.ruleId,
    title: title ?? generic(),
    description: r.description,
    descriptionLang: 'en',
    source: r.source,
  };
}

/**
 * One product as a buyer in a market sees it: in their language (falling back to English), the
 * price in their currency, and an estimate of the delivered price for one unit by express,
 * duties and taxes included, with the rules that produced each figure.
 */
export async function showProductPage(
  ctx: FlowCtx,
  input: { productId: string; market: MarketCode; locale?: Locale },
): Promise<ProductPageView> {
  const marketCode = input.market;
  const [market, product] = await Promise.all([
    markets.getMarket(ctx.db, marketCode),
    catalog.getProduct(ctx.db, input.productId),
  ]);
  const locale = input.locale ?? market.defaultLocale;
  const refusal = await marketAvailability(
    ctx.db,
    [{ ...product, productId: product.id }],
    marketCode,
    ctx.clock.now(),
  );
  if (refusal) {
    // A shopper who follows a link shared from another market expects "not sold here", not "no
    // such product"; a 404 keeps the page out of that market (caches, crawlers), and the code says
    // why. Which document the seller lacks, or which brand has not authorized it there, is the
    // seller's business, not the shopper's.
    throw notFound(
      'storefront.not_available_in_market',
      `This product is not available in ${market.name.en}.`,
      { productId: product.id, market: marketCode },
    );
  }
  const fx = await markets.latestRate(ctx.db, market.currency);
  const seller = await sellers.getSeller(ctx.db, product.sellerId);
  const text = product.translations[locale] ? locale : 'en';
  const translation = product.translations[text]!;
  const hsCode = product.hsCode;
  const at = ctx.clock.now();
  const translatedAttributes = product.translations[locale]?.variantAttributes ?? {};
  const variants = product.variants.map((v) => {
    const priceUsd: Money = { amount: BigInt(v.priceUsd.amount), currency: 'USD' };
    const price = applyRate(priceUsd, fx.rate, market.currency);
    const base = {
      id: v.id,
      sku: v.sku,
      ...catalog.localizeAttributes(v.attributes, translatedAttributes[v.sku], locale),
      fulfilledFrom: v.fulfilledFrom,
      inStock: v.stock > 0,
      priceUsd: toJson(priceUsd),
      price: toJson(price),
    };
    if (hsCode === null) {
      // Services cross no customs border: they are shown without a landed-cost estimate.
      return {
        ...base,
        estimatedShipping: null,
        estimatedTax: null,
        deliveredPrice: null,
        taxRegime: null,
        taxRules: [],
      };
    }
    const shipUsd =
      v.weightGrams && product.kind === 'goods'
        ? shipping.quoteShipping({ market: marketCode, method: 'express', weightGrams: v.weightGrams }).price
        : ({ amount: 0n, currency: 'USD' } as Money);
    const ship = applyRate(shipUsd, fx.rate, market.currency);
    const landed = compliance.computeLandedCost({
      market: marketCode,
      currency: market.currency,
      usdRate: fx.rate,
      at,
      lines: [
        {
          lineRef: v.id,
          hsCode,
          productKind: product.kind,
          quantity: 1,
          unitPrice: price,
          freight: ship,
        },
      ],
    });
    const tax = landed.totals.total;
    return {
      ...base,
      estimatedShipping: toJson(ship),
      estimatedTax: toJson(tax),
      deliveredPrice: toJson({ amount: price.amount + ship.amount + tax.amount, currency: market.currency }),
      taxRegime: landed.regime,
      // The order's rules and the line's rules overlap (the route, the limits): each is listed once.
      taxRules: [
        ...new Map([...landed.rules, ...(landed.lines[0]?.rules ?? [])].map((r) => [r.ruleId, r])).values(),
      ].map((r) => taxRuleView(r, locale, at)),
    };
  });
  return {
    id: product.id,
    market: marketCode,
    locale,
    title: translation.title,
    description: translation.description,
    titleLocale: text,
    kind: product.kind,
    categorySlug: product.categorySlug,
    brand: product.brand,
    originState: product.originState,
    hsCode: product.hsCode,
    images: product.images,
    eligible: true,
    fxRate: { rate: fx.rate, source: fx.source, asOf: fx.asOf.toISOString() },
    seller: {
      id: seller.id,
      name: seller.dba ?? seller.legalName,
      usState: seller.usState,
      city: seller.city,
      isFarm: seller.isFarm,
      founded: seller.founded,
      description: seller.description[locale] ?? seller.description.en ?? null,
      descriptionLocale: seller.description[locale] ? locale : seller.description.en ? 'en' : null,
    },
    provenance: await provenanceOf(ctx, product.id),
    variants,
  };
}

/** Lots with their certifications, each marked expired or not on today's date in the US. */
async function provenanceOf(ctx: FlowCtx, productId: string) {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return (await trust.listProductLots(ctx.db, productId)).map((l) => ({
    lotNumber: l.lotNumber,
    farmName: l.farmName,
    usState: l.usState,
    county: l.county,
    harvestedOrMadeOn: l.harvestedOrMadeOn,
    certifications: l.certifications.map((c) => ({
      ...c,
      expired: c.expiresOn !== null && c.expiresOn < today,
    })),
  }));
}
