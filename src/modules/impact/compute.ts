import { isMidwest, type UsState } from '../../kernel/us-states.ts';
import { quotientDecimal } from '../../money/index.ts';
import type { ImpactData } from './impact-data.ts';

/** Verified sellers by home state and farm flag (from the sellers module's census). */
export interface CensusInput {
  usState: UsState;
  isFarm: boolean;
  verified: number;
  small: number;
}

/** Goods exported by one seller into one market: the escrow releases the ledger recorded. */
export interface ExportInput {
  sellerId: string;
  market: string;
  orders: number;
  goodsUsdCents: bigint;
}

export interface StateFigures {
  state: UsState;
  midwest: boolean;
  businesses: number;
  farms: number;
  exportingBusinesses: number;
  orders: number;
  exportsUsdCents: bigint;
}

export interface MarketFigures {
  market: string;
  exportingBusinesses: number;
  orders: number;
  exportsUsdCents: bigint;
}

export interface ImpactFigures {
  businessesEnabled: number;
  farms: number;
  smallBusinesses: number;
  midwestBusinesses: number;
  /** Shares and counts of jobs are exact decimal strings (null when the denominator is zero). */
  midwestBusinessShare: string | null;
  exportingBusinesses: number;
  ordersDelivered: number;
  exportsUsdCents: bigint;
  midwestExportsUsdCents: bigint;
  midwestExportShare: string | null;
  jobsSupported: string;
  goalProgress: string;
  byState: StateFigures[];
  byMarket: MarketFigures[];
}

/** a / b as a decimal string with `places` decimals, rounded half to even; null when b is zero. */
export function share(a: bigint, b: bigint, places: number): string | null {
  return quotientDecimal(a, b, places);
}

/**
 * Jobs supported = exports (USD) × jobs per $1 billion ÷ 10^9, to three decimals, rounded once.
 * In cents: thousandths of a job = cents × jobsPerBillion × 10 ÷ 10^9.
 */
export function jobsSupported(exportsUsdCents: bigint, jobsPerBillionUsd: number): string {
  return share(exportsUsdCents * BigInt(jobsPerBillionUsd), 100n * 1_000_000_000n, 3)!;
}

/**
 * The impact report's figures from the census of verified sellers and the ledger's releases.
 * Exports count where the seller is based, whatever the seller's state now: a suspended seller's
 * past exports happened. `homeOf` gives each exporting seller's home state and farm flag.
 */
export function computeImpact(
  census: readonly CensusInput[],
  exports: readonly ExportInput[],
  homeOf: (sellerId: string) => { usState: UsState; isFarm: boolean } | undefined,
  data: Pick<ImpactData, 'goal' | 'jobsPerBillionUsd'>,
): ImpactFigures {
  const states = new Map<UsState, StateFigures & { exporters: Set<string> }>();
  const stateOf = (s: UsState) => {
    let f = states.get(s);
    if (!f) {
      f = {
        state: s,
        midwest: isMidwest(s),
        businesses: 0,
        farms: 0,
        exportingBusinesses: 0,
        orders: 0,
        exportsUsdCents: 0n,
        exporters: new Set(),
      };
      states.set(s, f);
    }
    return f;
  };
  let businesses = 0;
  let farms = 0;
  let small = 0;
  let midwest = 0;
  for (const row of census) {
    const f = stateOf(row.usState);
    f.businesses += row.verified;
    businesses += row.verified;
    small += row.small;
    if (row.isFarm) {
      f.farms += row.verified;
      farms += row.verified;
    }
    if (isMidwest(row.usState)) midwest += row.verified;
  }

  const markets = new Map<string, MarketFigures & { exporters: Set<string> }>();
  const exporters = new Set<string>();
  let total = 0n;
  let midwestExports = 0n;
  let orders = 0;
  for (const e of exports) {
    if (e.orders === 0) continue;
    exporters.add(e.sellerId);
    total += e.goodsUsdCents;
    orders += e.orders;
    let m = markets.get(e.market);
    if (!m) {
      m = { market: e.market, exportingBusinesses: 0, orders: 0, exportsUsdCents: 0n, exporters: new Set() };
      markets.set(e.market, m);
    }
    m.orders += e.orders;
    m.exportsUsdCents += e.goodsUsdCents;
    m.exporters.add(e.sellerId);
    const home = homeOf(e.sellerId);
    if (!home) continue;
    const f = stateOf(home.usState);
    f.orders += e.orders;
    f.exportsUsdCents += e.goodsUsdCents;
    f.exporters.add(e.sellerId);
    if (f.midwest) midwestExports += e.goodsUsdCents;
  }

  const byExports = <T extends { exportsUsdCents: bigint }>(a: T, b: T) =>
    a.exportsUsdCents === b.exportsUsdCents ? 0 : a.exportsUsdCents > b.exportsUsdCents ? -1 : 1;
  return {
    businessesEnabled: businesses,
    farms,
    smallBusinesses: small,
    midwestBusinesses: midwest,
    midwestBusinessShare: share(BigInt(midwest), BigInt(businesses), 4),
    exportingBusinesses: exporters.size,
    ordersDelivered: orders,
    exportsUsdCents: total,
    midwestExportsUsdCents: midwestExports,
    midwestExportShare: share(midwestExports, total, 4),
    jobsSupported: jobsSupported(total, data.jobsPerBillionUsd.value),
    goalProgress: share(BigInt(businesses), BigInt(data.goal.businesses), 6)!,
    byState: [...states.values()]
      .map(({ exporters: set, ...f }) => ({ ...f, exportingBusinesses: set.size }))
      .sort((a, b) => byExports(a, b) || b.businesses - a.businesses || a.state.localeCompare(b.state)),
    byMarket: [...markets.values()]
      .map(({ exporters: set, ...m }) => ({ ...m, exportingBusinesses: set.size }))
      .sort((a, b) => byExports(a, b) || a.market.localeCompare(b.market)),
  };
}
