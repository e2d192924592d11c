import type { z } from 'zod';
import type { EligibilityView } from '../../src/flows/listing-eligibility-routes.ts';
import type { OrderDetailJson } from '../../src/flows/order-routes.ts';
import type { VerificationView } from '../../src/flows/seller-verification-levels-routes.ts';
import type { DecisionJson } from '../../src/flows/trust-queue-routes.ts';
import type { ProductInput, ProductPatch } from '../../src/modules/catalog/product-input.ts';
import type { ProductViewSchema } from '../../src/modules/catalog/routes.ts';
import type { UserViewSchema } from '../../src/modules/identity/routes.ts';
import type { OrderJson } from '../../src/modules/orders/api.ts';
import type { SellerMoneyView } from '../../src/modules/payments/routes.ts';
import { sendJson as sendJsonShared } from './api.ts';

/** The seller center's slice of the API, typed by the server's own Zod schemas (type-only imports). */
export type SellerProductJson = z.infer<typeof ProductViewSchema>;
export type VerificationJson = z.infer<typeof VerificationView>;
export type EligibilityJson = z.infer<typeof EligibilityView>;
export type DecisionJsonT = z.infer<typeof DecisionJson>;
export type ListingDecisionsJson = {
  productId: string;
  trustHold: string | null;
  decisions: DecisionJsonT[];
};
export type SellerMoneyJson = z.infer<typeof SellerMoneyView>;
export type MeJson = z.infer<typeof UserViewSchema>;
export type SellerOrderJson = OrderJson;
export type OrderDetail = z.infer<typeof OrderDetailJson>;
export type { ProductInput, ProductPatch };

/** A JSON call with a body; money-moving POSTs carry a fresh idempotency key. */
export const sendJson = <T>(
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: unknown,
  opts: { idempotent?: boolean } = {},
) => sendJsonShared<T>(method, path, body, opts);

export function dollarsToCents(text: string): number | null {
  const m = /^\s*\$?\s*(\d{1,8})(?:\.(\d{0,2}))?\s*$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  const whole = m[1] ?? '0';
  const fraction = (m[2] ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(fraction);
}

/** 1250 → "12.50" (the editor's text form of a price). */
export function centsToDollars(cents: number): string {
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
