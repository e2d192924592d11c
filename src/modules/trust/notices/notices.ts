import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { invalid, notFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { DOWN_STATES, type NoticeListingStatus } from './listing-states.ts';
import type { PreparedEvidence } from './notice-input.ts';
import {
  type EvidenceItem,
  type ListingRow,
  type NoticeListingView,
  type NoticeRow,
  type NoticeView,
  toListingView,
  toNoticeView,
} from './notice-view.ts';
import { noticeReasons, type RightsKind } from './reasons.ts';

export interface NewNotice {
  filedBy: string;
  rights: { kind: RightsKind; office: string; registrationNumber: string; ownerName: string };
  brandId?: string | null;
  reasonCode: string;
  statement: string;
  evidence: PreparedEvidence;
  /** Each named listing with its seller (resolved from the catalog by the caller). */
  listings: readonly { productId: string; sellerId: string }[];
  trustedReporter: boolean;
  at: Date;
}

/** Stores a notice and its listings, all pending review. Refuses a reason that does not fit the right. */
export async function insertNotice(tx: Db, n: NewNotice): Promise<string> {
  const reason = noticeReasons().reasons.get(n.reasonCode);
  if (!reason) {
    throw invalid('trust.unknown_reason', 'Unknown reason code.', {
      reasonCode: n.reasonCode,
      known: [...noticeReasons().reasons.keys()],
    });
  }
  if (!reason.rightsKinds.includes(n.rights.kind)) {
    throw invalid(
      'trust.reason_does_not_fit_rights',
      `A ${n.reasonCode} notice rests on another kind of right.`,
      {
        reasonCode: n.reasonCode,
        rightsKind: n.rights.kind,
        fits: reason.rightsKinds,
      },
    );
  }
  const id = newId('ntc');
  const at = n.at.toISOString();
  await tx.execute(sql`
    INSERT INTO trust_notices (id, filed_by, rights_kind, rights_office, registration_number, rights_owner_name,
                               brand_id, reason_code, statement, good_faith, evidence, trusted_reporter, filed_at)
    VALUES (${id}, ${n.filedBy}, ${n.rights.kind}, ${n.rights.office}, ${n.rights.registrationNumber},
            ${n.rights.ownerName}, ${n.brandId ?? null}, ${n.reasonCode}, ${n.statement}, true,
            ${JSON.stringify(n.evidence.items)}::jsonb, ${n.trustedReporter}, ${at})`);
  for (const a of n.evidence.attachments) {
    await tx.execute(sql`
      INSERT INTO trust_notice_attachments (id, notice_id, file_name, content_type, bytes, sha256)
      VALUES (${a.id}, ${id}, ${a.fileName}, ${a.contentType}, ${a.bytes}, ${a.sha256})`);
  }
  await tx.execute(sql`
    INSERT INTO trust_notice_listings (notice_id, product_id, seller_id, status)
    SELECT ${id}, p, s, 'pending_review'
      FROM unnest(${sql.param(n.listings.map((l) => l.productId))}::text[],
                  ${sql.param(n.listings.map((l) => l.sellerId))}::text[]) AS t(p, s)`);
  return id;
}

async function noticeRow(db: Db, id: string): Promise<NoticeRow> {
  const { rows } = await db.execute<NoticeRow>(sql`SELECT * FROM trust_notices WHERE id = ${id}`);
  if (!rows[0]) throw notFound('trust.notice_not_found', 'No such notice.', { noticeId: id });
  return rows[0];
}

/** A notice with all its listings. */
export async function getNotice(db: Db, id: string): Promise<NoticeView> {
  const n = await noticeRow(db, id);
  const { rows } = await db.execute<ListingRow>(
    sql`SELECT * FROM trust_notice_listings WHERE notice_id = ${id} ORDER BY product_id`,
  );
  return toNoticeView(n, rows);
}

/**
 * Notices, newest first: a filer's own, those naming a seller's listings (only that seller's
 * listings are included), or all; `status` keeps notices with a listing in that status.
 */
export async function listNotices(
  db: Db,
  q: { filedBy?: string; sellerId?: string; status?: NoticeListingStatus; limit?: number },
): Promise<NoticeView[]> {
  const where = [sql`true`];
  if (q.filedBy) where.push(sql`n.filed_by = ${q.filedBy}`);
  const listingWhere = [sql`l.notice_id = n.id`];
  if (q.sellerId) listingWhere.push(sql`l.seller_id = ${q.sellerId}`);
  if (q.status) listingWhere.push(sql`l.status = ${q.status}`);
  if (q.sellerId || q.status) {
    where.push(
      sql`EXISTS (SELECT 1 FROM trust_notice_listings l WHERE ${sql.join(listingWhere, sql` AND `)})`,
    );
  }
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const { rows } = await db.execute<NoticeRow>(sql`
    SELECT n.* FROM trust_notices n WHERE ${sql.join(where, sql` AND `)}
     ORDER BY n.filed_at DESC, n.id DESC LIMIT ${limit}`);
  if (rows.length === 0) return [];
  const sellerOnly = q.sellerId ? sql`AND seller_id = ${q.sellerId}` : sql``;
  const { rows: listings } = await db.execute<ListingRow>(sql`
    SELECT * FROM trust_notice_listings
     WHERE notice_id = ANY(${sql.param(rows.map((r) => r.id))}::text[]) ${sellerOnly}
     ORDER BY notice_id, product_id`);
  return rows.map((n) =>
    toNoticeView(
      n,
      listings.filter((l) => l.notice_id === n.id),
    ),
  );
}

/** Locks a notice's listings for a decision (in a stable order, so concurrent deciders do not deadlock). */
export async function lockNoticeListings(tx: Db, noticeId: string): Promise<NoticeListingView[]> {
  await noticeRow(tx, noticeId);
  const { rows } = await tx.execute<ListingRow>(sql`
    SELECT * FROM trust_notice_listings WHERE notice_id = ${noticeId} ORDER BY product_id FOR UPDATE`);
  return rows.map(toListingView);
}

/** pending_review → taken_down for these listings; returns the ones that moved. */
export async function markTakenDown(
  tx: Db,
  input: { noticeId: string; productIds: readonly string[]; rule: string; at: Date; counterDueAt: Date },
): Promise<NoticeListingView[]> {
  const { rows } = await tx.execute<ListingRow>(sql`
    UPDATE trust_notice_listings
       SET status = 'taken_down', takedown_rule = ${input.rule}, taken_down_at = ${input.at.toISOString()},
           counter_due_at = ${input.counterDueAt.toISOString()}
     WHERE notice_id = ${input.noticeId} AND product_id = ANY(${sql.param([...input.productIds])}::text[])
       AND status = 'pending_review'
     RETURNING *`);
  return rows.map(toListingView);
}

/** taken_down → counter_noticed; null when the listing was not taken down (or was already countered). */
export async function markCounterNoticed(
  tx: Db,
  input: {
    noticeId: string;
    productId: string;
    by: string;
    statement: string;
    evidence: EvidenceItem[];
    at: Date;
    answerDueAt: Date;
  },
): Promise<NoticeListingView | null> {
  const { rows } = await tx.execute<ListingRow>(sql`
    UPDATE trust_notice_listings
       SET status = 'counter_noticed', counter_filed_at = ${input.at.toISOString()}, counter_filed_by = ${input.by},
           counter_statement = ${input.statement}, counter_evidence = ${JSON.stringify(input.evidence)}::jsonb,
           answer_due_at = ${input.answerDueAt.toISOString()}
     WHERE notice_id = ${input.noticeId} AND product_id = ${input.productId} AND status = 'taken_down'
     RETURNING *`);
  return rows[0] ? toListingView(rows[0]) : null;
}

/** Records the rights owner's answer to a counter-notice (court action filed). */
export async function markAnswered(
  tx: Db,
  input: { noticeId: string; productId: string; courtCaseReference: string; at: Date },
): Promise<boolean> {
  const { rows } = await tx.execute(sql`
    UPDATE trust_notice_listings SET answered_at = ${input.at.toISOString()},
           court_case_reference = ${input.courtCaseReference}
     WHERE notice_id = ${input.noticeId} AND product_id = ${input.productId}
       AND status = 'counter_noticed' AND answered_at IS NULL
     RETURNING product_id`);
  return rows.length === 1;
}

/** Moves a listing to reinstated, removed or rejected if it is in one of `from`; null otherwise. */
export async function closeNoticeListing(
  tx: Db,
  input: {
    noticeId: string;
    productId: string;
    from: readonly NoticeListingStatus[];
    to: 'reinstated' | 'removed' | 'rejected';
    at: Date;
    by: string;
    rule: string;
    reason: string | null;
  },
): Promise<NoticeListingView | null> {
  const { rows } = await tx.execute<ListingRow>(sql`
    UPDATE trust_notice_listings
       SET status = ${input.to}, closed_at = ${input.at.toISOString()}, closed_by = ${input.by},
           closing_rule = ${input.rule}, closing_reason = ${input.reason}
     WHERE notice_id = ${input.noticeId} AND product_id = ${input.productId}
       AND status = ANY(${sql.param([...input.from])}::text[])
     RETURNING *`);
  return rows[0] ? toListingView(rows[0]) : null;
}

/** Another notice keeps this product down, so reinstating it under one notice must leave its hold. */
export async function productDownUnderOtherNotice(
  db: Db,
  productId: string,
  exceptNoticeId: string,
): Promise<boolean> {
  const { rows } = await db.execute(sql`
    SELECT 1 FROM trust_notice_listings
     WHERE product_id = ${productId} AND notice_id <> ${exceptNoticeId}
       AND status = ANY(${sql.param([...DOWN_STATES])}::text[]) LIMIT 1`);
  return rows.length > 0;
}

export type NoticeTimer = 'counter_answer_lapsed' | 'counter_filing_lapsed';

/** Listings whose timer has run out: a counter-notice unanswered, or a takedown never countered. */
export async function dueNoticeListings(
  db: Db,
  timer: NoticeTimer,
  now: Date,
  limit = 500,
): Promise<{ noticeId: string; productId: string }[]> {
  const cond =
    timer === 'counter_answer_lapsed'
      ? sql`status = 'counter_noticed' AND answered_at IS NULL AND answer_due_at <= ${now.toISOString()}`
      : sql`status = 'taken_down' AND counter_due_at <= ${now.toISOString()}`;
  const { rows } = await db.execute<{ notice_id: string; product_id: string }>(sql`
    SELECT notice_id, product_id FROM trust_notice_listings WHERE ${cond}
     ORDER BY notice_id, product_id LIMIT ${limit}`);
  return rows.map((r) => ({ noticeId: r.notice_id, productId: r.product_id }));
}

/**
 * Locks one due listing, skipping it if another process holds it or it is no longer due (the
 * timer is then safe to run from many processes at once).
 */
export async function lockDueNoticeListing(
  tx: Db,
  timer: NoticeTimer,
  key: { noticeId: string; productId: string },
  now: Date,
): Promise<NoticeListingView | null> {
  const cond =
    timer === 'counter_answer_lapsed'
      ? sql`status = 'counter_noticed' AND answered_at IS NULL AND answer_due_at <= ${now.toISOString()}`
      : sql`status = 'taken_down' AND counter_due_at <= ${now.toISOString()}`;
  const { rows } = await tx.execute<ListingRow>(sql`
    SELECT * FROM trust_notice_listings
     WHERE notice_id = ${key.noticeId} AND product_id = ${key.productId} AND ${cond}
     FOR UPDATE SKIP LOCKED`);
  return rows[0] ? toListingView(rows[0]) : null;
}
