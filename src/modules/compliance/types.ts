import type { MarketCode } from '../../kernel/locales.ts';
import type { CurrencyCode, Money } from '../../money/index.ts';

/** Which rule of data/trade-rules produced an amount, with its source ids (reference §10). */
export interface AppliedRule {
  ruleId: string;
  description: string;
  source: string;
  /** First day in force (the market's calendar), and the first day no longer in force if it ends. */
  effectiveFrom: string;
  effectiveTo?: string;
  /** The reference's verification level for the rule's row. */
  verification: 'Yes' | 'Yes (2°)' | 'Partial' | 'No';
  /** True when the reference marks the row Partial or unverified: figures resting on it are provisional. */
  provisional: boolean;
  /** One-line name in every buyer language, when the data gives one. */
  title?: Record<'en' | 'zh-Hans' | 'zh-Hant' | 'ja' | 'ko', string>;
}

export type ProductKind = 'goods' | 'service';

/**
 * How an order clears customs. China has three: cross-border e-commerce direct purchase (9610),
 * bonded online purchase (1210, goods already in a Chinese bonded zone) and personal postal
 * articles (行邮). Every other market has one consumer route, 'STANDARD': its de minimis and
 * import-tax regime for parcels sent by courier or post.
 */
export const CLEARANCE_ROUTES = ['CN_CBEC_9610', 'CN_CBEC_1210', 'CN_POSTAL', 'STANDARD'] as const;
export type ClearanceRoute = (typeof CLEARANCE_ROUTES)[number];

/** What the buyer bought before this order, where a market's rules depend on it. */
export interface BuyerHistory {
  /** CN CBEC: dutiable value already counted this calendar year (China time), CNY. */
  cnCbecUsedThisYear?: Money;
  /** CN CBEC: grams already bought this calendar year, per Positive List quantity cap id. */
  cnCapsUsedThisYear?: Record<string, number>;
  /** TW: parcels the buyer imported this half-year (Jan–Jun or Jul–Dec), not counting this one. */
  twImportsThisHalfYear?: number;
}

export interface LandedCostLine {
  lineRef: string;
  hsCode: string;
  productKind: ProductKind;
  quantity: number;
  /** Buyer currency, tax-exclusive. */
  unitPrice: Money;
  /** This line's share of freight, buyer currency. */
  freight: Money;
  /** Net weight of the whole line (all units), grams; needed for per-person quantity caps. */
  weightGrams?: number;
}

export interface LandedCostInput {
  market: MarketCode;
  currency: CurrencyCode;
  /** USD→currency, for USD thresholds such as Korea's US$150/200. */
  usdRate: string;
  lines: LandedCostLine[];
  /** The order's date: the rules in force on it (in the market's calendar) are the ones used. */
  at: Date;
  /** Defaults: 'CN_CBEC_9610' for CN, 'STANDARD' elsewhere. */
  route?: ClearanceRoute;
  buyerHistory?: BuyerHistory;
}

/**
 * Taxes of one line. `importVat` holds the VAT-like tax at import (China and Korea VAT, Japan's
 * consumption tax, Taiwan's business tax, Singapore's GST); `consumptionTax` holds excise-like
 * consumption tax (China's 消费税); `duty` holds customs duty and Hong Kong's liquor excise.
 */
export interface LineTax {
  lineRef: string;
  dutiableValue: Money;
  duty: Money;
  importVat: Money;
  consumptionTax: Money;
  total: Money;
  rules: AppliedRule[];
}

export interface LandedCost {
  market: MarketCode;
  route: ClearanceRoute;
  regime: string;
  /** True when any rule behind the figures is marked Partial or unverified in the reference. */
  provisional: boolean;
  lines: LineTax[];
  totals: { duty: Money; importVat: Money; consumptionTax: Money; total: Money };
  dutiableValue: Money;
  rules: AppliedRule[];
}
