import type { NoticeListingStatus } from './listing-states.ts';
import type { RightsKind } from './reasons.ts';

export interface EvidenceItem {
  description: string;
  url?: string;
  attachment?: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string };
}

export interface NoticeListingView {
  productId: string;
  sellerId: string;
  status: NoticeListingStatus;
  takedownRule: string | null;
  takenDownAt: string | null;
  /** Until then the seller may counter-notify. */
  counterDueAt: string | null;
  counterNotice: {
    filedAt: string;
    filedBy: string;
    statement: string;
    evidence: EvidenceItem[];
  } | null;
  /** The rights owner's deadline to answer the counter-notice. */
  answerDueAt: string | null;
  answer: { answeredAt: string; courtCaseReference: string } | null;
  closedAt: string | null;
  closingRule: string | null;
  closingReason: string | null;
}

export interface NoticeView {
  id: string;
  filedBy: string;
  rights: { kind: RightsKind; office: string; registrationNumber: string; ownerName: string };
  brandId: string | null;
  reasonCode: string;
  statement: string;
  goodFaithDeclaration: true;
  evidence: EvidenceItem[];
  /** The filer was a trusted reporter: its listings went down at once. */
  trustedReporter: boolean;
  filedAt: string;
  listings: NoticeListingView[];
}

export interface NoticeRow extends Record<string, unknown> {
  id: string;
  filed_by: string;
  rights_kind: RightsKind;
  rights_office: string;
  registration_number: string;
  rights_owner_name: string;
  brand_id: string | null;
  reason_code: string;
  statement: string;
  evidence: EvidenceItem[];
  trusted_reporter: boolean;
  filed_at: Date | string;
}

export interface ListingRow extends Record<string, unknown> {
  notice_id: string;
  product_id: string;
  seller_id: string;
  status: NoticeListingStatus;
  takedown_rule: string | null;
  taken_down_at: Date | string | null;
  counter_due_at: Date | string | null;
  counter_filed_at: Date | string | null;
  counter_filed_by: string | null;
  counter_statement: string | null;
  counter_evidence: EvidenceItem[] | null;
  answer_due_at: Date | string | null;
  answered_at: Date | string | null;
  court_case_reference: string | null;
  closed_at: Date | string | null;
  closing_rule: string | null;
  closing_reason: string | null;
}

export const iso = (v: Date | string | null): string | null =>
  v === null ? null : new Date(v).toISOString();

export function toListingView(r: ListingRow): NoticeListingView {
  return {
    productId: r.product_id,
    sellerId: r.seller_id,
    status: r.status,
    takedownRule: r.takedown_rule,
    takenDownAt: iso(r.taken_down_at),
    counterDueAt: iso(r.counter_due_at),
    counterNotice:
      r.counter_filed_at === null
        ? null
        : {
            filedAt: iso(r.counter_filed_at)!,
            filedBy: r.counter_filed_by!,
            statement: r.counter_statement!,
            evidence: r.counter_evidence ?? [],
          },
    answerDueAt: iso(r.answer_due_at),
    answer:
      r.answered_at === null
        ? null
        : { answeredAt: iso(r.answered_at)!, courtCaseReference: r.court_case_reference! },
    closedAt: iso(r.closed_at),
    closingRule: r.closing_rule,
    closingReason: r.closing_reason,
  };
}

export function toNoticeView(n: NoticeRow, listings: ListingRow[]): NoticeView {
  return {
    id: n.id,
    filedBy: n.filed_by,
    rights: {
      kind: n.rights_kind,
      office: n.rights_office,
      registrationNumber: n.registration_number,
      ownerName: n.rights_owner_name,
    },
    brandId: n.brand_id,
    reasonCode: n.reason_code,
    statement: n.statement,
    goodFaithDeclaration: true,
    evidence: n.evidence,
    trustedReporter: n.trusted_reporter,
    filedAt: iso(n.filed_at)!,
    listings: listings.map(toListingView),
  };
}
