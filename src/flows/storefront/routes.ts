import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../kernel/errors.ts';
import { LOCALES, type Locale, MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as markets from '../../modules/markets/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import * as trust from '../../modules/trust/index.ts';
import { applyRate, type Money, toJson } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { STRINGS } from '../landed-cost/explain-locales/index.ts';
import { listingsNotAuthorizedIn } from '../listings/brand-markets.ts';
import { listingEligibility } from '../listings/sync-listing-eligibility.ts';

const MoneyJson = z.object({ amount: z.number().int(), currency: z.string() });

/**
 * A trade rule behind the estimate: its one-line title in the page's language (written by people, in
 * data/trade-rules), and its full description, which the data keeps in English only (`descriptionLang`).
 */
export const TaxRuleView = z.object({
  ruleId: z.string(),
  title: z.string(),
  description: z.string(),
  descriptionLang: z.literal('en'),
  source: z.string(),
});

export const ProductPage = z.object({
  id: z.string(),
  market: z.string(),
  locale: z.string(),
  title: z.string(),
  description: z.string(),
  titleLocale: z.string(),
  kind: z.string(),
  categorySlug: z.string(),
  brand: z.string().nullable(),
  originState: z.string(),
  hsCode: z.string().nullable(),
  images: z.array(z.object({ url: z.string(), alt: z.string().nullable() })),
  eligible: z
    .boolean()
    .describe('Always true: a product not sold in the market is a 404 storefront.not_available_in_market.'),
  fxRate: z.object({ rate: z.string(), source: z.string(), asOf: z.string() }),
  seller: z.object({
    id: z.string(),
    name: z.string(),
    usState: z.string(),
    city: z.string(),
    isFarm: z.boolean(),
    founded: z.number().nullable(),
    description: z.string().nullable(),
    descriptionLocale: z
      .string()
      .nullable()
      .describe('The language of `description` (English when untranslated).'),
  }),
  provenance: z
    .array(
      z.object({
        lotNumber: z.string(),
        farmName: z.string(),
        usState: z.string(),
        county: z.string(),
        harvestedOrMadeOn: z.string(),
        certifications: z.array(
          z.object({
            scheme: z.string(),
            number: z.string(),
            certifier: z.string(),
            expiresOn: z.string().nullable(),
            expired: z.boolean(),
          }),
        ),
      }),
    )
    .describe(
      'The lots of this product, latest harvest first: farm, state, county, date and certifications.',
    ),
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      attributes: z
        .record(z.string(), z.string())
        .describe('Attribute values in the page’s language, each falling back to the seller’s own'),
      attributesLang: z
        .record(z.string(), z.enum(LOCALES))
        .describe('The language of each value in `attributes`: `en` where untranslated'),
      fulfilledFrom: z
        .enum(['US', 'CN_BONDED'])
        .describe('Where the stock sits: the US, or a bonded zone in China (sold into mainland China only).'),
      inStock: z.boolean(),
      priceUsd: MoneyJson,
      price: MoneyJson,
      estimatedShipping: MoneyJson.nullable(),
      estimatedTax: MoneyJson.nullable(),
      deliveredPrice: MoneyJson.nullable(),
      taxRegime: z.string().nullable(),
      taxRules: z.array(TaxRuleView),
    }),
  ),
});

/**
 * A rule in the shopper's language. Every rule in the data has a title in all five languages; a rule
 * without one is named by its kind (the landed-cost breakdown's wording) and id, never machine-translated.
 */
function taxRuleView(r: compliance.AppliedRule, locale: Locale, at: Date): z.infer<typeof TaxRuleView> {
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
async function productPage(ctx: FlowCtx, id: string, marketCode: MarketCode, locale: Locale) {
  const product = await catalog.getProduct(ctx.db, id);
  const market = await markets.getMarket(ctx.db, marketCode);
  const eligibility = await listingEligibility(
    ctx,
    {
      productId: product.id,
      sellerId: product.sellerId,
      kind: product.kind,
      hsCode: product.hsCode,
      categorySlug: product.categorySlug,
    },
    marketCode,
    ctx.clock.now(),
  );
  if (eligibility.status !== 'eligible') {
    // A shopper who follows a link shared from another market expects "not sold here", not "no
    // such product"; a 404 keeps the page out of that market (caches, crawlers), and the code says
    // why. Which document the seller lacks is the seller's business, not the shopper's.
    throw notFound(
      'storefront.not_available_in_market',
      `This product is not available in ${market.name.en}.`,
      { productId: product.id, market: marketCode },
    );
  }
  const refused = await listingsNotAuthorizedIn(
    ctx.db,
    [{ productId: product.id, sellerId: product.sellerId }],
    marketCode,
    ctx.clock.now(),
  );
  if (refused.length > 0) {
    throw notFound(
      'storefront.not_available_in_market',
      `This product is not available in ${market.name.en}.`,
      {
        productId: product.id,
        market: marketCode,
      },
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

export function storefrontRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/storefront/products/:id/picture',
      {
        config: { access: 'public' },
        schema: {
          tags: ['storefront'],
          summary: 'A listing’s first picture (a redirect), for result grids',
          params: z.object({ id: z.string().regex(/^prd_[0-9a-f]{32}$/) }),
        },
      },
      async (req, reply) => {
        const product = await catalog.getProduct(ctx.db, req.params.id);
        const first = product.images[0];
        if (!first)
          throw notFound('storefront.no_picture', 'This listing has no picture.', { productId: product.id });
        return reply.header('cache-control', 'public, max-age=300').redirect(first.url, 302);
      },
    );

    app.get(
      '/storefront/products/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['storefront'],
          summary:
            'A product page for a buyer: local price, estimated duties and taxes, the seller (404 where it is not sold)',
          params: z.object({ id: z.string().regex(/^prd_[0-9a-f]{32}$/) }),
          querystring: z
            .object({ market: z.enum(MARKET_CODES).default('CN'), locale: z.enum(LOCALES).optional() })
            .strict(),
          response: { 200: ProductPage },
        },
      },
      async (req) => {
        const market = await markets.getMarket(ctx.db, req.query.market);
        return productPage(ctx, req.params.id, req.query.market, req.query.locale ?? market.defaultLocale);
      },
    );
  };
}
