import type { z } from 'zod';
import type { PlacedJson } from '../../src/flows/checkout-routes.ts';
import type { OrderDetailJson } from '../../src/flows/order-routes.ts';
import type { BuyerIdentityViewSchema, UserViewSchema } from '../../src/modules/identity/routes.ts';
import type { OrderJson, QuoteJson } from '../../src/modules/orders/api.ts';
import { ApiError, type MoneyJson } from './api.ts';

/** The buyer pages' API shapes, typed by the server's own Zod response schemas (type-only). */
export type UserJson = z.infer<typeof UserViewSchema>;
export type BuyerIdentityJson = z.infer<typeof BuyerIdentityViewSchema>;
export type QuoteJsonT = z.infer<typeof QuoteJson>;
export type OrderListJson = { orders: z.infer<typeof OrderJson>[] };
export type OrderSummaryJson = z.infer<typeof OrderJson>;
export type OrderDetail = z.infer<typeof OrderDetailJson>;
export type PlacedCheckoutJson = z.infer<typeof PlacedJson>;
/** GET /me/cn-allowance: its response schema is inline in the compliance routes, so it is restated here. */
export type AllowanceJson = { year: number; limit: MoneyJson; used: MoneyJson; remaining: MoneyJson };

/** A problem+json answer with its per-field errors (paths like `body.deliveryAddress.phone`). */
export class ProblemError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly errors: { path: string; message: string }[],
  ) {
    super(status, code, message);
  }
}

/** Sends JSON to the API with the session cookie; money-moving calls pass an idempotency key. */
export async function sendJson<T>(
  method: 'POST' | 'PUT',
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const p = (await res.json().catch(() => ({}))) as {
      code?: string;
      detail?: string;
      errors?: { path: string; message: string }[];
    };
    throw new ProblemError(res.status, p.code ?? 'http.error', p.detail ?? res.statusText, p.errors ?? []);
  }
  return (res.status === 204 ? null : await res.json()) as T;
}
