import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { documentContentType } from '../../../../common/document-type.ts';
import { recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { conflict, invalid, notFound, unprocessable } from '../../../kernel/errors.ts';
import { isId, newId } from '../../../kernel/ids.ts';
import type { Locale } from '../../../kernel/locales.ts';
import { recordDecision } from '../queues/decisions.ts';
import { closeQueueItem, openQueueItem } from '../queues/queue-items.ts';
import {
  type BrandDocumentInput,
  type BrandDocumentKind,
  BrandDocumentSchema,
  type BrandStatus,
  MAX_BRAND_DOCUMENT_BYTES,
  normalizeRegistrationNumber,
  type RegisterBrandInput,
  RegisterBrandSchema,
  type TrademarkOffice,
} from './schemas.ts';

export interface Brand {
  id: string;
  ownerUserId: string;
  name: string;
  terms: Partial<Record<Locale, string[]>>;
  trademark: { office: TrademarkOffice; registrationNumber: string; classes: number[]; ownerName: string };
  status: BrandStatus;
  statusReason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BrandDocument {
  id: string;
  brandId: string;
  kind: BrandDocumentKind;
  fileName: string;
  contentType: string;
  sha256: string;
  byteSize: number;
  createdAt: string;
}

interface BrandRow extends Record<string, unknown> {
  id: string;
  owner_user_id: string;
  name: string;
  terms: Partial<Record<Locale, string[]>>;
  tm_office: TrademarkOffice;
  tm_registration_number: string;
  tm_classes: number[];
  tm_owner_name: string;
  status: BrandStatus;
  status_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (v: Date | string) => new Date(v).toISOString();

function toBrand(r: BrandRow): Brand {
  return {
    id: r.id,
    ownerUserId: r.owner_user_id,
    name: r.name,
    terms: r.terms,
    trademark: {
      office: r.tm_office,
      registrationNumber: r.tm_registration_number,
      classes: r.tm_classes,
      ownerName: r.tm_owner_name,
    },
    status: r.status,
    statusReason: r.status_reason,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at === null ? null : iso(r.reviewed_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function parse<S extends z.ZodType>(schema: S, input: unknown, code: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw invalid(code, 'The input is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/**
 * Registers a brand with its trademark, pending until a trust agent has seen the documents; opens
 * its item in the brand_verifications queue.
 * @example
 * const brand = await registerBrand(tx, clock, owner.userId, {
 *   name: 'Marathon Root', terms: { 'zh-Hans': ['马拉松根'] },
 *   trademark: { office: 'USPTO', registrationNumber: '7123456', classes: [5, 30], ownerName: 'Marathon Root LLC' },
 * });
 */
export async function registerBrand(
  tx: Db,
  clock: Clock,
  ownerUserId: string,
  input: RegisterBrandInput,
): Promise<Brand> {
  const b = parse(RegisterBrandSchema, input, 'trust.invalid_brand');
  const number = normalizeRegistrationNumber(b.trademark.office, b.trademark.registrationNumber)!;
  const now = clock.now().toISOString();
  const id = newId('brd');
  const { rows } = await tx.execute<BrandRow>(sql`
    INSERT INTO brands (id, owner_user_id, name, terms, tm_office, tm_registration_number, tm_classes,
                        tm_owner_name, created_at, updated_at)
    VALUES (${id}, ${ownerUserId}, ${b.name}, ${JSON.stringify(b.terms)}::jsonb, ${b.trademark.office},
            ${number}, ${sql.param([...b.trademark.classes].sort((x, y) => x - y))}::int[],
            ${b.trademark.ownerName}, ${now}, ${now})
    ON CONFLICT (tm_office, tm_registration_number) WHERE status <> 'rejected' DO NOTHING
    RETURNING *`);
  if (!rows[0]) {
    throw conflict('trust.trademark_already_registered', 'This trademark is already registered here.', {
      office: b.trademark.office,
      registrationNumber: number,
    });
  }
  await openQueueItem(tx, clock, {
    queue: 'brand_verifications',
    subjectKind: 'brand',
    subjectId: id,
    summary: `Brand ${b.name}: ${b.trademark.office} ${number}`,
  });
  await recordAudit(tx, { actor: ownerUserId, action: 'trust.brand_registered', subject: id });
  return toBrand(rows[0]);
}

export async function getBrand(db: Db, brandId: string): Promise<Brand> {
  const { rows } = isId('brd', brandId)
    ? await db.execute<BrandRow>(sql`SELECT * FROM brands WHERE id = ${brandId}`)
    : { rows: [] as BrandRow[] };
  if (!rows[0]) throw notFound('trust.brand_not_found', 'No such brand.', { brandId });
  return toBrand(rows[0]);
}

/** The status of each of these brands, in one query; unknown ids are left out. */
export async function brandStatuses(db: Db, brandIds: readonly string[]): Promise<Map<string, BrandStatus>> {
  const ids = [...new Set(brandIds)].filter((id) => isId('brd', id));
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; status: BrandStatus }>(
    sql`SELECT id, status FROM brands WHERE id = ANY(${sql.param(ids)}::text[])`,
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** The brand's owner (a user id): who alone manages its authorizations. */
export async function brandOwnedBy(db: Db, brandId: string): Promise<string> {
  return (await getBrand(db, brandId)).ownerUserId;
}

/** Verified brands, by name: what the public and sellers may know (no documents). */
export async function listBrands(
  db: Db,
  opts: { ownerUserId?: string; limit?: number } = {},
): Promise<Brand[]> {
  const where = opts.ownerUserId ? sql`owner_user_id = ${opts.ownerUserId}` : sql`status = 'verified'`;
  const { rows } = await db.execute<BrandRow>(
    sql`SELECT * FROM brands WHERE ${where} ORDER BY lower(name), id LIMIT ${Math.min(opts.limit ?? 200, 1000)}`,
  );
  return rows.map(toBrand);
}

/** Adds a proof (trademark certificate, assignment, licence) as a PDF, PNG or JPEG of at most 5 MB. */
export async function addBrandDocument(
  tx: Db,
  clock: Clock,
  input: { brandId: string; actor: string } & BrandDocumentInput,
): Promise<BrandDocument> {
  const { brandId, actor, ...rest } = input;
  const d = parse(BrandDocumentSchema, rest, 'trust.invalid_brand_document');
  const brand = await getBrand(tx, brandId);
  const { bytes } = d.file;
  const fileName = d.fileName ?? d.file.name.slice(0, 200);
  // Typed by its first bytes (the kernel's sniffer); a name or a declared type proves nothing.
  const contentType = documentContentType(bytes);
  if (contentType === 'application/octet-stream') {
    throw invalid('trust.invalid_brand_document', 'The file is not a PDF, PNG or JPEG.', { brandId });
  }
  if (bytes.length > MAX_BRAND_DOCUMENT_BYTES) {
    throw invalid('trust.invalid_brand_document', 'The file is larger than 5 MB.', { brandId });
  }
  const id = newId('bdoc');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = clock.now().toISOString();
  await tx.execute(sql`
    INSERT INTO brand_documents (id, brand_id, kind, file_name, content_type, sha256, byte_size, content, uploaded_by, created_at)
    VALUES (${id}, ${brand.id}, ${d.kind}, ${fileName}, ${contentType}, ${sha256}, ${bytes.length},
            ${bytes}, ${actor}, ${now})`);
  await recordAudit(tx, {
    actor,
    action: 'trust.brand_document_added',
    subject: brand.id,
    detail: { documentId: id, kind: d.kind, sha256 },
  });
  return {
    id,
    brandId: brand.id,
    kind: d.kind,
    fileName,
    contentType,
    sha256,
    byteSize: bytes.length,
    createdAt: now,
  };
}

export async function listBrandDocuments(db: Db, brandId: string): Promise<BrandDocument[]> {
  const { rows } = await db.execute<{
    id: string;
    brand_id: string;
    kind: BrandDocumentKind;
    file_name: string;
    content_type: string;
    sha256: string;
    byte_size: number;
    created_at: Date | string;
  }>(sql`SELECT id, brand_id, kind, file_name, content_type, sha256, byte_size, created_at
           FROM brand_documents WHERE brand_id = ${brandId} ORDER BY created_at, id`);
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    kind: r.kind,
    fileName: r.file_name,
    contentType: r.content_type,
    sha256: r.sha256,
    byteSize: r.byte_size,
    createdAt: iso(r.created_at),
  }));
}

/**
 * A trust agent verifies or rejects a pending brand. Verifying needs at least one document: a brand
 * is proven by papers, not by its owner's word. Closes the queue item and records the decision.
 */
export async function reviewBrand(
  tx: Db,
  clock: Clock,
  input: { brandId: string; agentId: string; decision: 'verify' | 'reject'; reason: string },
): Promise<Brand> {
  const { rows: locked } = await tx.execute<BrandRow>(
    sql`SELECT * FROM brands WHERE id = ${input.brandId} FOR UPDATE`,
  );
  const current = locked[0];
  if (!current) throw notFound('trust.brand_not_found', 'No such brand.', { brandId: input.brandId });
  if (current.status !== 'pending') {
    throw conflict('trust.brand_not_pending', `The brand is ${current.status}, not pending review.`, {
      brandId: input.brandId,
      status: current.status,
    });
  }
  if (input.decision === 'verify') {
    const { rows } = await tx.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM brand_documents WHERE brand_id = ${input.brandId}`,
    );
    if ((rows[0]?.n ?? 0) === 0) {
      throw unprocessable(
        'trust.brand_documents_missing',
        'A brand is verified on its documents; it has none.',
        {
          brandId: input.brandId,
        },
      );
    }
  }
  const status: BrandStatus = input.decision === 'verify' ? 'verified' : 'rejected';
  const now = clock.now().toISOString();
  const { rows } = await tx.execute<BrandRow>(sql`
    UPDATE brands SET status = ${status}, status_reason = ${input.reason}, reviewed_by = ${input.agentId},
           reviewed_at = ${now}, updated_at = ${now}, version = nextval('brands_version_seq')
     WHERE id = ${input.brandId} RETURNING *`);
  await closeQueueItem(tx, clock, {
    queue: 'brand_verifications',
    subjectKind: 'brand',
    subjectId: input.brandId,
    actor: input.agentId,
    outcome: status,
  });
  await recordDecision(tx, clock, {
    subjectKind: 'brand',
    subjectId: input.brandId,
    decision: status,
    rule: `agent.brand_${input.decision}`,
    actor: input.agentId,
    detail: { reason: input.reason },
  });
  return toBrand(rows[0]!);
}
