import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { sniffFileType } from '../../../common/document-type.ts';
import { recordAudit } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import { isId, newId, type SellerDocumentId, type SellerId } from '../../kernel/ids.ts';
import { isMarketCode, MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import { zUploadedFile } from '../../kernel/uploaded-file.ts';
import { DOCUMENT_TYPE_IDS, documentType } from './document-requirements.ts';
import { isCalendarDate, marketDate } from './market-days.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type DocumentFileType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** A document file's type from its first bytes (the kernel's sniffer); null unless PDF, PNG or JPEG. */
export function detectFileType(bytes: Uint8Array): DocumentFileType | null {
  const type = sniffFileType(bytes);
  return type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg' ? type : null;
}

const Day = z
  .string()
  .refine(isCalendarDate, 'A date is YYYY-MM-DD.')
  .refine((d) => d >= '1990-01-01' && d <= '2100-12-31', 'The date is out of range.');

/** What a seller records: validated here as at the HTTP edge (the route reuses this schema). */
export const RecordDocumentSchema = z
  .object({
    type: z.enum(DOCUMENT_TYPE_IDS as [string, ...string[]]),
    /** For documents issued per destination (a phytosanitary certificate). */
    market: z.enum(MARKET_CODES).optional(),
    number: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./()#_-]*$/u, 'Letters, digits, spaces and . / ( ) # _ - only.'),
    issuer: z.string().trim().min(1).max(200),
    issuedOn: Day,
    expiresOn: Day.optional(),
    /** The scan, as a multipart file part (stored under the name it was sent with). */
    file: zUploadedFile('The document’s PDF, PNG or JPEG, at most 5 MB (multipart only).').optional(),
  })
  .strict();
export type RecordDocumentInput = z.infer<typeof RecordDocumentSchema>;

export interface SellerDocument {
  id: SellerDocumentId;
  sellerId: SellerId;
  type: string;
  market: MarketCode | null;
  number: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  file: { contentType: DocumentFileType; sizeBytes: number; sha256: string; name: string | null } | null;
  recordedAt: string;
  recordedBy: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export type DocumentStatus = 'valid' | 'expired' | 'not_yet_valid' | 'revoked';

/** Valid on a calendar day: issued on or before it, expiring on or after it, and not revoked. */
export function documentValidOn(doc: SellerDocument, day: string): boolean {
  return documentStatus(doc, day) === 'valid';
}

export function documentStatus(doc: SellerDocument, day: string): DocumentStatus {
  if (doc.revokedAt !== null) return 'revoked';
  if (day < doc.issuedOn) return 'not_yet_valid';
  if (doc.expiresOn !== null && day > doc.expiresOn) return 'expired';
  return 'valid';
}

/** The market whose calendar dates the document: its issuing market, its destination, else UTC. */
export function documentMarket(doc: Pick<SellerDocument, 'type' | 'market'>): MarketCode | null {
  const m = documentType(doc.type)?.market ?? doc.market;
  return m && isMarketCode(m) ? m : null;
}

/** Today in the document's own calendar. */
export function documentToday(doc: Pick<SellerDocument, 'type' | 'market'>, at: Date): string {
  const m = documentMarket(doc);
  return m ? marketDate(m, at) : at.toISOString().slice(0, 10);
}

interface DocumentRow extends Record<string, unknown> {
  seller_id: string;
  id: string;
  type: string;
  market: string | null;
  number: string;
  issuer: string;
  issued_on: string;
  expires_on: string | null;
  recorded_at: string;
  recorded_by: string;
  revoked_at: string | null;
  revoke_reason: string | null;
  content_type: DocumentFileType | null;
  size_bytes: number | null;
  sha256: string | null;
  file_name: string | null;
}

const iso = (column: ReturnType<typeof sql>) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Dates as text: node-postgres would turn a `date` into a local-time Date and shift it.
const SELECT = sql`
  SELECT d.seller_id, d.id, d.type, d.market, d.number, d.issuer, d.issued_on::text AS issued_on,
         d.expires_on::text AS expires_on, ${iso(sql`d.recorded_at`)} AS recorded_at, d.recorded_by,
         ${iso(sql`d.revoked_at`)} AS revoked_at, d.revoke_reason,
         f.content_type, f.size_bytes, f.sha256, f.file_name
    FROM seller_documents d
    LEFT JOIN seller_document_files f ON f.seller_id = d.seller_id AND f.document_id = d.id`;

function toDocument(r: DocumentRow): SellerDocument {
  return {
    id: r.id as SellerDocumentId,
    sellerId: r.seller_id as SellerId,
    type: r.type,
    market: r.market as MarketCode | null,
    number: r.number,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    file:
      r.content_type && r.sha256
        ? { contentType: r.content_type, sizeBytes: r.size_bytes ?? 0, sha256: r.sha256, name: r.file_name }
        : null,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

function assertSellerId(sellerId: string): asserts sellerId is SellerId {
  if (!isId('sel', sellerId)) throw invalid('compliance.invalid_seller', 'Not a seller id.', { sellerId });
}

/** Rules of shape the schema cannot see: what the document type demands, and the file itself. */
function checkDocument(input: RecordDocumentInput): { bytes: Buffer; type: DocumentFileType } | null {
  const t = documentType(input.type)!;
  const fail = (path: string, message: string) =>
    invalid('compliance.invalid_document', message, { errors: [{ path, message }] });
  if (t.perMarket && !input.market) throw fail('market', `${t.name}: name the market it was issued for.`);
  if (!t.perMarket && input.market && input.market !== t.market) {
    throw fail('market', `${t.name} is not issued per market.`);
  }
  if (t.expires && !input.expiresOn) throw fail('expiresOn', `${t.name} expires: give its expiry date.`);
  if (input.expiresOn && input.expiresOn < input.issuedOn) {
    throw fail('expiresOn', 'The expiry date is before the issue date.');
  }
  if (!input.file) return null;
  const { bytes } = input.file;
  if (bytes.length === 0) throw fail('file', 'The file is empty.');
  if (bytes.length > MAX_FILE_BYTES) throw fail('file', 'The file is larger than 5 MB.');
  const type = detectFileType(bytes);
  if (!type) {
    throw invalid('compliance.unsupported_file_type', 'The file must be a PDF, PNG or JPEG.', {
      errors: [{ path: 'file', message: 'The file must be a PDF, PNG or JPEG.' }],
    });
  }
  return { bytes, type };
}

/**
 * Records a registration or certificate for a seller, with its file if given (type detected from
 * its bytes, stored with its SHA-256), and audits it. The same current document recorded twice is
 * refused (409). The caller checks the seller exists and the actor may act for it.
 * @example
 * await recordSellerDocument(ctx, { sellerId, actorId, type: 'cn_gacc_food_facility_registration',
 *   number: 'CUSA04012202210001', issuer: 'GACC', issuedOn: '2024-03-01', expiresOn: '2029-02-28' });
 */
export async function recordSellerDocument(
  ctx: Ctx,
  input: RecordDocumentInput & { sellerId: string; actorId: string },
): Promise<SellerDocument> {
  const { sellerId, actorId, ...rest } = input;
  assertSellerId(sellerId);
  const parsed = RecordDocumentSchema.safeParse(rest);
  if (!parsed.success) {
    throw invalid('compliance.invalid_document', 'The document is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const d = parsed.data;
  const file = checkDocument(d);
  const t = documentType(d.type)!;
  const market = t.perMarket ? d.market! : null;
  const id = newId('doc');
  return inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      INSERT INTO seller_documents (seller_id, id, type, market, number, issuer, issued_on, expires_on,
        recorded_by, recorded_at)
      VALUES (${sellerId}, ${id}, ${d.type}, ${market}, ${d.number}, ${d.issuer}, ${d.issuedOn}::date,
        ${d.expiresOn ?? null}::date, ${actorId}, ${ctx.clock.now()})
      ON CONFLICT DO NOTHING
      RETURNING id`);
    if (rows.length === 0) {
      throw conflict('compliance.document_exists', 'This document is already on file for the seller.', {
        type: d.type,
        number: d.number,
        issuedOn: d.issuedOn,
      });
    }
    if (file) {
      await tx.execute(sql`
        INSERT INTO seller_document_files (seller_id, document_id, content_type, size_bytes, sha256, file_name, bytes)
        VALUES (${sellerId}, ${id}, ${file.type}, ${file.bytes.length},
          ${createHash('sha256').update(file.bytes).digest('hex')}, ${d.file?.name.slice(0, 200) ?? null}, ${file.bytes})`);
    }
    await recordAudit(tx, {
      actor: actorId,
      action: 'compliance.document_recorded',
      subject: id,
      detail: {
        sellerId,
        type: d.type,
        market,
        number: d.number,
        issuedOn: d.issuedOn,
        expiresOn: d.expiresOn,
      },
    });
    return (await getSellerDocument(tx, sellerId, id))!;
  });
}

/** A seller's documents, revoked ones included, newest issue first. */
export async function listSellerDocuments(db: Db, sellerId: string): Promise<SellerDocument[]> {
  assertSellerId(sellerId);
  const { rows } = await db.execute<DocumentRow>(
    sql`${SELECT} WHERE d.seller_id = ${sellerId} ORDER BY d.issued_on DESC, d.id DESC`,
  );
  return rows.map(toDocument);
}

/** Every document of several sellers, by seller (for re-evaluating many listings at once). */
export async function documentsOfSellers(
  db: Db,
  sellerIds: readonly string[],
): Promise<Map<string, SellerDocument[]>> {
  const ids = [...new Set(sellerIds)].filter((s) => isId('sel', s));
  const out = new Map<string, SellerDocument[]>(ids.map((s) => [s, []]));
  if (ids.length === 0) return out;
  const { rows } = await db.execute<DocumentRow>(
    sql`${SELECT} WHERE d.seller_id = ANY(${sql.param(ids)}::text[]) ORDER BY d.issued_on DESC, d.id DESC`,
  );
  for (const r of rows) out.get(r.seller_id)?.push(toDocument(r));
  return out;
}

export async function getSellerDocument(
  db: Db,
  sellerId: string,
  documentId: string,
): Promise<SellerDocument | null> {
  if (!isId('sel', sellerId) || !isId('doc', documentId)) return null;
  const { rows } = await db.execute<DocumentRow>(
    sql`${SELECT} WHERE d.seller_id = ${sellerId} AND d.id = ${documentId}`,
  );
  return rows[0] ? toDocument(rows[0]) : null;
}

const missingDocument = (documentId: string) =>
  notFound('compliance.document_not_found', 'No such document for this seller.', { documentId });

/** The stored file of a document: its bytes, detected type and SHA-256. */
export async function getSellerDocumentFile(
  db: Db,
  sellerId: string,
  documentId: string,
): Promise<{ contentType: DocumentFileType; sha256: string; name: string | null; bytes: Buffer }> {
  if (!isId('sel', sellerId) || !isId('doc', documentId)) throw missingDocument(documentId);
  const { rows } = await db.execute<{
    content_type: DocumentFileType;
    sha256: string;
    file_name: string | null;
    bytes: Buffer;
  }>(sql`SELECT content_type, sha256, file_name, bytes FROM seller_document_files
          WHERE seller_id = ${sellerId} AND document_id = ${documentId}`);
  const r = rows[0];
  if (!r) {
    if (await getSellerDocument(db, sellerId, documentId)) {
      throw notFound('compliance.document_has_no_file', 'This document was recorded without a file.', {
        documentId,
      });
    }
    throw missingDocument(documentId);
  }
  return { contentType: r.content_type, sha256: r.sha256, name: r.file_name, bytes: r.bytes };
}

/**
 * Revokes a document (recorded in error, withdrawn by its issuer): from then on no listing relies
 * on it. Audited. Revoking a revoked document changes nothing and returns it as it is.
 */
export async function revokeSellerDocument(
  ctx: Ctx,
  input: { sellerId: string; documentId: string; actorId: string; reason: string },
): Promise<SellerDocument> {
  const reason = input.reason.trim();
  if (reason.length < 1 || reason.length > 1000) {
    throw invalid('compliance.invalid_reason', 'Give a reason of 1 to 1000 characters.');
  }
  if (!isId('sel', input.sellerId) || !isId('doc', input.documentId)) throw missingDocument(input.documentId);
  return inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      UPDATE seller_documents SET revoked_at = ${ctx.clock.now()}, revoked_by = ${input.actorId},
             revoke_reason = ${reason}
       WHERE seller_id = ${input.sellerId} AND id = ${input.documentId} AND revoked_at IS NULL
       RETURNING id`);
    if (rows.length > 0) {
      await recordAudit(tx, {
        actor: input.actorId,
        action: 'compliance.document_revoked',
        subject: input.documentId,
        detail: { sellerId: input.sellerId, reason },
      });
    }
    const doc = await getSellerDocument(tx, input.sellerId, input.documentId);
    if (!doc) throw missingDocument(input.documentId);
    return doc;
  });
}

/**
 * Serialises work on sellers' document sets (a transaction-scoped advisory lock per seller, taken
 * in id order so two callers cannot deadlock): a listing re-evaluated while a document is being
 * recorded waits for it, then sees it. Call inside a transaction.
 */
export async function lockSellerDocuments(tx: Db, sellerIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(sellerIds)].sort()) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`seller_documents:${id}`}, 0))`);
  }
}
