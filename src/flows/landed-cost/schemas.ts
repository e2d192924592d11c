import { z } from 'zod';
import { LOCALES } from '../../kernel/locales.ts';

/** The landed-cost breakdown as the API returns it (GET …/landed-cost). */
const MoneyJson = z.object({ amount: z.number().int(), currency: z.string() });

/** Text that exists only in English in the data (rule descriptions, verification notes), never mixed into a localized sentence. */
const EnglishText = z.object({ lang: z.literal('en'), text: z.string() });

/** One figure: Money JSON, the locale's rendering, and for sellers and staff the US dollar equivalent. */
export const AmountView = z.object({
  money: MoneyJson,
  formatted: z.string(),
  usd: z.object({ money: MoneyJson, formatted: z.string() }).optional(),
});

/** The rule(s) behind a figure, in brief; the full rule and its sources are in `rules` and `sources`. */
export const RuleRefView = z.object({
  ruleId: z.string(),
  kind: z.enum(['trade', 'fx', 'shipping']),
  title: z.string(),
  sourceIds: z.array(z.string()),
  provisional: z.boolean(),
});

export const ExplainedAmount = AmountView.extend({
  label: z.string(),
  sentence: z.string(),
  rules: z.array(RuleRefView),
});

export const LineBreakdown = z.object({
  lineRef: z.string(),
  lineNo: z.number().int().optional(),
  sku: z.string(),
  /** The listing's English title as stored on the quote or order. */
  productTitle: EnglishText,
  hsCode: z.string(),
  quantity: z.number().int(),
  goods: ExplainedAmount,
  freight: ExplainedAmount,
  dutiableValue: ExplainedAmount.nullable(),
  duty: ExplainedAmount,
  importVat: ExplainedAmount,
  consumptionTax: ExplainedAmount,
  total: ExplainedAmount,
});

export const OrderBreakdown = z.object({
  orderId: z.string().optional(),
  sellerId: z.string(),
  route: z.object({ code: z.string(), name: z.string() }),
  regime: z.object({ code: z.string(), name: z.string() }),
  provisional: z.boolean(),
  goods: ExplainedAmount,
  shipping: ExplainedAmount,
  dutiableValue: AmountView.extend({ label: z.string() }).nullable(),
  duty: AmountView.extend({ label: z.string() }),
  importVat: AmountView.extend({ label: z.string() }),
  consumptionTax: AmountView.extend({ label: z.string() }),
  tax: ExplainedAmount,
  total: ExplainedAmount,
  /** Order-level rules: limits, thresholds and valuation, each as a sentence. */
  notes: z.array(z.object({ sentence: z.string(), rules: z.array(RuleRefView) })),
  checks: z.object({
    /** The lines' taxes add up to the order's stored tax, and goods + shipping + tax to its total. */
    addsUp: z.boolean(),
    /** The engine, run again on the stored lines with the rules of the pricing date, gives the same taxes. */
    recomputed: z.boolean(),
  }),
  mismatchNote: z.string().optional(),
  lines: z.array(LineBreakdown),
});

export const RuleView = z.object({
  ruleId: z.string(),
  title: z.string(),
  /** True when the data has no title in this language and a generic name is shown. */
  titleIsGeneric: z.boolean(),
  description: EnglishText,
  numbers: z.record(z.string(), z.string()),
  effectiveFrom: z.string(),
  effectiveTo: z.string().optional(),
  effective: z.string(),
  verification: z.string(),
  verificationLabel: z.string(),
  verificationNote: EnglishText.optional(),
  provisional: z.boolean(),
  provisionalNote: z.string().optional(),
  notInForce: z.boolean(),
  notInForceNote: z.string().optional(),
  sourceText: z.string(),
  sourceIds: z.array(z.string()),
});

export const SourceView = z.object({
  id: z.string(),
  group: z.string(),
  title: z.string(),
  urls: z.array(z.string()),
  text: z.string(),
});

export const LandedCostBreakdown = z.object({
  kind: z.enum(['quote', 'order']),
  id: z.string(),
  market: z.object({ code: z.string(), name: z.string() }),
  currency: z.string(),
  locale: z.enum(LOCALES),
  audience: z.enum(['buyer', 'seller', 'staff']),
  /** The instant the taxes were computed: the rules in force then are the ones shown. */
  pricedAt: z.string(),
  fx: z.object({ base: z.literal('USD'), rate: z.string(), source: z.string(), note: z.string() }),
  provisional: z.boolean(),
  provisionalNote: z.string().optional(),
  orders: z.array(OrderBreakdown),
  totals: z.object({
    goods: AmountView,
    shipping: AmountView,
    tax: AmountView,
    total: AmountView,
  }),
  rules: z.array(RuleView),
  sources: z.array(SourceView),
  /** FX and shipping references behind goods and freight (not trade rules; their source is free text). */
  references: z.array(z.object({ ruleId: z.string(), description: EnglishText, source: z.string() })),
});
export type LandedCostBreakdown = z.infer<typeof LandedCostBreakdown>;
export type OrderBreakdown = z.infer<typeof OrderBreakdown>;
export type LineBreakdown = z.infer<typeof LineBreakdown>;
export type ExplainedAmount = z.infer<typeof ExplainedAmount>;
export type AmountView = z.infer<typeof AmountView>;
export type RuleRefView = z.infer<typeof RuleRefView>;
export type RuleView = z.infer<typeof RuleView>;
