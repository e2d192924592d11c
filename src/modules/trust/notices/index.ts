/**
 * Notice and takedown: rights owners' notices with a status per listing, counter-notices and
 * answers, strikes against sellers, the trusted-reporter tier, and the published trust figures.
 * The cross-module steps (holds, escrow freezes, suspension) are in src/flows/takedown.ts.
 */
export { getNoticeAttachment, type NoticeAttachment } from './attachments.js';
export { type TrustFigures, trustFigures } from './figures.js';
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
} from './listing-states.js';
export {
  type CounterNoticeInput,
  CounterNoticeSchema,
  type EvidenceInput,
  EvidenceSchema,
  type FileNoticeInput,
  FileNoticeSchema,
  MAX_ATTACHMENT_BASE64,
  MAX_ATTACHMENTS,
  MAX_NOTICE_LISTINGS,
  type PreparedEvidence,
  prepareEvidence,
} from './notice-input.js';
export type { EvidenceItem, NoticeListingView, NoticeView } from './notice-view.js';
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
} from './notices.js';
export { atLeastShare, shareString } from './ratio.js';
export {
  type NoticeReason,
  type NoticeReasons,
  noticeReasonCodes,
  noticeReasons,
  parseNoticeReasons,
  RIGHTS_KINDS,
  type RightsKind,
} from './reasons.js';
export {
  getReporter,
  isTrustedReporter,
  type ReporterView,
  recomputeReporterTier,
  setReporterTier,
} from './reporters.js';
export { addStrike, type StrikeView, sellerStrikes, withdrawStrike } from './strikes.js';
