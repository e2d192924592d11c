/**
 * Notice and takedown: rights owners' notices with a status per listing, counter-notices and
 * answers, strikes against sellers, the trusted-reporter tier, and the published trust figures.
 * The cross-module steps (holds, escrow freezes, suspension) are in src/flows/trust/notices/take-down.ts.
 */
export { getNoticeAttachment, type NoticeAttachment } from './attachments.ts';
export { type TrustFigures, trustFigures } from './figures.ts';
export {
  DOWN_STATES,
  freezeReference,
  listingOutcome,
  NOTICE_LISTING_STATES,
  NOTICE_LISTING_TRANSITIONS,
  type NoticeListingStatus,
  noticeListingSubject,
  TAKEDOWN_RULES,
  type TakedownRule,
} from './listing-states.ts';
export {
  type CounterNoticeInput,
  CounterNoticeSchema,
  type EvidenceInput,
  EvidenceSchema,
  type FileNoticeInput,
  FileNoticeSchema,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_NOTICE_LISTINGS,
  type PreparedEvidence,
  prepareEvidence,
} from './notice-input.ts';
export type { EvidenceItem, NoticeListingView, NoticeView } from './notice-view.ts';
export {
  closeNoticeListing,
  dueNoticeListings,
  getNotice,
  insertNotice,
  listNotices,
  lockDueNoticeListing,
  lockNoticeListings,
  markAnswered,
  markCounterNoticed,
  markTakenDown,
  type NewNotice,
  type NoticeTimer,
  productDownUnderOtherNotice,
} from './notices.ts';
export { atLeastShare, shareString } from './ratio.ts';
export {
  type NoticeReason,
  type NoticeReasons,
  noticeReasonCodes,
  noticeReasons,
  parseNoticeReasons,
  RIGHTS_KINDS,
  type RightsKind,
} from './reasons.ts';
export {
  getReporter,
  isTrustedReporter,
  type ReporterView,
  recomputeReporterTier,
  setReporterTier,
} from './reporters.ts';
export { addStrike, type StrikeView, sellerStrikes, withdrawStrike } from './strikes.ts';
