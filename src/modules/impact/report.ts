import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import * as ledger from '../ledger/index.ts';
import * as sellers from '../sellers/index.ts';
import { computeImpact, type ExportInput, type ImpactFigures } from './compute.ts';
import { type ImpactData, impactData } from './impact-data.ts';

/** The ledger entry that counts as an export: an escrow released to the seller (goods delivered, accepted). */
export const EXPORT_ENTRY_KIND = 'escrow.release';

export interface ImpactReport extends ImpactFigures {
  asOf: Date;
  /** Releases recorded before the goods value was kept in the entry: counted as orders, not as value. */
  releasesWithoutGoodsValue: number;
  data: ImpactData;
}

/**
 * The public impact report: verified sellers from the sellers module, exports from the ledger's
 * escrow releases (each entry carries the seller, the market and the goods' USD value, hashed with
 * the entry, so the figures are as verifiable as the ledger). Two grouped queries and one lookup
 * of the exporting sellers' home states.
 */
export async function impactReport(db: Db, clock: Clock): Promise<ImpactReport> {
  const data = impactData();
  const [census, totals] = await Promise.all([
    sellers.sellerCensus(db),
    ledger.metadataTotals(db, {
      kind: EXPORT_ENTRY_KIND,
      amountField: 'goodsUsd',
      groupBy: ['sellerId', 'market'],
    }),
  ]);
  const exports: ExportInput[] = totals
    .filter((t) => t.group.sellerId && t.group.market)
    .map((t) => ({
      sellerId: t.group.sellerId!,
      market: t.group.market!,
      orders: t.entries,
      goodsUsdCents: t.total,
    }));
  // Exports count where the seller is based, whatever the seller's state now.
  const homes = new Map(
    (await sellers.sellerFacts(db, [...new Set(exports.map((e) => e.sellerId))])).map((f) => [
      f.id as string,
      f,
    ]),
  );
  const figures = computeImpact(census, exports, (id) => homes.get(id), data);
  return {
    ...figures,
    asOf: clock.now(),
    releasesWithoutGoodsValue: totals.reduce((n, t) => n + t.missing, 0),
    data,
  };
}
