import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import type { Money } from '../../money/index.ts';
import { ensureAccounts, type PostingInput, postEntry } from '../ledger/index.ts';
import { accounts } from './accounts.ts';
import { lockEscrow } from './queries.ts';
import { currencyOf, iso, moneyOf } from './sql.ts';

export interface ReleaseEscrowInput {
  orderId: string;
  market: string;
  customsRemittance: Money;
  grossUsd: Money;
  commissionUsd: Money;
  /** The goods' USD price within the gross (shipping aside): what the impact report counts as exported. */
  goodsUsd: Money;
}

/**
 * Releases one order's escrow (held → released) in one ledger entry 'release:<orderId>' whose
 * two currencies each balance on their own, joined through the FX position accounts:
 *   Dr escrow:<order>:CUR (all)   / Cr customs_remittance:<market>:CUR (duties and taxes)
 *                                 / Cr fx_position:CUR (the rest, converted)
 *   Dr fx_position:USD (gross)    / Cr seller_payable:<seller>:USD (gross − commission)
 *                                 / Cr platform_revenue:USD (commission)
 * Idempotent by order; refused unless the escrow is held.
 */
export async function releaseEscrow(
  tx: Db,
  clock: Clock,
  input: ReleaseEscrowInput,
): Promise<{ changed: boolean }> {
  const escrow = await lockEscrow(tx, input.orderId);
  if (escrow.status === 'released') return { changed: false };
  if (escrow.status !== 'held') {
    throw conflict('payments.escrow_not_held', `The escrow is ${escrow.status}, not held.`, {
      orderId: input.orderId,
      status: escrow.status,
    });
  }
  const held = moneyOf(escrow.amount, escrow.currency);
  const cur = currencyOf(escrow.currency);
  const { customsRemittance: customs, grossUsd: gross, commissionUsd: commission } = input;
  if (!/^[A-Z]{2}$/.test(input.market))
    throw invalid('payments.invalid_market', 'A market is a two-letter code.');
  if (customs.currency !== cur || customs.amount < 0n || customs.amount >= held.amount) {
    throw invalid(
      'payments.invalid_customs_remittance',
      'Duties and taxes are in the escrow currency and less than it.',
      {
        escrow: held.amount.toString(),
      },
    );
  }
  if (gross.currency !== 'USD' || gross.amount <= 0n) {
    throw invalid('payments.invalid_gross', 'The converted amount is a positive USD amount.');
  }
  if (
    input.goodsUsd.currency !== 'USD' ||
    input.goodsUsd.amount < 0n ||
    input.goodsUsd.amount > gross.amount
  ) {
    throw invalid('payments.invalid_goods', 'The goods value is in USD, between zero and the gross.');
  }
  if (commission.currency !== 'USD' || commission.amount < 0n || commission.amount > gross.amount) {
    throw invalid('payments.invalid_commission', 'The commission is in USD, between zero and the gross.');
  }
  const rest = moneyOf(held.amount - customs.amount, cur);
  const net = moneyOf(gross.amount - commission.amount, 'USD');
  const specs = {
    escrow: accounts.escrow(input.orderId, escrow.seller_id, cur),
    customs: accounts.customs(input.market, cur),
    fxLocal: accounts.fx(cur),
    fxUsd: accounts.fx('USD'),
    payable: accounts.sellerPayable(escrow.seller_id),
    revenue: accounts.platformRevenue(),
  };
  await ensureAccounts(tx, Object.values(specs));
  const all: PostingInput[] = [
    { account: specs.escrow.key, direction: 'debit', amount: held },
    { account: specs.customs.key, direction: 'credit', amount: customs },
    { account: specs.fxLocal.key, direction: 'credit', amount: rest },
    { account: specs.fxUsd.key, direction: 'debit', amount: gross },
    { account: specs.payable.key, direction: 'credit', amount: net },
    { account: specs.revenue.key, direction: 'credit', amount: commission },
  ];
  const postings = all.filter((p) => p.amount.amount > 0n);
  await postEntry(
    tx,
    {
      id: `release:${input.orderId}`,
      kind: 'escrow.release',
      reference: input.orderId,
      postings,
      metadata: {
        orderId: input.orderId,
        sellerId: escrow.seller_id,
        market: input.market,
        intentId: escrow.intent_id,
        goodsUsd: input.goodsUsd.amount.toString(),
      },
    },
    clock,
  );
  await tx.execute(sql`UPDATE escrows SET status = 'released', updated_at = ${iso(clock.now())}::timestamptz
    WHERE order_id = ${input.orderId}`);
  await emitEvent(tx, 'payments.escrow_released', input.orderId, {
    orderId: input.orderId,
    sellerId: escrow.seller_id,
    netUsd: net.amount.toString(),
  });
  return { changed: true };
}
