import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Locale, MarketCode } from '../../kernel/locales.ts';
import type { CurrencyCode } from '../../money/index.ts';
import type { Market } from './types.ts';

interface MarketRow extends Record<string, unknown> {
  code: string;
  currency: string;
  default_locale: string;
  locales: string[];
  names: Record<string, string>;
  confirmation_express_days: number;
  confirmation_surface_days: number;
}

function toMarket(r: MarketRow): Market {
  return {
    code: r.code as MarketCode,
    name: r.names as Record<Locale, string>,
    currency: r.currency as CurrencyCode,
    defaultLocale: r.default_locale as Locale,
    locales: r.locales as Locale[],
    confirmationWindowDays: { express: r.confirmation_express_days, surface: r.confirmation_surface_days },
  };
}

const COLUMNS = sql`code, currency, default_locale, locales, names, confirmation_express_days, confirmation_surface_days`;

/** Every market, in code order. */
export async function listMarkets(db: Db): Promise<Market[]> {
  const { rows } = await db.execute<MarketRow>(sql`SELECT ${COLUMNS} FROM markets ORDER BY code`);
  return rows.map(toMarket);
}

// Markets are policy data that change with a deploy, not per request: every quote reads one,
// so each process keeps them for a few seconds (several processes see a change within that).
const MARKET_TTL_MS = 5_000;
const marketCache = new WeakMap<Db, Map<string, { at: number; market: Market }>>();

/** One market by its code ("CN"); an unknown code is `markets.unknown_market` (404). */
export async function getMarket(db: Db, code: string): Promise<Market> {
  const perDb = marketCache.get(db) ?? new Map<string, { at: number; market: Market }>();
  const hit = perDb.get(code);
  if (hit && Date.now() - hit.at < MARKET_TTL_MS) return hit.market;
  const { rows } = await db.execute<MarketRow>(sql`SELECT ${COLUMNS} FROM markets WHERE code = ${code}`);
  const row = rows[0];
  if (!row) throw notFound('markets.unknown_market', `There is no market ${code}.`, { market: code });
  const market = toMarket(row);
  perDb.set(code, { at: Date.now(), market });
  marketCache.set(db, perDb);
  return market;
}
