import type { MarketCode } from '../../kernel/locales.ts';
import type { CurrencyCode, Money, Ratio } from '../../money/index.ts';

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

/**
 * How a parcel clears customs, as the engine decided it: the route, and on China's CBEC routes
 * whether one indivisible item above the single limit is taxed in full (no 70% factor). Stored
 * with a quote's parcels so no caller reads it back out of the regime's name.
 */
export interface Customs {
  route: ClearanceRoute;
  fullRate: boolean;
}

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
 * How one tax was reached: `base` × `rate`, rounded once, half to even. `rate` is the effective
 * rate the engine applied; `statutory` the rate of the tax's rule before any factor or base
 * fraction. The explanation shows these instead of working the formulas out again.
 */
export interface TaxWorking {
  /** What was charged. */
  amount: Money;
  /** What the rate applied to, in whole minor units. */
  base: Money;
  /** The base exactly, in minor units, when it holds fractions of one (Japan's 60% valuation). */
  baseExact?: Ratio;
  /** The base is the customs value plus the line's duty (VAT-like taxes), not the customs value alone. */
  withDuty: boolean;
  rate: Ratio;
  statutory: Ratio;
  /** China CBEC: rate = VAT (or CT) × factor ÷ (1 − CT). */
  cbec?: { vat: Ratio; consumptionTax: Ratio; factor: Ratio };
  /** The share of the base the rate applies to (Indonesia's VAT: 12% on 11/12). */
  baseFraction?: Ratio;
  /** China postal: the parcel's tax was rounded once and shared over its lines; this is the line's share. */
  shared?: boolean;
}

/** The working behind one line's figures. A tax the line does not pay (exempt, service) has none. */
export interface LineWorking {
  /** The customs value: goods + freight, or goods × `valuationFactor` + freight (Japan). */
  dutiableValue: Money;
  valuationFactor?: Ratio;
  duty?: TaxWorking;
  importVat?: TaxWorking;
  consumptionTax?: TaxWorking;
  /** China CBEC: VAT and consumption tax together, as one rate on the customs value. */
  combined?: { base: Money; rate: Ratio };
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
  working: LineWorking;
}

export interface LandedCost {
  market: MarketCode;
  route: ClearanceRoute;
  regime: string;
  /** The route and rate the regime stands for; null when nothing is imported (services only). */
  customs: Customs | null;
  /** True when any rule behind the figures is marked Partial or unverified in the reference. */
  provisional: boolean;
  lines: LineTax[];
  totals: { duty: Money; importVat: Money; consumptionTax: Money; total: Money };
  dutiableValue: Money;
  rules: AppliedRule[];
}
