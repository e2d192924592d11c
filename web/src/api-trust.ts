import type { z } from 'zod';
import type { ScanView } from '../../src/flows/authenticity-routes.ts';
import type { FiguresJson } from '../../src/flows/notice-schemas.ts';
import type { DecisionJson, QueueItemJson } from '../../src/flows/trust-queue-routes.ts';
import type { EntryViewSchema, TrialBalanceView, VerifyView } from '../../src/modules/ledger/routes.ts';
import type { TRUST_QUEUES } from '../../src/modules/trust/policy.ts';
import { ApiError } from './api.ts';

/** The authenticity, trust console and finance API, typed by the server's own Zod schemas. */
export type ScanJson = z.infer<typeof ScanView>;
export type QueueItem = z.infer<typeof QueueItemJson>;
export type Decision = z.infer<typeof DecisionJson>;
export type Figures = z.infer<typeof FiguresJson>;
export type TrialBalance = z.infer<typeof TrialBalanceView>;
export type LedgerVerification = z.infer<typeof VerifyView>;
export type LedgerEntry = z.infer<typeof EntryViewSchema>;
export type TrustQueue = (typeof TRUST_QUEUES)[number];
// The queue summary's response schema is inline in its route; this mirrors it.
export interface QueueSummary {
  queue: TrustQueue;
  open: number;
  overdue: number;
  oldestOpenedAt: string | null;
  serviceLevelMinutes: number;
}
export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: { role: string; scopeId: string | null }[];
}

/** POST JSON to the API with the session cookie; a problem+json answer becomes an ApiError. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as {
      code?: string;
      detail?: string;
      title?: string;
    };
    throw new ApiError(
      res.status,
      problem.code ?? 'http.error',
      problem.detail ?? problem.title ?? res.statusText,
    );
  }
  return (await res.json()) as T;
}
