import { sql } from 'drizzle-orm';
import { emitEvent, recordAudit } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import { isId, type SellerId } from '../../kernel/ids.ts';
import { assertTransition } from '../../kernel/state-machine.ts';
import {
  SELLER_COLUMNS,
  SELLER_TRANSITIONS,
  type SellerRow,
  type SellerState,
  type SellerView,
  toSellerView,
} from './seller-view.ts';

export const MAX_REASON_LENGTH = 1000;

/**
 * Moves a seller along pending → verified → suspended (→ verified), in the caller's transaction,
 * with an audit row naming the actor and the reason. `from`, when given, must be the current
 * state (so "verify" cannot silently reinstate a suspended seller).
 * `verifiedAt` keeps the first verification: the impact report counts a business from then.
 */
export async function transitionSeller(
  tx: Db,
  clock: Clock,
  input: { sellerId: SellerId; to: SellerState; actorId: string; reason: string; from?: SellerState },
): Promise<SellerView> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
    throw invalid('sellers.invalid_reason', `A reason of 1 to ${MAX_REASON_LENGTH} characters is required.`);
  }
  if (!input.actorId) throw invalid('sellers.invalid_actor', 'A transition needs the acting user.');
  if (!isId('sel', input.sellerId)) {
    throw notFound('sellers.not_found', 'No such seller.', { sellerId: input.sellerId });
  }
  const { rows } = await tx.execute<{ state: SellerState }>(
    sql`SELECT state FROM sellers WHERE id = ${input.sellerId} FOR UPDATE`,
  );
  const current = rows[0];
  if (!current) throw notFound('sellers.not_found', 'No such seller.', { sellerId: input.sellerId });
  const from = current.state;
  if (input.from && input.from !== from) {
    throw conflict('sellers.invalid_transition', `The seller is ${from}, not ${input.from}.`, {
      from,
      to: input.to,
    });
  }
  assertTransition(SELLER_TRANSITIONS, 'sellers', from, input.to);
  const now = clock.now();
  const updated = await tx.execute<SellerRow>(sql`
    UPDATE sellers
       SET state = ${input.to}, updated_at = ${now},
           verified_at = ${input.to === 'verified' ? sql`COALESCE(verified_at, ${now})` : sql`verified_at`}
     WHERE id = ${input.sellerId}
     RETURNING ${SELLER_COLUMNS}`);
  await recordAudit(tx, {
    actor: input.actorId,
    action: `sellers.${input.to}`,
    subject: input.sellerId,
    detail: { from, to: input.to, reason },
  });
  await emitEvent(tx, 'sellers.state_changed', input.sellerId, {
    sellerId: input.sellerId,
    from,
    to: input.to,
  });
  return toSellerView(updated.rows[0]!);
}
