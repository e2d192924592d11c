import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { trustPolicy } from '../policy.ts';

export interface StrikeView {
  id: string;
  sellerId: string;
  noticeId: string;
  productId: string;
  reasonCode: string;
  serious: boolean;
  struckAt: string;
  /** When it stops counting (the policy's window after it was given). */
  expiresAt: string;
  withdrawnAt: string | null;
  /** Counts toward suspension now: not withdrawn and inside the window. */
  active: boolean;
}

interface Row extends Record<string, unknown> {
  id: string;
  seller_id: string;
  notice_id: string;
  product_id: string;
  reason_code: string;
  serious: boolean;
  struck_at: Date | string;
  withdrawn_at: Date | string | null;
}

const DAY_MS = 86_400_000;

/** A strike for a removal that stood. Once per listing of a notice; returns whether it was new. */
export async function addStrike(
  tx: Db,
  clock: Clock,
  s: { sellerId: string; noticeId: string; productId: string; reasonCode: string; serious: boolean },
): Promise<boolean> {
  const { rows } = await tx.execute(sql`
    INSERT INTO trust_strikes (seller_id, notice_id, product_id, reason_code, serious, struck_at)
    VALUES (${s.sellerId}, ${s.noticeId}, ${s.productId}, ${s.reasonCode}, ${s.serious}, ${clock.now().toISOString()})
    ON CONFLICT (notice_id, product_id) DO NOTHING RETURNING id`);
  if (rows.length === 0) return false;
  await recordAudit(tx, {
    actor: 'system',
    action: 'trust.strike',
    subject: s.sellerId,
    detail: { noticeId: s.noticeId, productId: s.productId, reasonCode: s.reasonCode, serious: s.serious },
  });
  return true;
}

/** Withdraws the strike of a listing that was reinstated. */
export async function withdrawStrike(
  tx: Db,
  clock: Clock,
  s: { noticeId: string; productId: string; rule: string; actor: string },
): Promise<boolean> {
  const { rows } = await tx.execute<{ seller_id: string }>(sql`
    UPDATE trust_strikes SET withdrawn_at = ${clock.now().toISOString()}, withdrawn_rule = ${s.rule}
     WHERE notice_id = ${s.noticeId} AND product_id = ${s.productId} AND withdrawn_at IS NULL
     RETURNING seller_id`);
  if (!rows[0]) return false;
  await recordAudit(tx, {
    actor: s.actor,
    action: 'trust.strike_withdrawn',
    subject: rows[0].seller_id,
    detail: { noticeId: s.noticeId, productId: s.productId, rule: s.rule },
  });
  return true;
}

/** A seller's strikes, newest first, with how many count now (the policy window on the clock). */
export async function sellerStrikes(
  db: Db,
  clock: Clock,
  sellerId: string,
): Promise<{
  strikes: StrikeView[];
  active: number;
  activeSerious: number;
  windowDays: number;
  seriousToSuspend: number;
}> {
  const { windowDays, seriousStrikesToSuspend } = trustPolicy().strikes;
  const now = clock.now().getTime();
  const { rows } = await db.execute<Row>(sql`
    SELECT id::text, seller_id, notice_id, product_id, reason_code, serious, struck_at, withdrawn_at
      FROM trust_strikes WHERE seller_id = ${sellerId} ORDER BY struck_at DESC, id DESC`);
  const strikes = rows.map((r): StrikeView => {
    const struck = new Date(r.struck_at).getTime();
    const expires = struck + windowDays * DAY_MS;
    return {
      id: r.id,
      sellerId: r.seller_id,
      noticeId: r.notice_id,
      productId: r.product_id,
      reasonCode: r.reason_code,
      serious: r.serious,
      struckAt: new Date(struck).toISOString(),
      expiresAt: new Date(expires).toISOString(),
      withdrawnAt: r.withdrawn_at === null ? null : new Date(r.withdrawn_at).toISOString(),
      active: r.withdrawn_at === null && struck <= now && now < expires,
    };
  });
  const active = strikes.filter((s) => s.active);
  return {
    strikes,
    active: active.length,
    activeSerious: active.filter((s) => s.serious).length,
    windowDays,
    seriousToSuspend: seriousStrikesToSuspend,
  };
}
