import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../kernel/errors.ts';
import type { CurrencyCode } from '../../money/index.ts';
import type { FxRate } from './types.ts';

/** USD→USD is the identity; it has a fixed id so a quote in USD can still name "its" rate. */
export const USD_IDENTITY_RATE: FxRate = Object.freeze({
  id: 'fx_00000000000000000000000000000000',
  base: 'USD',
  quote: 'USD',
  rate: '1',
  source: 'identity',
  asOf: new Date('1970-01-01T00:00:00Z'),
}) as FxRate;

interface RateRow extends Record<string, unknown> {
  id: string;
  quote: string;
  rate: string;
  source: string;
  as_of: Date;
}

export function toFxRate(r: RateRow): FxRate {
  return {
    id: r.id,
    base: 'USD',
    quote: r.quote as CurrencyCode,
    rate: r.rate,
    source: r.source,
    asOf: new Date(r.as_of),
  };
}

// Per-process cache of the latest rate, at most 1 s old. Several processes share one database,
// so a rate set elsewhere is seen within a second; a rate set here clears the cache at once.
const CACHE_MS = 1000;
let cache = new WeakMap<Db, Map<CurrencyCode, { at: number; rate: FxRate }>>();

export function clearRateCache(): void {
  cache = new WeakMap();
}

/** The rate in force for USD→quote: the one with the latest `asOf`. */
export async function latestRate(db: Db, quote: CurrencyCode): Promise<FxRate> {
  if (quote === 'USD') return USD_IDENTITY_RATE;
  const now = Date.now();
  let perDb = cache.get(db);
  const hit = perDb?.get(quote);
  if (hit && now - hit.at < CACHE_MS) return hit.rate;
  const { rows } = await db.execute<RateRow>(sql`
    SELECT id, quote, rate, source, as_of FROM fx_rates
    WHERE quote = ${quote} ORDER BY as_of DESC, id DESC LIMIT 1`);
  const row = rows[0];
  if (!row) throw notFound('markets.no_rate', `There is no USD→${quote} rate.`, { quote });
  const rate = toFxRate(row);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  perDb.set(quote, { at: now, rate });
  return rate;
}

/** A rate by id (as locked by a quote); unknown → `markets.unknown_rate` (404). */
export async function rateById(db: Db, id: string): Promise<FxRate> {
  if (id === USD_IDENTITY_RATE.id) return USD_IDENTITY_RATE;
  const { rows } = await db.execute<RateRow>(sql`
    SELECT id, quote, rate, source, as_of FROM fx_rates WHERE id = ${id}`);
  const row = rows[0];
  if (!row) throw notFound('markets.unknown_rate', `There is no FX rate ${id}.`, { id });
  return toFxRate(row);
}

/** The latest rate of every currency that has one, in currency order. */
export async function latestRates(db: Db): Promise<FxRate[]> {
  const { rows } = await db.execute<RateRow>(sql`
    SELECT DISTINCT ON (quote) id, quote, rate, source, as_of FROM fx_rates
    ORDER BY quote, as_of DESC, id DESC`);
  return rows.map(toFxRate);
}
