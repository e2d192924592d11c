import { sql } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts';
import { isId, newId, type SellerId } from '../../kernel/ids.ts';
import { einProblem } from './ein.ts';
import { getSeller } from './read-sellers.ts';
import type { SellerState } from './seller-view.ts';
import { prepareEvidence, VerificationItemInput, type VerificationKind } from './verification-evidence.ts';
import { computeVerification, type VerificationStanding } from './verification-levels.ts';

export type VerificationItemStatus = 'pending' | 'approved' | 'rejected';

export interface VerificationItem {
  id: string;
  sellerId: SellerId;
  kind: VerificationKind;
  status: VerificationItemStatus;
  /** Kind-specific facts; a bank account shows only its last four digits. */
  details: Record<string, unknown>;
  document: { name: string; sha256: string; uploadedBytes: number | null } | null;
  expiresOn: string | null;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

interface Row extends Record<string, unknown> {
  id: string;
  seller_id: string;
  kind: VerificationKind;
  status: VerificationItemStatus;
  details: Record<string, unknown>;
  document_name: string | null;
  document_sha256: string | null;
  document_bytes: number | null;
  expires_on: string | null;
  submitted_by: string;
  submitted_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  decision_reason: string | null;
}

const COLUMNS = sql.raw(
  'id, seller_id, kind, status, details, document_name, document_sha256, document_bytes, ' +
    "to_char(expires_on, 'YYYY-MM-DD') AS expires_on, submitted_by, submitted_at, decided_by, decided_at, decision_reason",
);
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toItem(r: Row): VerificationItem {
  return {
    id: r.id,
    sellerId: r.seller_id as SellerId,
    kind: r.kind,
    status: r.status,
    details: r.details,
    document:
      r.document_name === null
        ? null
        : { name: r.document_name, sha256: r.document_sha256!, uploadedBytes: r.document_bytes },
    expiresOn: r.expires_on,
    submittedBy: r.submitted_by,
    submittedAt: iso(r.submitted_at)!,
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    decisionReason: r.decision_reason,
  };
}

/**
 * Records a piece of evidence as pending. While an item of the same kind (farm documents: the same
 * document kind) is pending, another is refused, so an agent never decides two versions at once.
 */
export async function submitVerificationItem(
  tx: Db,
  clock: Clock,
  input: { sellerId: string; submittedBy: string; evidence: VerificationItemInput; accountHmacKey: Buffer },
): Promise<VerificationItem> {
  const seller = await getSeller(tx, input.sellerId);
  const evidence = VerificationItemInput.parse(input.evidence);
  const prepared = prepareEvidence(evidence, input.accountHmacKey);
  if (prepared === 'document_too_large')
    throw unprocessable('sellers.document_too_large', 'A document may be at most 5 MB.');
  if (prepared === 'document_hash_mismatch')
    throw unprocessable('sellers.document_hash_mismatch', 'The uploaded document does not match its sha256.');
  const id = newId('svi');
  const now = clock.now().toISOString();
  const doc = prepared.document;
  const { rows } = await tx.execute<Row>(sql`
    INSERT INTO seller_verification_items (id, seller_id, kind, slot, details, account_hmac, document_name,
                document_sha256, document_bytes, expires_on, submitted_by, submitted_at)
    VALUES (${id}, ${seller.id}, ${prepared.kind}, ${prepared.slot}, ${JSON.stringify(prepared.details)}::jsonb,
            ${prepared.accountHmac}, ${doc?.name ?? null}, ${doc?.sha256 ?? null}, ${doc?.content?.length ?? null},
            ${prepared.expiresOn}, ${input.submittedBy}, ${now})
    ON CONFLICT (seller_id, slot) WHERE status = 'pending' DO NOTHING
    RETURNING ${COLUMNS}`);
  if (!rows[0]) {
    throw conflict(
      'sellers.verification_item_pending',
      'An item of this kind is already waiting for review.',
      {
        sellerId: seller.id,
        kind: prepared.kind,
      },
    );
  }
  if (doc?.content) {
    await tx.execute(
      sql`INSERT INTO seller_verification_documents (item_id, content) VALUES (${id}, ${doc.content})`,
    );
  }
  await recordAudit(tx, {
    actor: input.submittedBy,
    action: 'sellers.verification_item_submitted',
    subject: id,
    detail: { sellerId: seller.id, kind: prepared.kind },
  });
  return toItem(rows[0]);
}

export async function getVerificationItem(db: Db, id: string): Promise<VerificationItem> {
  const missing = () => notFound('sellers.verification_item_not_found', 'No such verification item.', { id });
  if (!isId('svi', id)) throw missing();
  const { rows } = await db.execute<Row>(
    sql`SELECT ${COLUMNS} FROM seller_verification_items WHERE id = ${id}`,
  );
  if (!rows[0]) throw missing();
  return toItem(rows[0]);
}

/** A trust agent approves or rejects a pending item; deciding it twice is refused. Audited. */
export async function decideVerificationItem(
  tx: Db,
  clock: Clock,
  input: { itemId: string; decision: 'approve' | 'reject'; reason: string; actor: string },
): Promise<VerificationItem> {
  const item = await getVerificationItem(tx, input.itemId);
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const { rows } = await tx.execute<Row>(sql`
    UPDATE seller_verification_items
       SET status = ${status}, decided_by = ${input.actor}, decided_at = ${clock.now().toISOString()},
           decision_reason = ${input.reason}
     WHERE id = ${item.id} AND status = 'pending'
     RETURNING ${COLUMNS}`);
  if (!rows[0]) {
    throw conflict('sellers.verification_item_decided', 'This item has already been decided.', {
      id: item.id,
      status: item.status,
    });
  }
  await recordAudit(tx, {
    actor: input.actor,
    action: `sellers.verification_item_${status}`,
    subject: item.id,
    detail: { sellerId: item.sellerId, kind: item.kind, reason: input.reason },
  });
  return toItem(rows[0]);
}

/** A seller's evidence, newest first. */
export async function listVerificationItems(db: Db, sellerId: string): Promise<VerificationItem[]> {
  const { rows } = await db.execute<Row>(
    sql`SELECT ${COLUMNS} FROM seller_verification_items WHERE seller_id = ${sellerId} ORDER BY id DESC`,
  );
  return rows.map(toItem);
}

export interface SellerVerification extends VerificationStanding {
  sellerId: SellerId;
  sellerState: SellerState;
  isFarm: boolean;
  items: VerificationItem[];
}

/** A seller's level, badges and what each level still lacks, as of the clock's today. */
export async function sellerVerification(
  db: Db,
  clock: Clock,
  sellerId: string,
): Promise<SellerVerification> {
  const seller = await getSeller(db, sellerId);
  const items = await listVerificationItems(db, seller.id);
  const standing = computeVerification(
    {
      einOnFile: einProblem(seller.ein) === null,
      isFarm: seller.isFarm,
      approved: items.filter((i) => i.status === 'approved'),
    },
    clock.now().toISOString().slice(0, 10),
  );
  return { sellerId: seller.id, sellerState: seller.state, isFarm: seller.isFarm, items, ...standing };
}
