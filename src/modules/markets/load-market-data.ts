import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { newId } from '../../kernel/ids.ts';
import { FxRatesFile, MarketsFile, readDataFile } from './data-files.ts';
import { clearRateCache } from './fx-rates.ts';

/**
 * Loads data/markets.json and data/fx-rates.json. Idempotent: markets are upserted; a seed rate
 * is inserted only when no rate for its currency is as new or newer, so an admin's later rate
 * is never shadowed by the seed file. Both files are validated first: a bad file fails loudly
 * and nothing is written.
 */
export async function loadMarketData(db: Db): Promise<void> {
  const markets = readDataFile('markets.json', MarketsFile);
  const rates = readDataFile('fx-rates.json', FxRatesFile);
  const covered = new Set(rates.rates.map((r) => r.quote));
  const missing = markets.markets.filter((m) => !covered.has(m.currency)).map((m) => m.currency);
  if (missing.length > 0) throw new Error(`data/fx-rates.json has no rate for ${missing.join(', ')}`);

  await inTransaction(db, async (tx) => {
    // Several processes may start at once; one loads, the others then find nothing to do.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('markets.load_market_data'))`);
    for (const m of markets.markets) {
      await tx.execute(sql`
        INSERT INTO markets (code, currency, default_locale, locales, names,
                             confirmation_express_days, confirmation_surface_days)
        VALUES (${m.code}, ${m.currency}, ${m.defaultLocale}, ${`{${m.locales.join(',')}}`}::text[],
                ${JSON.stringify(m.name)}::jsonb, ${m.confirmationWindowDays.express},
                ${m.confirmationWindowDays.surface})
        ON CONFLICT (code) DO UPDATE SET
          currency = EXCLUDED.currency, default_locale = EXCLUDED.default_locale,
          locales = EXCLUDED.locales, names = EXCLUDED.names,
          confirmation_express_days = EXCLUDED.confirmation_express_days,
          confirmation_surface_days = EXCLUDED.confirmation_surface_days,
          updated_at = now()
        WHERE (markets.currency, markets.default_locale, markets.locales, markets.names,
               markets.confirmation_express_days, markets.confirmation_surface_days)
          IS DISTINCT FROM (EXCLUDED.currency, EXCLUDED.default_locale, EXCLUDED.locales, EXCLUDED.names,
               EXCLUDED.confirmation_express_days, EXCLUDED.confirmation_surface_days)`);
    }
    for (const r of rates.rates) {
      await tx.execute(sql`
        INSERT INTO fx_rates (id, quote, rate, source, as_of)
        SELECT ${newId('fx')}, ${r.quote}, ${r.rate}, ${r.source}, ${r.asOf}::timestamptz
        WHERE NOT EXISTS (
          SELECT 1 FROM fx_rates WHERE quote = ${r.quote} AND as_of >= ${r.asOf}::timestamptz)`);
    }
  });
  clearRateCache();
}
