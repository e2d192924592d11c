import { sql } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import { invalid } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type CurrencyCode, isCurrencyCode } from '../../money/index.ts';
import { clearRateCache } from './fx-rates.ts';
import { type FxRate, isValidRate } from './types.ts';

/** A rate may be dated a little ahead of this server's clock (clock skew), not more. */
const MAX_FUTURE_MS = 5 * 60_000;

/**
 * Records a new USD→quote rate (append-only) with an audit row in the same transaction.
 * The rate in force is the one with the latest `asOf`, so a back-dated rate adds history
 * without replacing a newer one.
 */
export async function setRate(
  ctx: Ctx,
  input: { quote: CurrencyCode; rate: string; source: string; asOf?: Date },
  actorId: string,
): Promise<FxRate> {
  if (!isCurrencyCode(input.quote) || input.quote === 'USD') {
    throw invalid('markets.invalid_currency', `Rates are USD→currency; ${input.quote} cannot be set.`, {
      quote: input.quote,
    });
  }
  if (!isValidRate(input.rate)) {
    throw invalid('markets.invalid_rate', 'The rate must be a positive decimal with at most 12 decimals.', {
      rate: input.rate,
    });
  }
  const source = input.source.trim();
  if (source.length === 0 || source.length > 200) {
    throw invalid('markets.invalid_source', 'The source must be 1 to 200 characters.');
  }
  const now = ctx.clock.now();
  const asOf = input.asOf ?? now;
  if (Number.isNaN(asOf.getTime()) || asOf.getTime() > now.getTime() + MAX_FUTURE_MS) {
    throw invalid('markets.rate_in_future', 'A rate cannot be dated in the future.', {
      asOf: Number.isNaN(asOf.getTime()) ? null : asOf.toISOString(),
    });
  }
  const rate: FxRate = { id: newId('fx'), base: 'USD', quote: input.quote, rate: input.rate, source, asOf };
  await inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`
      INSERT INTO fx_rates (id, quote, rate, source, as_of, recorded_at)
      VALUES (${rate.id}, ${rate.quote}, ${rate.rate}, ${rate.source}, ${asOf.toISOString()}::timestamptz,
              ${now.toISOString()}::timestamptz)`);
    await recordAudit(tx, {
      actor: actorId,
      action: 'markets.fx_rate_set',
      subject: rate.id,
      detail: { quote: rate.quote, rate: rate.rate, source, asOf: asOf.toISOString() },
    });
  });
  clearRateCache();
  return rate;
}
