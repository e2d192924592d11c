import { z } from 'zod';
import { LOCALES } from '../../kernel/locales.ts';

/** The storefront's response shapes: a product page as a buyer in a market sees it. */

const MoneyView = z.object({ amount: z.number().int(), currency: z.string() });

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

export const ProductPageView = z.object({
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
      priceUsd: MoneyView,
      price: MoneyView,
      estimatedShipping: MoneyView.nullable(),
      estimatedTax: MoneyView.nullable(),
      deliveredPrice: MoneyView.nullable(),
      taxRegime: z.string().nullable(),
      taxRules: z.array(TaxRuleView),
    }),
  ),
});
export type TaxRuleView = z.infer<typeof TaxRuleView>;
export type ProductPageView = z.infer<typeof ProductPageView>;
