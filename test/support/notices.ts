import { expect } from 'vitest';
import { placeBody } from './addresses.ts';
import type { Actor, Heartland } from './heartland.ts';

/** A notice body naming these listings; override any field. */
export function noticeBody(productIds: string[], over: Record<string, unknown> = {}) {
  return {
    rights: {
      kind: 'trademark',
      office: 'USPTO',
      registrationNumber: '5123456',
      ownerName: 'Badger State Ginseng Board',
    },
    reasonCode: 'counterfeit',
    statement: 'These listings sell counterfeit goods bearing our registered mark.',
    goodFaithDeclaration: true,
    evidence: [{ description: 'Test buy: no lot seal, wrong root grade', url: 'https://example.test/buy-1' }],
    productIds,
    ...over,
  };
}

export const counterBody = {
  statement: 'Our roots are grown on our own farm and sold under our own name; no mark is used.',
  evidence: [{ description: 'Farm registration and harvest records', url: 'https://example.test/farm' }],
  consentToJurisdiction: true,
};

/** A paid order for one unit of a variant, shipped by its seller. */
export async function shippedOrder(
  h: Heartland,
  buyer: Actor,
  seller: { staff: Actor; sellerId: string },
  variantId: string,
): Promise<string> {
  const q = await buyer.post('/api/v1/checkout/quotes', {
    market: 'KR',
    lines: [{ variantId, quantity: 1 }],
  });
  expect(q.statusCode).toBe(201);
  const placed = await buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('KR'));
  expect(placed.statusCode).toBe(201);
  const orderId = placed.json().orders[0].id as string;
  await h.settle(1000);
  const shipped = await seller.staff.post(`/api/v1/sellers/${seller.sellerId}/orders/${orderId}/shipment`, {
    carrier: 'FedEx',
    trackingNumber: `7${orderId.slice(-11)}`,
  });
  expect(shipped.statusCode).toBe(201);
  return orderId;
}

/** Files a notice and has an agent uphold it; returns the notice id. */
export async function upheldNotice(
  owner: Actor,
  agent: Actor,
  productIds: string[],
  over: Record<string, unknown> = {},
): Promise<string> {
  const filed = await owner.post('/api/v1/notices', noticeBody(productIds, over));
  expect(filed.statusCode).toBe(201);
  const id = filed.json().id as string;
  if (filed.json().trustedReporter) return id;
  const up = await agent.post(`/api/v1/trust/notices/${id}/decision`, {
    decision: 'uphold',
    reason: 'Test buy',
  });
  expect(up.statusCode).toBe(200);
  return id;
}
