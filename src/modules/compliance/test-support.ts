import type { MarketCode } from '../../kernel/locales.ts';
import { type CurrencyCode, money } from '../../money/index.ts';
import type { LandedCostInput, LandedCostLine } from './types.ts';

/** A goods line from minor units: `line('1', '1602.50', 1, 34560n, 5840n, 'CNY')`. */
export function line(
  lineRef: string,
  hsCode: string,
  quantity: number,
  unitPrice: bigint,
  freight: bigint,
  currency: CurrencyCode,
  productKind: LandedCostLine['productKind'] = 'goods',
): LandedCostLine {
  return {
    lineRef,
    hsCode,
    productKind,
    quantity,
    unitPrice: money(unitPrice, currency),
    freight: money(freight, currency),
  };
}

export function order(
  market: MarketCode,
  currency: CurrencyCode,
  lines: LandedCostLine[],
  usdRate = '1420.00',
  at = new Date('2026-11-24T00:00:00Z'),
): LandedCostInput {
  return { market, currency, usdRate, lines, at };
}
