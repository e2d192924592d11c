import { inTransaction } from '../../db/transaction.ts';
import { hasRole, type Principal } from '../../kernel/access.ts';
import { forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/locales.ts';
import { type DocumentFileType, detectFileType } from '../../modules/compliance/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import * as trust from '../../modules/trust/index.ts';
import type { FlowCtx } from '../context.ts';

/**
 * Seller verification levels across two modules: the sellers module keeps the evidence and computes
 * the level; the trust module holds the agents' 'seller_verifications' queue and their decisions.
 * The existing pending → verified → suspended standing (seller-verification.ts) is untouched.
 */

const QUEUE = 'seller_verifications';
const SUBJECT_KIND = 'seller_verification_item';

/** Keyed hash for bank account numbers, derived from the installation secret so it is never stored. */
export const accountHmacKey = (ctx: FlowCtx): Buffer => ctx.config.bankAccountHashKey;

const isStaffOf = (p: Principal | null, sellerId: string) =>
  !!p && hasRole(p, 'seller_staff') && (p.sellerIds as readonly string[]).includes(sellerId);

/** Only the seller's own staff submit its evidence. */
export function assertSellerStaff(p: Principal | null, sellerId: string): void {
  if (!isStaffOf(p, sellerId))
    throw forbidden('sellers.not_your_seller', 'Only this seller’s staff may do this.', { sellerId });
}

/** The seller's staff, trust agents and platform admins see its evidence. */
export function assertMaySeeVerification(p: Principal | null, sellerId: string): void {
  if (hasRole(p, 'trust_agent') || hasRole(p, 'platform_admin')) return;
  assertSellerStaff(p, sellerId);
}

/** The files an agent can open in review; the same as a seller's compliance documents. */
export const VERIFICATION_DOCUMENT_TYPES: readonly DocumentFileType[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
];

/**
 * An uploaded document must be a non-empty PDF, PNG or JPEG, known by its first bytes (a file name
 * proves nothing). An oversized one is left to the sellers module, which refuses it by size.
 */
export function assertReviewableDocument(evidence: sellers.VerificationItemInput): void {
  const base64 = 'document' in evidence ? evidence.document?.contentBase64 : undefined;
  if (base64 === undefined) return;
  const bytes = Buffer.from(base64, 'base64');
  const refuse = (code: string, message: string) =>
    unprocessable(code, message, { errors: [{ path: 'body.document', message }] });
  if (bytes.length === 0) throw refuse('sellers.document_empty', 'The file is empty.');
  if (bytes.length > sellers.MAX_DOCUMENT_BYTES) return;
  const type = detectFileType(bytes);
  if (!type || !VERIFICATION_DOCUMENT_TYPES.includes(type))
    throw refuse('sellers.unsupported_document_type', 'The file must be a PDF, PNG or JPEG.');
}

/** Records evidence as pending and puts it in the agents' queue, in one transaction. */
export async function submitVerificationEvidence(
  ctx: FlowCtx,
  input: { sellerId: string; actorId: string; evidence: sellers.VerificationItemInput },
): Promise<sellers.VerificationItem> {
  assertReviewableDocument(input.evidence);
  return inTransaction(ctx.db, async (tx) => {
    const item = await sellers.submitVerificationItem(tx, ctx.clock, {
      sellerId: input.sellerId,
      submittedBy: input.actorId,
      evidence: input.evidence,
      accountHmacKey: accountHmacKey(ctx),
    });
    await trust.openQueueItem(tx, ctx.clock, {
      queue: QUEUE,
      subjectKind: SUBJECT_KIND,
      subjectId: item.id,
      sellerId: item.sellerId,
      summary: `Seller verification: ${item.kind.replaceAll('_', ' ')}`,
    });
    return item;
  });
}

/**
 * A trust agent approves or rejects an item: the item is decided, its queue item closed and the
 * decision recorded on the seller, in one transaction. An agent who is staff of the seller may not
 * decide its evidence.
 */
export async function decideVerificationEvidence(
  ctx: FlowCtx,
  principal: Principal,
  input: { itemId: string; decision: 'approve' | 'reject'; reason: string },
): Promise<sellers.VerificationItem> {
  return inTransaction(ctx.db, async (tx) => {
    const pending = await sellers.getVerificationItem(tx, input.itemId);
    if ((principal.sellerIds as readonly string[]).includes(pending.sellerId)) {
      throw forbidden('sellers.own_verification', 'No one decides the evidence of a seller they work for.', {
        itemId: pending.id,
      });
    }
    const item = await sellers.decideVerificationItem(tx, ctx.clock, { ...input, actor: principal.userId });
    const outcome = item.status === 'approved' ? 'approved' : 'rejected';
    await trust.closeQueueItem(tx, ctx.clock, {
      queue: QUEUE,
      subjectKind: SUBJECT_KIND,
      subjectId: item.id,
      actor: principal.userId,
      outcome,
    });
    await trust.recordDecision(tx, ctx.clock, {
      subjectKind: 'seller',
      subjectId: item.sellerId,
      sellerId: item.sellerId,
      decision: `verification_${outcome}`,
      rule: `seller_verification.${item.kind}`,
      actor: principal.userId,
      detail: { itemId: item.id, kind: item.kind, reason: input.reason },
    });
    return item;
  });
}

export interface PublicBadges {
  sellerId: string;
  level: number;
  badges: { code: string; label: string }[];
}

/** What the storefront shows: a verified seller's level and badges labelled in the buyer's locale. */
export async function publicSellerBadges(
  ctx: FlowCtx,
  sellerId: string,
  locale: Locale,
): Promise<PublicBadges> {
  const v = await sellers.sellerVerification(ctx.db, ctx.clock, sellerId);
  // Pending and suspended sellers are not public (as in GET /sellers/:id).
  if (v.sellerState !== 'verified') throw notFound('sellers.not_found', 'No such seller.', { sellerId });
  return {
    sellerId: v.sellerId,
    level: v.level,
    badges: v.badges.map((code) => ({ code, label: sellers.badgeLabel(code, locale) })),
  };
}
