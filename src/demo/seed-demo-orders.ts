import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import { placeCheckout } from '../flows/checkout/place-checkout.ts';
import { createCheckoutQuote } from '../flows/checkout/quote-checkout.ts';
import type { FlowCtx } from '../flows/context.ts';
import { confirmReceipt } from '../flows/orders/confirm-receipt.ts';
import { recordTrackingEvent } from '../flows/orders/record-tracking-event.ts';
import { shipOrder } from '../flows/orders/ship-order.ts';
import type { Principal } from '../kernel/access.ts';
import type { SellerId, UserId } from '../kernel/ids.ts';
import type { MarketCode } from '../kernel/locales.ts';
import * as catalog from '../modules/catalog/index.ts';
import * as identity from '../modules/identity/index.ts';
import * as orders from '../modules/orders/index.ts';
import * as sellers from '../modules/sellers/index.ts';
import { DEMO_MARKER } from './seed-demo.ts';

const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo');
const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(DEMO_DIR, file), 'utf8')) as T;

type Outcome = 'paid' | 'shipped' | 'delivered' | 'released';
interface DemoOrder {
  buyer: string;
  lines: [sku: string, quantity: number][];
  outcome: Outcome;
}
interface DemoBuyer {
  email: string;
  market: MarketCode;
  deliveryAddress: orders.DeliveryAddressInput;
}

const CARRIERS = ['UPS', 'FedEx', 'DHL', 'USPS'] as const;
const TRACKING = ['in_transit', 'customs_cleared', 'delivered'] as const;

/** Whether the demo's order history is in: its first buyer has an order. */
export async function isDemoHistorySeeded(ctx: FlowCtx): Promise<boolean> {
  const first = read<{ orders: DemoOrder[] }>('orders.json').orders[0];
  const buyer = first && (await identity.findUserByEmail(ctx.db, first.buyer));
  if (!buyer) return false;
  return (await orders.listBuyerOrders(ctx.db, buyer.id, { limit: 1 })).length > 0;
}

/**
 * The demo's past orders (data/demo/orders.json) through the same flows a shopper and a seller
 * use: quote, place (stock, escrow), the sandbox provider's signed webhook captures, the seller
 * ships with tracking, the carrier reports delivery, the buyer confirms and the escrow releases.
 * `settle` waits for the provider's webhooks (a running provider, or a test's manual clock).
 */
export async function seedDemoOrderHistory(
  ctx: FlowCtx,
  opts: { settle: () => Promise<void>; progress?: boolean; log?: (l: string) => void },
): Promise<{ orders: number; released: number }> {
  const log = opts.log ?? (() => {});
  const script = read<{ orders: DemoOrder[] }>('orders.json').orders;
  const buyers = new Map(read<DemoBuyer[]>('buyers.json').map((b) => [b.email, b]));
  const admin = await identity.findUserByEmail(ctx.db, DEMO_MARKER);
  if (!admin) throw new Error('load the demo marketplace before its order history');
  const operator: Principal = { userId: admin.id as UserId, roles: ['platform_admin'], sellerIds: [] };
  const variants = await variantsBySku(ctx);

  const bar = opts.progress
    ? new SingleBar({ format: 'demo orders [{bar}] {value}/{total}', hideCursor: true })
    : null;
  bar?.start(script.length, 0);
  let placedOrders = 0;
  let released = 0;
  for (const [n, o] of script.entries()) {
    const b = buyers.get(o.buyer);
    const user = await identity.findUserByEmail(ctx.db, o.buyer);
    if (!b || !user) throw new Error(`demo order ${n + 1} names unknown buyer ${o.buyer}`);
    const lines = o.lines.map(([sku, quantity]) => {
      const variantId = variants.get(sku);
      if (!variantId) throw new Error(`demo order ${n + 1} names unknown SKU ${sku}`);
      return { variantId, quantity };
    });
    const quote = await createCheckoutQuote(ctx, user.id, {
      market: b.market,
      shippingMethod: 'express',
      lines,
    });
    const placed = await placeCheckout(ctx, user.id, {
      quoteId: quote.id,
      paymentMethod: 'pm_card_ok',
      deliveryAddress: b.deliveryAddress,
    });
    placedOrders += placed.orders.length;
    await waitForPayment(ctx, placed.orders, opts.settle);
    if (o.outcome === 'paid') continue;
    const buyer: Principal = { userId: user.id as UserId, roles: ['buyer'], sellerIds: [] };
    for (const [i, order] of placed.orders.entries()) {
      await shipOrder(ctx, operator, {
        sellerId: order.sellerId,
        orderId: order.id,
        carrier: CARRIERS[(n + i) % CARRIERS.length]!,
        trackingNumber: `DEMO${String(n + 1).padStart(3, '0')}${i}${order.id.slice(-8).toUpperCase()}`,
      });
      if (o.outcome === 'shipped') continue;
      for (const status of TRACKING) {
        await recordTrackingEvent(ctx, operator, {
          orderId: order.id,
          status,
          location: status === 'in_transit' ? 'Chicago, IL' : (b.deliveryAddress.city ?? b.market),
          description: status.replaceAll('_', ' '),
        });
      }
      if (o.outcome === 'delivered') continue;
      await confirmReceipt(ctx, buyer, order.id);
      released++;
    }
    bar?.increment();
  }
  bar?.stop();
  log(
    `Demo order history: ${placedOrders} orders placed, ${released} delivered and released to their sellers.`,
  );
  return { orders: placedOrders, released };
}

async function variantsBySku(ctx: FlowCtx): Promise<Map<string, string>> {
  const bySku = new Map<string, string>();
  for (const s of await sellers.listSellers(ctx.db, { limit: 200 })) {
    for (const p of await catalog.listSellerProducts(ctx.db, s.id as SellerId, { limit: 200 })) {
      for (const v of p.variants) bySku.set(v.sku, v.id);
    }
  }
  return bySku;
}

/** The provider captures asynchronously; the order is paid once its signed webhook arrived. */
async function waitForPayment(ctx: FlowCtx, placed: orders.OrderView[], settle: () => Promise<void>) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await settle();
    const now = await Promise.all(placed.map((o) => orders.getOrder(ctx.db, o.id)));
    if (now.every((o) => o.status === 'paid')) return;
    const stuck = now.find((o) => o.status !== 'awaiting_payment' && o.status !== 'paid');
    if (stuck) throw new Error(`demo order ${stuck.id} went ${stuck.status} instead of paid`);
  }
  throw new Error('the sandbox provider did not capture the demo payments in time');
}
