import type { Db } from '../../db/database.ts';
import type { Principal } from '../../kernel/access.ts';
import { conflict } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import type { FlowCtx } from '../context.ts';
import { type OrderDetail, readOrderDetail } from './get-order-detail.ts';
import { refundOrder } from './refund-order.ts';
import { releaseOrder } from './release-escrow.ts';

/** A trust agent decides a dispute: refund the buyer, or release the escrow to the seller. */
export async function resolveDispute(
  ctx: FlowCtx,
  principal: Principal,
  input: { disputeId: string; outcome: 'refund' | 'release'; resolution: string },
): Promise<OrderDetail> {
  const dispute = await orders.getDispute(ctx.db, input.disputeId);
  if (dispute.status !== 'open')
    throw conflict('orders.dispute_not_open', 'This dispute is already resolved.');
  // The dispute closes in the same transaction as the money moves, so neither happens alone.
  const close = (outcome: 'refunded' | 'released') => (tx: Db) =>
    orders.closeDispute(tx, ctx.clock, { disputeId: dispute.id, outcome, resolution: input.resolution });
  if (input.outcome === 'refund') {
    const reason = `dispute: ${input.resolution}`;
    return refundOrder(ctx, principal, { orderId: dispute.orderId, reason }, close('refunded'));
  }
  const note = `dispute resolved: ${input.resolution}`;
  await releaseOrder(ctx, dispute.orderId, principal.userId, note, close('released'));
  return readOrderDetail(ctx, dispute.orderId);
}
