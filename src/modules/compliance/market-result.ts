import type { Money } from '../../money/index.js';
import type { Rule } from './rules-data.js';
import type { LandedCostLine } from './types.js';

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
}

/** What one market's calculation returns for the goods lines of an order. */
export interface MarketResult {
  regime: string;
  lines: LineResult[];
  /** Order-level rules: valuation and thresholds. */
  rules: Rule[];
}
