import type { z } from 'zod';
import type { PlacedJson } from '../../src/flows/checkout/schemas.ts';
import type { OrderDetailJson } from '../../src/flows/orders/schemas.ts';
import type { AllowanceView } from '../../src/modules/compliance/index.ts';
import type { BuyerIdentityViewSchema, UserViewSchema } from '../../src/modules/identity/index.ts';
import type { OrderJson, QuoteJson } from '../../src/modules/orders/index.ts';
import { sendJson as sendJsonShared } from './api.ts';

/** The buyer pages' API shapes, typed by the server's own Zod response schemas (type-only). */
export type UserJson = z.infer<typeof UserViewSchema>;
export type BuyerIdentityJson = z.infer<typeof BuyerIdentityViewSchema>;
export type QuoteJsonT = z.infer<typeof QuoteJson>;
export type OrderListJson = { orders: z.infer<typeof OrderJson>[] };
export type OrderSummaryJson = z.infer<typeof OrderJson>;
export type OrderDetail = z.infer<typeof OrderDetailJson>;
export type PlacedCheckoutJson = z.infer<typeof PlacedJson>;
export type AllowanceJson = z.infer<typeof AllowanceView>;

/** The shared API error, by the name the checkout uses for its per-field errors. */
export { ApiError as ProblemError } from './api.ts';

/** Sends JSON to the API with the session cookie; money-moving calls pass an idempotency key. */
export const sendJson = <T>(method: 'POST' | 'PUT', path: string, body?: unknown, idempotencyKey?: string) =>
  sendJsonShared<T>(method, path, body, idempotencyKey ? { idempotencyKey } : {});
