import type { MarketCode } from '../../kernel/locales.js';
import type { CurrencyCode, Money } from '../../money/index.js';

/** Which rule of data/trade-rules produced an amount, with its source ids (reference §10). */
export interface AppliedRule {
  ruleId: string;
  description: string;
  source: string;
  effectiveFrom: string;
}

export type ProductKind = 'goods' | 'service';

export interface LandedCostLine {
  lineRef: string;
  hsCode: string;
  productKind: ProductKind;
  quantity: number;
  /** Buyer currency, tax-exclusive. */
  unitPrice: Money;
  /** This line's share of freight, buyer currency. */
  freight: Money;
}

export interface LandedCostInput {
  market: MarketCode;
  currency: CurrencyCode;
  /** USD→currency, for USD thresholds such as Korea's US$150/200. */
  usdRate: string;
  lines: LandedCostLine[];
  at: Date;
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
  regime: string;
  lines: LineTax[];
  totals: { duty: Money; importVat: Money; consumptionTax: Money; total: Money };
  dutiableValue: Money;
  rules: AppliedRule[];
}
