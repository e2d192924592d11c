import { inTransaction } from '../../db/transaction.ts';
import { actsForSeller, type Principal } from '../../kernel/access.ts';
import { forbidden, unprocessable } from '../../kernel/errors.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as markets from '../../modules/markets/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import type { FlowCtx } from '../context.ts';
import {
  cbecInputs,
  maskIdNumber,
  PAID_OR_LATER,
  recordDigest,
  waybillRecord,
} from '../customs/build-customs-records.ts';
import { eeiForOrder } from '../customs/prepare-shipping-papers.ts';
import { type OrderDetail, readOrderDetail } from './get-order-detail.ts';

const DAY_MS = 86_400_000;

const CEB_BUILDERS = [
  ['ceb311', (r: CbecRecords) => compliance.buildCeb311(r.order)],
  ['ceb411', (r: CbecRecords) => compliance.buildCeb411(r.payment)],
  ['ceb511', (r: CbecRecords) => compliance.buildCeb511(r.waybill)],
] as const;
type CbecRecords = {
  order: compliance.CbecOrderRecordInput;
  payment: compliance.CbecPaymentRecordInput;
  waybill: compliance.CbecWaybillRecordInput;
};

/** The determination as kept with the shipment (amounts as decimal strings: JSON has no bigint). */
const eeiText = (eei: compliance.EeiDetermination) =>
  JSON.stringify(eei, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * The seller hands the parcel to a carrier: the order becomes shipped and the buyer's
 * confirmation window starts (policy data per market and shipping method). Two gates first:
 * - US export: a parcel that needs Electronic Export Information ships only with the ITN of its
 *   AES filing (422 `export.itn_required`, with the reasons).
 * - China CBEC: the order, payment and waybill records are built, the waybill from the carrier
 *   and tracking number given, and cross-checked; any disagreement is 422
 *   `customs.records_mismatch` with the problems, and nothing changes.
 * What was declared (the three records, the export determination) is kept with the shipment.
 */
export async function shipOrder(
  ctx: FlowCtx,
  principal: Principal,
  input: { sellerId: string; orderId: string; carrier: string; trackingNumber: string; itn?: string | null },
): Promise<OrderDetail> {
  if (!actsForSeller(principal, input.sellerId)) {
    throw forbidden('orders.not_your_seller', 'You are not staff of this seller.');
  }
  const order = await orders.getOrder(ctx.db, input.orderId);
  if (order.sellerId !== input.sellerId)
    throw forbidden('orders.not_your_order', 'This order belongs to another seller.');
  const market = await markets.getMarket(ctx.db, order.market);
  const days = market.confirmationWindowDays[order.shippingMethod];
  const itn = input.itn ?? null;
  const now = ctx.clock.now();

  const { eei } = await eeiForOrder(ctx, order, now);
  // Bonded-zone stock (1210) left the US when the seller moved it there: this parcel is a domestic
  // delivery in China, not an export, so no ITN is asked for it.
  const exportsFromUs = compliance.parcelCustoms(order)?.route !== 'CN_CBEC_1210';
  if (exportsFromUs && eei.required && itn === null) {
    throw unprocessable(
      'export.itn_required',
      'This parcel needs Electronic Export Information filed in AES before it ships: give the ITN (X and 14 digits).',
      { reasons: eei.reasons },
    );
  }
  // Records are made for a paid CBEC order; any other status is the state machine's to refuse.
  const cbec =
    order.market === 'CN' && compliance.isCbecParcel(order) && PAID_OR_LATER.includes(order.status)
      ? await cbecInputs(ctx, order)
      : null;

  await inTransaction(ctx.db, async (tx) => {
    await orders.transitionOrder(tx, ctx.clock, {
      orderId: order.id,
      to: 'shipped',
      actor: principal.userId,
      note: `${input.carrier} ${input.trackingNumber}${itn ? ` ITN ${itn}` : ''}`,
      confirmationDueAt: new Date(now.getTime() + days * DAY_MS),
    });
    const created = await shipping.createShipment(tx, ctx.clock, {
      orderId: order.id,
      sellerId: order.sellerId,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      method: order.shippingMethod,
      itn,
    });
    const text = eeiText(eei);
    const docs: { kind: shipping.ShipmentDocumentKind; body: string; digest: string }[] = [
      { kind: 'eei_determination', body: text, digest: recordDigest(ctx, text) },
    ];
    if (cbec) {
      const records: CbecRecords = {
        order: cbec.order,
        payment: cbec.payment,
        waybill: waybillRecord(order, cbec, { ...created, shippedAt: new Date(created.shippedAt) }),
      };
      const check = compliance.crossCheckCustomsRecords(records);
      if (!check.ok) {
        throw unprocessable(
          'customs.records_mismatch',
          'China customs would refuse this parcel: the order, payment and waybill records do not agree. Nothing was shipped.',
          { problems: check.problems },
        );
      }
      for (const [kind, build] of CEB_BUILDERS) {
        const xml = build(records);
        docs.push({ kind, body: maskIdNumber(xml, cbec.idNumber), digest: recordDigest(ctx, xml) });
      }
    }
    await shipping.recordShipmentDocuments(tx, created.id, docs, now);
  });
  return readOrderDetail(ctx, order.id);
}
