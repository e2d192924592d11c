import type { Money } from '../../money/index.ts';
import type { Rule } from './rules-data.ts';
import type { BuyerHistory, ClearanceRoute, LandedCostLine, LineWorking } from './types.ts';

/** A goods line after validation: its normalised HS digits and value (unit price × quantity). */
export interface PreparedLine {
  line: LandedCostLine;
  hs: string;
  value: Money;
}

export interface LineResult {
  line: LandedCostLine;
  dutiableValue: Money;
  duty: Money;
  importVat: Money;
  consumptionTax: Money;
  rules: Rule[];
  /** How the taxes were reached; the engine adds the customs value. */
  working: Omit<LineWorking, 'dutiableValue'>;
}

/** What one market's calculation returns for the goods lines of an order. */
export interface MarketResult {
  regime: string;
  /** China CBEC: one indivisible item above the single limit, taxed in full. */
  fullRate?: boolean;
  lines: LineResult[];
  /** Order-level rules: valuation and thresholds. */
  rules: Rule[];
}

/** What every market calculation is given besides the lines. */
export interface CalcContext {
  /** USD→market currency, for thresholds set in US dollars. */
  usdRate: string;
  /** The order's date: look every rule up with it. */
  at: Date;
  route: ClearanceRoute;
  history: BuyerHistory;
}

export type MarketCalculator = (lines: PreparedLine[], ctx: CalcContext) => MarketResult;
