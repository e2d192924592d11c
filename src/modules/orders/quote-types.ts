import type { MarketCode } from '../../kernel/locales.ts';
import type { CurrencyCode } from '../../money/index.ts';
import type { Customs, LineWorking } from '../compliance/index.ts';

/** Which rule produced an amount (compliance, shipping, FX): every figure on a quote can say why. */
export interface RuleRef {
  ruleId: string;
  description: string;
  source: string;
  effectiveFrom?: string;
  /**
   * The locked FX rate, or a shipping rate card line; absent on a trade rule (data/trade-rules).
   * Rows stored before the field existed were given it by migration 004_rule_ref_kind.sql.
   */
  kind?: 'fx' | 'shipping';
}

/** All amounts are integer minor units: USD for *Usd fields, the quote's currency otherwise. */
export interface QuoteLine {
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  hsCode: string;
  kind: 'goods' | 'service';
  quantity: number;
  unitPriceUsd: bigint;
  unitPrice: bigint;
  goods: bigint;
  freight: bigint;
  duty: bigint;
  importVat: bigint;
  consumptionTax: bigint;
  rules: RuleRef[];
  /** How the landed-cost engine reached this line's taxes (absent on quotes stored before it kept them). */
  working?: LineWorking;
}

export interface QuoteOrder {
  sellerId: string;
  goodsUsd: bigint;
  shippingUsd: bigint;
  goods: bigint;
  shipping: bigint;
  tax: bigint;
  total: bigint;
  /** The customs value the destination taxes (China: price + freight + insurance); counts against CN's annual limit. */
  dutiableValue: bigint;
  regime: string;
  /**
   * The route and rate the regime stands for, as the engine decided; null when nothing is
   * imported. Absent on quotes stored before it: read it with compliance's `parcelCustoms`.
   */
  customs?: Customs | null;
  /** China CBEC: grams this parcel counts against each per-person Positive List cap (cap id → grams). */
  capGrams?: Record<string, number>;
  rules: RuleRef[];
  lines: QuoteLine[];
}

export interface Quote {
  id: string;
  buyerId: string;
  market: MarketCode;
  currency: CurrencyCode;
  fxRateId: string;
  fxRate: string;
  fxSource: string;
  shippingMethod: 'express' | 'surface';
  createdAt: Date;
  expiresAt: Date;
  status: 'open' | 'placed';
  orders: QuoteOrder[];
  totals: { goods: bigint; shipping: bigint; tax: bigint; total: bigint };
}

const BIGINT_KEYS = new Set([
  'unitPriceUsd',
  'unitPrice',
  'goods',
  'freight',
  'duty',
  'importVat',
  'consumptionTax',
  'goodsUsd',
  'shippingUsd',
  'shipping',
  'tax',
  'total',
  'dutiableValue',
  // The landed-cost working: Money amounts and exact rates (numerator, denominator).
  'amount',
  'n',
  'd',
]);

/** jsonb has no bigint: amounts travel as decimal strings and come back as bigint. */
export function snapshotToJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export function snapshotFromJson<T>(value: unknown): T {
  return JSON.parse(typeof value === 'string' ? value : JSON.stringify(value), (k, v) =>
    BIGINT_KEYS.has(k) && typeof v === 'string' ? BigInt(v) : v,
  ) as T;
}
