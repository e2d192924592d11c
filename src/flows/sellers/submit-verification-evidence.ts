import { inTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { unprocessable } from '../../kernel/errors.ts';
import { type DocumentFileType, detectFileType } from '../../modules/compliance/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import * as trust from '../../modules/trust/index.ts';
import type { FlowCtx } from '../context.ts';
import { assertSellerStaff, VERIFICATION_QUEUE, VERIFICATION_SUBJECT_KIND } from './verification-access.ts';

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
  const file = 'document' in evidence ? evidence.document?.content : undefined;
  if (file === undefined) return;
  const { bytes } = file;
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
  ctx: Ctx & Pick<FlowCtx, 'config'>,
  principal: Principal | null,
  input: { sellerId: string; evidence: sellers.VerificationItemInput },
): Promise<sellers.VerificationItem> {
  assertSellerStaff(principal, input.sellerId);
  assertReviewableDocument(input.evidence);
  return inTransaction(ctx.db, async (tx) => {
    const item = await sellers.submitVerificationItem(tx, ctx.clock, {
      sellerId: input.sellerId,
      submittedBy: principal.userId,
      evidence: input.evidence,
      // Keyed hash for bank account numbers, from the installation secret, so none is ever stored.
      accountHmacKey: ctx.config.bankAccountHashKey,
    });
    await trust.openQueueItem(tx, ctx.clock, {
      queue: VERIFICATION_QUEUE,
      subjectKind: VERIFICATION_SUBJECT_KIND,
      subjectId: item.id,
      sellerId: item.sellerId,
      summary: `Seller verification: ${item.kind.replaceAll('_', ' ')}`,
    });
    return item;
  });
}
