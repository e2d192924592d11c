import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../kernel/errors.ts';
import type { PaymentIntentId } from '../../kernel/ids.ts';
import { type Money, zero } from '../../money/index.ts';
import { accountBalance } from '../ledger/index.ts';
import { accounts } from './accounts.ts';
import { moneyOf, query } from './sql.ts';
import type { EscrowStatus, EscrowView, IntentStatus, PaymentIntentView, PayoutStatus } from './types.ts';

export interface IntentRow extends Record<string, unknown> {
  id: string;
  checkout_id: string;
  buyer_id: string;
  amount: string;
  currency: string;
  payment_method: string;
  status: IntentStatus;
  provider_ref: string | null;
  failure_code: string | null;
}

export interface EscrowRow extends Record<string, unknown> {
  order_id: string;
  intent_id: string;
  seller_id: string;
  amount: string;
  currency: string;
  status: EscrowStatus;
}

const escrowView = (r: EscrowRow): EscrowView => ({
  orderId: r.order_id,
  sellerId: r.seller_id,
  amount: moneyOf(r.amount, r.currency),
  status: r.status,
});

async function view(db: Db, intent: IntentRow): Promise<PaymentIntentView> {
  const escrows = await query<EscrowRow>(
    db,
    sql`SELECT * FROM escrows WHERE intent_id = ${intent.id} ORDER BY order_id`,
  );
  return {
    id: intent.id as PaymentIntentId,
    checkoutId: intent.checkout_id,
    buyerId: intent.buyer_id,
    amount: moneyOf(intent.amount, intent.currency),
    status: intent.status,
    paymentMethod: intent.payment_method,
    providerRef: intent.provider_ref,
    failureCode: intent.failure_code,
    escrows: escrows.map(escrowView),
  };
}

/** Locks the intent row for the rest of the caller's transaction. */
export async function lockIntent(tx: Db, intentId: string): Promise<IntentRow> {
  const [row] = await query<IntentRow>(
    tx,
    sql`SELECT * FROM payment_intents WHERE id = ${intentId} FOR UPDATE`,
  );
  if (!row) throw notFound('payments.intent_not_found', 'No such payment intent.', { intentId });
  return row;
}

/** Locks the intent and reads the orders it pays for, in one round trip. */
export async function lockIntentWithOrders(
  tx: Db,
  intentId: string,
): Promise<IntentRow & { order_ids: string[] }> {
  const [row] = await query<IntentRow & { order_ids: string[] }>(
    tx,
    sql`SELECT i.*, ARRAY(SELECT order_id FROM escrows WHERE intent_id = i.id ORDER BY order_id) AS order_ids
        FROM payment_intents i WHERE i.id = ${intentId} FOR UPDATE`,
  );
  if (!row) throw notFound('payments.intent_not_found', 'No such payment intent.', { intentId });
  return row;
}

/** Locks an order's escrow row for the rest of the caller's transaction. */
export async function lockEscrow(tx: Db, orderId: string): Promise<EscrowRow> {
  const [row] = await query<EscrowRow>(tx, sql`SELECT * FROM escrows WHERE order_id = ${orderId} FOR UPDATE`);
  if (!row) throw notFound('payments.escrow_not_found', 'This order has no escrow.', { orderId });
  return row;
}

export async function escrowOrderIds(db: Db, intentId: string): Promise<string[]> {
  const rows = await query<{ order_id: string }>(
    db,
    sql`SELECT order_id FROM escrows WHERE intent_id = ${intentId} ORDER BY order_id`,
  );
  return rows.map((r) => r.order_id);
}

export async function getIntent(db: Db, id: string): Promise<PaymentIntentView> {
  const [row] = await query<IntentRow>(db, sql`SELECT * FROM payment_intents WHERE id = ${id}`);
  if (!row) throw notFound('payments.intent_not_found', 'No such payment intent.', { intentId: id });
  return view(db, row);
}

export async function intentForCheckout(db: Db, checkoutId: string): Promise<PaymentIntentView | null> {
  const [row] = await query<IntentRow>(
    db,
    sql`SELECT * FROM payment_intents WHERE checkout_id = ${checkoutId}`,
  );
  return row ? view(db, row) : null;
}

export async function escrowForOrder(db: Db, orderId: string): Promise<EscrowView | null> {
  const [row] = await query<EscrowRow>(db, sql`SELECT * FROM escrows WHERE order_id = ${orderId}`);
  return row ? escrowView(row) : null;
}

export interface SellerMoney {
  escrowHeld: Money[];
  payable: Money;
  paidOut: Money;
  payouts: { id: string; amount: Money; status: PayoutStatus; createdAt: string }[];
}

/** What a seller sees: escrow held per currency, what Heartland owes it in USD, and its payouts. */
export async function sellerMoney(db: Db, sellerId: string): Promise<SellerMoney> {
  const held = await query<{ currency: string; amount: string }>(
    db,
    sql`SELECT currency, sum(amount)::text AS amount FROM escrows
        WHERE seller_id = ${sellerId} AND status = 'held' GROUP BY currency ORDER BY currency`,
  );
  const payable = await accountBalance(db, accounts.sellerPayable(sellerId).key);
  const [paid] = await query<{ amount: string }>(
    db,
    sql`SELECT coalesce(sum(amount), 0)::text AS amount FROM payouts WHERE seller_id = ${sellerId} AND status = 'paid'`,
  );
  const payouts = await query<{
    id: string;
    amount: string;
    currency: string;
    status: PayoutStatus;
    created_at: Date;
  }>(
    db,
    sql`SELECT id, amount, currency, status, created_at FROM payouts
        WHERE seller_id = ${sellerId} ORDER BY created_at DESC, id DESC LIMIT 100`,
  );
  return {
    escrowHeld: held.map((h) => moneyOf(h.amount, h.currency)),
    payable: payable?.balance ?? zero('USD'),
    paidOut: moneyOf(paid?.amount ?? '0', 'USD'),
    payouts: payouts.map((p) => ({
      id: p.id,
      amount: moneyOf(p.amount, p.currency),
      status: p.status,
      createdAt: new Date(p.created_at).toISOString(),
    })),
  };
}
