import type { Principal } from '../kernel/access.js';
import { conflict, forbidden } from '../kernel/errors.js';
import type { UserId } from '../kernel/ids.js';
import * as catalog from '../modules/catalog/index.js';
import * as compliance from '../modules/compliance/index.js';
import * as identity from '../modules/identity/index.js';
import * as orders from '../modules/orders/index.js';
import * as payments from '../modules/payments/index.js';
import * as sellers from '../modules/sellers/index.js';
import * as shipping from '../modules/shipping/index.js';
import type { FlowCtx } from './context.js';

/**
 * Heartland as the platform (ebp) in CEB311. Heartland has no China-customs registration code yet:
 * this is its own name in place of one, and every order record's note says so.
 */
const PLATFORM = { code: 'HEARTLAND', name: 'Heartland' } as const;

/**
 * The order model has no delivery address yet: the consignee is the buyer (real name) and the
 * address is this literal text, stated in the notes. Nothing is made up in its place.
 */
const CONSIGNEE_ADDRESS = 'Address on file with the carrier';

/** Plain-text unit for one listed item (see CbecOrderLineInput.unit: no unit code table in the reference). */
const UNIT = '个';

export interface CustomsRecords {
  orderNo: string;
  records: { ceb311: string; ceb411: string; ceb511: string | null };
  crossCheck: compliance.CustomsCrossCheck;
  /** Records that cannot be made yet: 'waybill' until the order ships. */
  missing: string[];
}

export const notAllowed = () =>
  forbidden('customs.not_allowed', "Only the seller's staff, admins and trust agents see customs records.");

const PAID_OR_LATER: readonly orders.OrderStatus[] = [
  'paid',
  'shipped',
  'delivered',
  'disputed',
  'refunding',
  'completed',
  'refunded',
];

/** The seller's own staff, platform admins and trust agents. */
export function mayReadCustomsRecords(p: Principal, o: orders.OrderView): boolean {
  return (
    p.sellerIds.includes(o.sellerId as never) ||
    p.roles.some((r) => r === 'platform_admin' || r === 'trust_agent')
  );
}

/** Grams per variant of the order's lines, from the catalog (null when a variant has no weight on file). */
async function lineWeights(ctx: FlowCtx, order: orders.OrderView): Promise<Map<string, number | null>> {
  const products = await Promise.all(
    [...new Set(order.lines.map((l) => l.productId))].map((id) =>
      catalog.getProduct(ctx.db, id, { includeHidden: true }),
    ),
  );
  const weights = new Map<string, number | null>();
  for (const p of products) for (const v of p.variants) weights.set(v.id, v.weightGrams);
  return weights;
}

/**
 * China's CBEC "three documents" for one mainland-China order (reference §1e, §1f): the CEB311
 * order record, the CEB411 payment record and — once shipped — the CEB511 waybill, with the
 * comparison customs makes between them. They carry the buyer's ID number: only the seller's own
 * staff, platform admins and trust agents may read them, and each reveal is audited by identity.
 */
export async function customsRecordsForOrder(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
): Promise<CustomsRecords> {
  const order = await orders.getOrder(ctx.db, orderId);
  if (!mayReadCustomsRecords(principal, order)) throw notAllowed();
  if (order.market !== 'CN')
    throw conflict(
      'customs.not_applicable',
      'CBEC customs records are only made for mainland-China orders.',
      {
        market: order.market,
      },
    );
  if (!PAID_OR_LATER.includes(order.status) || order.paidAt === null)
    throw conflict('customs.not_paid', 'Customs records are made once the order is paid.', {
      status: order.status,
    });

  const checkout = await orders.getCheckout(ctx.db, order.checkoutId);
  const buyerId = order.buyerId as UserId;
  const [escrow, intent, shipment, buyer, [seller], weights] = await Promise.all([
    payments.escrowForOrder(ctx.db, order.id),
    checkout.paymentIntentId ? payments.getIntent(ctx.db, checkout.paymentIntentId) : null,
    shipping.shipmentForOrder(ctx.db, order.id),
    identity.getUser(ctx.db, buyerId),
    sellers.sellerFacts(ctx.db, [order.sellerId]),
    lineWeights(ctx, order),
  ]);
  if (!escrow || !intent?.providerRef)
    throw conflict('customs.payment_missing', 'The order is paid but its payment record was not found.');
  if (!buyer || !seller)
    throw conflict('customs.party_missing', "The order's buyer or seller was not found.");
  const realId = await identity.revealBuyerIdentity(
    { db: ctx.db, clock: ctx.clock, idEncryptionKey: ctx.config.idEncryptionKey },
    buyerId,
    'CN',
  );
  if (!realId)
    throw conflict('customs.buyer_identity_missing', 'The buyer has no real-name identity on file for CN.');

  // The user record holds no telephone number: telephones are left empty and the notes say so.
  const telephone = '';
  const consignee = { name: realId.realName, telephone, address: CONSIGNEE_ADDRESS };
  const notes = [
    `Consignee is the buyer; delivery address not in Heartland's order model ('${CONSIGNEE_ADDRESS}').`,
    'Telephone not on file.',
  ];
  const orderRecord: compliance.CbecOrderRecordInput = {
    orderNo: order.id,
    placedAt: order.placedAt,
    platform: PLATFORM,
    ecommerceEnterprise: { code: seller.ein, name: seller.legalName },
    buyer: { regNo: buyer.id, name: realId.realName, idNumber: realId.idNumber, telephone },
    consignee,
    currency: order.currency,
    goodsValue: order.goods.amount,
    freight: order.shipping.amount,
    discount: 0n,
    taxTotal: order.tax.amount,
    actualPaid: order.total.amount,
    lines: order.lines.map((l) => ({
      itemNo: l.sku,
      itemName: l.title,
      gmodel: l.title,
      qty: l.quantity,
      unit: UNIT,
      price: l.unitPrice.amount,
      totalPrice: l.goods.amount,
      country: compliance.USA_COUNTRY_CODE,
      note: 'Origin country code 502 (USA) unverified.',
    })),
    note: [
      ...notes,
      `Platform code '${PLATFORM.code}' stands in for a customs registration code.`,
      compliance.UNVERIFIED_NOTE,
    ].join(' '),
  };
  const paymentRecord: compliance.CbecPaymentRecordInput = {
    paySerialNo: intent.providerRef,
    orderNo: order.id,
    payCode: ctx.provider.name,
    payName: ctx.provider.name,
    // The verified orderer is the payer: Heartland takes payment only from the buyer's own account.
    payer: { name: realId.realName, idNumber: realId.idNumber, telephone },
    amountPaid: escrow.amount.amount,
    currency: escrow.amount.currency,
    payTime: order.paidAt,
    note: `This order's share of charge ${intent.providerRef} (one charge pays the whole checkout). Payment enterprise code is the provider's name; no customs registration code on file.`,
  };

  const missing: string[] = [];
  let waybill: compliance.CbecWaybillRecordInput | null = null;
  if (shipment) {
    const unknownWeight = order.lines.some((l) => weights.get(l.variantId) == null);
    waybill = {
      logisticsNo: shipment.trackingNumber,
      logisticsCode: shipment.carrier,
      logisticsName: shipment.carrier,
      orderNo: order.id,
      consignee,
      freight: order.shipping.amount,
      currency: order.currency,
      weightGrams: order.lines.reduce((g, l) => g + (weights.get(l.variantId) ?? 0) * l.quantity, 0),
      packNo: 1,
      goodsInfo: order.lines.map((l) => `${l.title} ×${l.quantity}`).join('; '),
      shippedAt: new Date(shipment.shippedAt),
      note: [
        ...notes,
        'Logistics code is the carrier name; no customs registration code on file.',
        ...(unknownWeight ? ['Weight incomplete: a variant has no weight on file.'] : []),
      ].join(' '),
    };
  } else {
    missing.push('waybill');
  }
  // Until the waybill exists only the order and payment can be compared: a stand-in that repeats
  // the order's own fields makes the waybill checks pass trivially, and `missing` says why.
  const crossCheck = compliance.crossCheckCustomsRecords({
    order: orderRecord,
    payment: paymentRecord,
    waybill: waybill ?? {
      logisticsNo: '',
      logisticsCode: '',
      logisticsName: '',
      orderNo: order.id,
      consignee,
      freight: order.shipping.amount,
      currency: order.currency,
      weightGrams: 0,
      packNo: 1,
      goodsInfo: '',
      shippedAt: order.paidAt,
    },
  });
  return {
    orderNo: order.id,
    records: {
      ceb311: compliance.buildCeb311(orderRecord),
      ceb411: compliance.buildCeb411(paymentRecord),
      ceb511: waybill && compliance.buildCeb511(waybill),
    },
    crossCheck,
    missing,
  };
}
