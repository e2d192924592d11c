import type { MarketCode } from '../../kernel/locales.ts';
import { type CurrencyCode, money } from '../../money/index.ts';
import type { BuyerHistory, LandedCost, LandedCostInput } from './types.ts';

/**
 * Landed cost in the ten markets other than China, worked out by hand from
 * ../shared/reference/trade-rules.md §3 (and §7 for currencies). Amounts are minor units: fen-like
 * cents for HKD, TWD, SGD, THB, MYR, PHP and IDR (sen); whole units for JPY, KRW and VND.
 * Instants are UTC; each market's rules are read in its own calendar (UTC+7 for VN, TH and ID;
 * UTC+8 for HK, TW, SG, MY and PH; UTC+9 for JP and KR), so "23:59:59 local" is written as UTC.
 * Every tax is rounded once, half to even, per line.
 */

const CURRENCY: Record<Exclude<MarketCode, 'CN'>, CurrencyCode> = {
  HK: 'HKD',
  TW: 'TWD',
  JP: 'JPY',
  KR: 'KRW',
  SG: 'SGD',
  VN: 'VND',
  TH: 'THB',
  MY: 'MYR',
  PH: 'PHP',
  ID: 'IDR',
};

/** [HS code, quantity, unit price, freight share], in the market's minor units. */
export type L = [string, number, bigint, bigint];

export function input(
  market: Exclude<MarketCode, 'CN'>,
  at: string,
  lines: L[],
  opts: { usdRate?: string; history?: BuyerHistory } = {},
): LandedCostInput {
  const currency = CURRENCY[market];
  return {
    market,
    currency,
    usdRate: opts.usdRate ?? '1',
    at: new Date(at),
    lines: lines.map(([hsCode, quantity, unit, freight], i) => ({
      lineRef: `l${i + 1}`,
      hsCode,
      productKind: 'goods',
      quantity,
      unitPrice: money(unit, currency),
      freight: money(freight, currency),
    })),
    ...(opts.history ? { buyerHistory: opts.history } : {}),
  };
}

export interface Case {
  name: string;
  in: LandedCostInput;
  regime: string;
  /** Per line: [duty, import VAT / GST / sales tax, consumption tax]. */
  taxes: [bigint, bigint, bigint][];
  provisional: boolean;
  /** Rule ids the result must name (order or line level). */
  has?: string[];
  /** Rule ids it must not name. */
  hasNot?: string[];
}

export const ids = (r: LandedCost) => [
  ...r.rules.map((x) => x.ruleId),
  ...r.lines.flatMap((l) => l.rules.map((x) => x.ruleId)),
];
