import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import { addTrackingEvent, createShipment, shipmentForOrder, shipmentsForOrders } from './index.ts';

describe('shipments and tracking', () => {
  let db: Database;
  const clock = new ManualClock('2026-11-24T00:00:00Z');
  const sellerId = newId('sel');
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const ship = (orderId: string, trackingNumber = '9400111899223344556677', carrier = 'USPS') =>
    inTransaction(db.db, (tx) =>
      createShipment(tx, clock, { orderId, sellerId, carrier, trackingNumber, method: 'express' }),
    );
  const track = (
    shipmentId: string,
    status: 'in_transit' | 'customs_cleared' | 'delivered' | 'exception',
    at?: Date,
  ) =>
    inTransaction(db.db, (tx) =>
      addTrackingEvent(tx, clock, {
        shipmentId,
        status,
        location: 'Shanghai',
        description: `Parcel ${status}`,
        ...(at ? { at } : {}),
      }),
    );

  it('creates one shipment per order, idempotently', async () => {
    const orderId = newId('ord');
    const first = await ship(orderId);
    expect(first).toMatchObject({
      orderId,
      sellerId,
      carrier: 'USPS',
      method: 'express',
      status: 'label_created',
      shippedAt: '2026-11-24T00:00:00.000Z',
      deliveredAt: null,
      events: [],
    });
    expect(await ship(orderId)).toEqual(first);
    const parallel = await Promise.all([ship(orderId), ship(orderId), ship(orderId)]);
    expect(new Set(parallel.map((s) => s.id))).toEqual(new Set([first.id]));
    await expect(ship(orderId, 'OTHER123456')).rejects.toMatchObject({
      code: 'shipping.already_shipped',
      kind: 'conflict',
    });
    await expect(ship(orderId, '9400111899223344556677', 'DHL')).rejects.toMatchObject({
      code: 'shipping.already_shipped',
    });
    expect(await shipmentForOrder(db.db, orderId)).toEqual(first);
    expect(await shipmentForOrder(db.db, newId('ord'))).toBeNull();
  });

  it('follows the latest event, keeps late ones in the history, and delivers once', async () => {
    const s = await ship(newId('ord'));
    clock.advance(3_600_000);
    const a = await track(s.id, 'in_transit');
    expect(a.shipment.status).toBe('in_transit');
    expect(a.deliveredNow).toBe(false);
    clock.advance(3_600_000);
    await track(s.id, 'customs_cleared');
    const late = await track(s.id, 'exception', new Date(clock.now().getTime() - 1_800_000));
    expect(late.shipment.status).toBe('customs_cleared');
    expect(late.shipment.events.map((e) => e.status)).toEqual(['in_transit', 'exception', 'customs_cleared']);
    clock.advance(3_600_000);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => track(s.id, 'delivered')));
    const delivered = results.filter((r) => r.status === 'fulfilled');
    expect(delivered).toHaveLength(1);
    expect((delivered[0] as PromiseFulfilledResult<{ deliveredNow: boolean }>).value.deliveredNow).toBe(true);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'shipping.already_delivered' });
    }
    const view = (await shipmentForOrder(db.db, s.orderId))!;
    expect(view.status).toBe('delivered');
    expect(view.deliveredAt).toBe(clock.now().toISOString());
    await expect(track(s.id, 'in_transit')).rejects.toMatchObject({
      code: 'shipping.already_delivered',
      kind: 'conflict',
    });
  });

  it('refuses bad input', async () => {
    const s = await ship(newId('ord'));
    await expect(track(s.id, 'delivered', new Date(clock.now().getTime() + 3_600_000))).rejects.toMatchObject(
      {
        code: 'shipping.invalid_event_time',
      },
    );
    await expect(track(newId('shp'), 'in_transit')).rejects.toMatchObject({
      code: 'shipping.unknown_shipment',
      kind: 'not_found',
    });
    await expect(track('shp_bad', 'in_transit')).rejects.toMatchObject({ code: 'shipping.invalid_shipment' });
    await expect(track(s.id, 'lost' as never)).rejects.toMatchObject({ code: 'shipping.invalid_status' });
    await expect(ship('order-1')).rejects.toMatchObject({ code: 'shipping.invalid_order' });
    await expect(ship(newId('ord'), 'has spaces 123')).rejects.toMatchObject({
      code: 'shipping.invalid_tracking_number',
    });
    await expect(ship(newId('ord'), '12345', '  ')).rejects.toMatchObject({
      code: 'shipping.invalid_carrier',
    });
  });

  it('lists shipments for several orders in the order asked, skipping unshipped ones', async () => {
    const o1 = newId('ord');
    const o2 = newId('ord');
    await ship(o1);
    await ship(o2);
    const list = await shipmentsForOrders(db.db, [o2, newId('ord'), o1, o2]);
    expect(list.map((s) => s.orderId)).toEqual([o2, o1]);
    expect(await shipmentsForOrders(db.db, [])).toEqual([]);
    await expect(
      shipmentsForOrders(
        db.db,
        Array.from({ length: 1001 }, () => newId('ord')),
      ),
    ).rejects.toMatchObject({
      code: 'shipping.too_many_orders',
    });
  });
});
