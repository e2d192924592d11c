import type { z } from 'zod';
import type { ItemView, VerificationView } from '../../src/flows/sellers/schemas.ts';
import type { AlertDetailView, ScanView } from '../../src/flows/trust/authenticity/schemas.ts';
import type { NoticeReviewJson } from '../../src/flows/trust/notices/schemas.ts';
import type { UserViewSchema } from '../../src/modules/identity/index.ts';
import type { EntryViewSchema, TrialBalanceView, VerifyView } from '../../src/modules/ledger/index.ts';
import type { SellerViewSchema } from '../../src/modules/sellers/index.ts';
import type {
  BrandView,
  DecisionJson,
  FiguresJson,
  NoticeJson,
  OwnerBrandsView,
  QueueItemJson,
  QueuesSummaryJson,
  ReviewDecisionBody,
  ReviewView,
} from '../../src/modules/trust/index.ts';
import { sendJson } from './api.ts';

/** The authenticity, trust console and finance API, typed by the server's own Zod schemas. */
export type ScanJson = z.infer<typeof ScanView>;
export type QueueItem = z.infer<typeof QueueItemJson>;
export type Decision = z.infer<typeof DecisionJson>;
export type Figures = z.infer<typeof FiguresJson>;
export type TrialBalance = z.infer<typeof TrialBalanceView>;
export type LedgerVerification = z.infer<typeof VerifyView>;
export type LedgerEntry = z.infer<typeof EntryViewSchema>;
/** A trust queue's name, as the queues API gives it. */
export type TrustQueue = QueueItem['queue'];
export type QueueSummary = z.infer<typeof QueuesSummaryJson>['queues'][number];
export type Me = z.infer<typeof UserViewSchema>;
export type Notice = z.infer<typeof NoticeJson>;
export type NoticeListing = Notice['listings'][number];
export type NoticeReview = z.infer<typeof NoticeReviewJson>;
export type AlertDetail = z.infer<typeof AlertDetailView>;
export type Verification = z.infer<typeof VerificationView>;
export type VerificationItem = z.infer<typeof ItemView>;
export type Seller = z.infer<typeof SellerViewSchema>;
export type Brand = z.infer<typeof BrandView>;
export type OwnerBrands = z.infer<typeof OwnerBrandsView>;
export type Review = z.infer<typeof ReviewView>;
export type ReviewDecision = z.input<typeof ReviewDecisionBody>;

/** POST JSON to the API with the session cookie; a problem+json answer becomes an ApiError. */
export const postJson = <T>(path: string, body: unknown) =>
  sendJson<T>('POST', path, body, { idempotent: true });
