import type { z } from 'zod';
import type { ProductPageView } from '../../src/flows/storefront/schemas.ts';
import type { CategoryViewSchema } from '../../src/modules/catalog/index.ts';
import type { MarketView } from '../../src/modules/markets/index.ts';
import type { SearchResponse, SuggestResponse } from '../../src/modules/search/index.ts';
import type { BadgesView } from '../../src/modules/sellers/index.ts';
import type { ProductReviewsView } from '../../src/modules/trust/index.ts';

/**
 * The API the web app calls, typed by the server's own Zod response schemas (type-only imports:
 * nothing of the server reaches the bundle), so a changed response breaks the web build, not a page.
 */
export type ProductPageJson = z.infer<typeof ProductPageView>;
export type SearchJson = z.infer<typeof SearchResponse>;
export type SuggestJson = z.infer<typeof SuggestResponse>;
export type CategoryJson = z.infer<typeof CategoryViewSchema>;
export type MarketJson = z.infer<typeof MarketView>;
export type ReviewsJson = z.infer<typeof ProductReviewsView>;
export type BadgesJson = z.infer<typeof BadgesView>;
export type MoneyJson = { amount: number; currency: string };

/** A problem+json answer: its HTTP status, stable code, message, and per-field errors if any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Paths like `body.deliveryAddress.phone`, from a 400's `errors`. */
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function problemOf(res: Response): Promise<ApiError> {
  const p = (await res.json().catch(() => ({}))) as {
    code?: string;
    detail?: string;
    title?: string;
    errors?: { path: string; message: string }[];
  };
  return new ApiError(
    res.status,
    p.code ?? 'http.error',
    p.detail ?? p.title ?? res.statusText,
    p.errors ?? [],
  );
}

/** GET a JSON resource of the API; a problem+json answer becomes an ApiError with its stable code. */
export async function getJson<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, v);
  const qs = query.toString();
  const res = await fetch(`/api/v1${path}${qs ? `?${qs}` : ''}`, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/**
 * Sends JSON with the session cookie. Money-moving calls carry an idempotency key: one the caller
 * keeps across retries (`idempotencyKey`), or a fresh one (`idempotent`).
 */
export async function sendJson<T>(
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
  opts: { idempotencyKey?: string; idempotent?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const key = opts.idempotencyKey ?? (opts.idempotent ? crypto.randomUUID() : undefined);
  if (key) headers['idempotency-key'] = key;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await problemOf(res);
  return (res.status === 204 ? null : await res.json()) as T;
}
