import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { notFound, unprocessable } from '../../kernel/errors.ts';
import type { Quote } from './quote-types.ts';
import { snapshotFromJson, snapshotToJson } from './quote-types.ts';

type QuoteBody = Pick<Quote, 'orders' | 'totals' | 'fxSource'>;

export async function saveQuote(tx: Db, quote: Quote): Promise<void> {
  const body: QuoteBody = { orders: quote.orders, totals: quote.totals, fxSource: quote.fxSource };
  await tx.execute(sql`INSERT INTO checkout_quotes
    (id, buyer_id, market, currency, fx_rate_id, fx_rate, shipping_method, snapshot, total_amount, status, created_at, expires_at)
    VALUES (${quote.id}, ${quote.buyerId}, ${quote.market}, ${quote.currency}, ${quote.fxRateId}, ${quote.fxRate},
      ${quote.shippingMethod}, ${snapshotToJson(body)}::jsonb, ${quote.totals.total.toString()}, 'open',
      ${quote.createdAt.toISOString()}, ${quote.expiresAt.toISOString()})`);
}

function rowToQuote(r: Record<string, unknown>): Quote {
  const body = snapshotFromJson<QuoteBody>(r.snapshot);
  return {
    id: r.id as string,
    buyerId: r.buyer_id as string,
    market: r.market as Quote['market'],
    currency: r.currency as Quote['currency'],
    fxRateId: r.fx_rate_id as string,
    fxRate: r.fx_rate as string,
    fxSource: body.fxSource,
    shippingMethod: r.shipping_method as Quote['shippingMethod'],
    createdAt: new Date(r.created_at as string),
    expiresAt: new Date(r.expires_at as string),
    status: r.status as Quote['status'],
    orders: body.orders,
    totals: body.totals,
  };
}

/** A buyer sees only their own quotes; anyone else's is "not found". */
export async function getQuote(db: Db, id: string, buyerId: string): Promise<Quote> {
  const res = await db.execute(sql`SELECT * FROM checkout_quotes WHERE id = ${id} AND buyer_id = ${buyerId}`);
  const row = res.rows[0];
  if (!row) throw notFound('orders.quote_not_found', 'No such checkout quote.');
  return rowToQuote(row);
}

/** Any buyer's quote, for platform staff who explain or audit it; buyers read theirs with getQuote. */
export async function getQuoteById(db: Db, id: string): Promise<Quote> {
  const res = await db.execute(sql`SELECT * FROM checkout_quotes WHERE id = ${id}`);
  const row = res.rows[0];
  if (!row) throw notFound('orders.quote_not_found', 'No such checkout quote.');
  return rowToQuote(row);
}

export type QuoteClaim = { claimed: true; quote: Quote } | { claimed: false; checkoutId: string };

/**
 * Takes an open, unexpired quote for placement (one conditional UPDATE, so two concurrent
 * placements cannot both win). A quote already placed answers with its checkout, which makes
 * placing idempotent at the business level too, not only through the Idempotency-Key.
 */
export async function claimQuote(tx: Db, id: string, buyerId: string, now: Date): Promise<QuoteClaim> {
  const res = await tx.execute(sql`UPDATE checkout_quotes SET status = 'placed'
    WHERE id = ${id} AND buyer_id = ${buyerId} AND status = 'open' AND expires_at > ${now.toISOString()}
    RETURNING *`);
  const row = res.rows[0];
  if (row) return { claimed: true, quote: rowToQuote(row) };
  const existing = await tx.execute(sql`SELECT q.status, q.expires_at, c.id AS checkout_id
    FROM checkout_quotes q LEFT JOIN checkouts c ON c.quote_id = q.id
    WHERE q.id = ${id} AND q.buyer_id = ${buyerId}`);
  const e = existing.rows[0];
  if (!e) throw notFound('orders.quote_not_found', 'No such checkout quote.');
  if (e.checkout_id) return { claimed: false, checkoutId: e.checkout_id as string };
  throw unprocessable(
    'orders.quote_expired',
    'This quote has expired; ask for a new one (prices and rates may have moved).',
    {
      expiredAt: new Date(e.expires_at as string).toISOString(),
    },
  );
}

export async function recordCheckout(
  tx: Db,
  input: {
    id: string;
    quoteId: string;
    buyerId: string;
    paymentIntentId: string;
    paymentMethod: string;
    at: Date;
  },
): Promise<void> {
  await tx.execute(sql`INSERT INTO checkouts (id, quote_id, buyer_id, payment_intent_id, payment_method, created_at)
    VALUES (${input.id}, ${input.quoteId}, ${input.buyerId}, ${input.paymentIntentId}, ${input.paymentMethod}, ${input.at.toISOString()})`);
}

export async function getCheckout(
  db: Db,
  id: string,
): Promise<{
  id: string;
  quoteId: string;
  buyerId: string;
  paymentIntentId: string | null;
  createdAt: Date;
}> {
  const res = await db.execute(sql`SELECT * FROM checkouts WHERE id = ${id}`);
  const r = res.rows[0];
  if (!r) throw notFound('orders.checkout_not_found', 'No such checkout.');
  return {
    id: r.id as string,
    quoteId: r.quote_id as string,
    buyerId: r.buyer_id as string,
    paymentIntentId: (r.payment_intent_id as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
  };
}
