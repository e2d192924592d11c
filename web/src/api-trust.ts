import type { z } from 'zod';
import type { ScanView } from '../../src/flows/authenticity-routes.ts';
import type { FiguresJson } from '../../src/flows/notice-schemas.ts';
import type { DecisionJson, QueueItemJson, QueuesSummaryJson } from '../../src/flows/trust-queue-routes.ts';
import type { UserViewSchema } from '../../src/modules/identity/routes.ts';
import type { EntryViewSchema, TrialBalanceView, VerifyView } from '../../src/modules/ledger/routes.ts';
import type { TRUST_QUEUES } from '../../src/modules/trust/policy.ts';
import { sendJson } from './api.ts';

/** The authenticity, trust console and finance API, typed by the server's own Zod schemas. */
export type ScanJson = z.infer<typeof ScanView>;
export type QueueItem = z.infer<typeof QueueItemJson>;
export type Decision = z.infer<typeof DecisionJson>;
export type Figures = z.infer<typeof FiguresJson>;
export type TrialBalance = z.infer<typeof TrialBalanceView>;
export type LedgerVerification = z.infer<typeof VerifyView>;
export type LedgerEntry = z.infer<typeof EntryViewSchema>;
export type TrustQueue = (typeof TRUST_QUEUES)[number];
export type QueueSummary = z.infer<typeof QueuesSummaryJson>['queues'][number];
export type Me = z.infer<typeof UserViewSchema>;

/** POST JSON to the API with the session cookie; a problem+json answer becomes an ApiError. */
export const postJson = <T>(path: string, body: unknown) =>
  sendJson<T>('POST', path, body, { idempotent: true });
