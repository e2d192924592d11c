import { createHmac } from 'node:crypto';
import { type Principal, seesSeller } from '../../kernel/access.ts';
import { conflict, forbidden, notFound } from '../../kernel/errors.ts';
import type { UserId } from '../../kernel/ids.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as identity from '../../modules/identity/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import type { FlowCtx } from '../context.ts';

/**
 * Heartland as the platform (ebp) in CEB311. Heartland has no China-customs registration code yet:
 * this is its own name in place of one, and every order record's note says so.
 */
const PLATFORM = { code: 'HEARTLAND', name: 'Heartland' } as const;

/** Plain-text unit for one listed item (see CbecOrderLineInput.unit: no unit code table in the reference). */
const UNIT = '个';

export interface DeclaredRecord {
  kind: shipping.ShipmentDocumentKind;
  /** The record as declared at ship time, the buyer's ID number masked. */
  body: string;
  digest: string;
  declaredAt: string;
  /** Whether the record made now from the order is, byte for byte, the one declared. */
  matchesCurrent: boolean | null;
}

export interface CustomsRecords {
  orderNo: string;
  records: { ceb311: string; ceb411: string; ceb511: string | null };
  crossCheck: compliance.CustomsCrossCheck;
  /** Records that cannot be made yet: 'waybill' until the order ships. */
  missing: string[];
  /** What the ship gate declared (empty before shipping, and for orders shipped before the gate). */
  declared: DeclaredRecord[];
}

const notAllowed = () =>
  forbidden('customs.not_allowed', "Only the seller's staff, admins and trust agents see customs records.");

export const PAID_OR_LATER: readonly orders.OrderStatus[] = [
  'paid',
  'shipped',
  'delivered',
  'disputed',
  'refunding',
  'completed',
  'refunded',
];

/** The seller's own staff, platform admins and trust agents. */
export const mayReadCustomsRecords = (p: Principal, o: orders.OrderView): boolean =>
  seesSeller(p, o.sellerId);

/** The order and payment records of a paid mainland-China order, and what the waybill needs. */
export interface CbecInputs {
  order: compliance.CbecOrderRecordInput;
  payment: compliance.CbecPaymentRecordInput;
  consignee: compliance.CbecConsignee;
  notes: string[];
  /** Shipping grams of one unit per variant (null when none is on file). */
  weights: Map<string, number | null>;
  /** The buyer's full ID number, to mask it wherever a record is kept. */
  idNumber: string;
}

/**
 * Makes the CEB311 order and CEB411 payment inputs from the order as placed and paid. Reveals the
 * buyer's ID number (audited by the identity module): call it only to show or declare records.
 */
export async function cbecInputs(ctx: FlowCtx, order: orders.OrderView): Promise<CbecInputs> {
  if (order.market !== 'CN')
    throw conflict(
      'customs.not_applicable',
      'CBEC customs records are only made for mainland-China orders.',
      {
        market: order.market,
      },
    );
  if (!PAID_OR_LATER.includes(order.status) || order.paidAt === null)
    // Not `status`: problem details spread into the body, where `status` is the HTTP status.
    throw conflict('customs.not_paid', 'Customs records are made once the order is paid.', {
      orderStatus: order.status,
    });
  const address = order.deliveryAddress;
  if (!address)
    throw conflict(
      'customs.delivery_address_missing',
      'The order has no delivery address for the consignee.',
    );
  const checkout = await orders.getCheckout(ctx.db, order.checkoutId);
  const buyerId = order.buyerId as UserId;
  const [escrow, intent, buyer, [seller], facts] = await Promise.all([
    payments.escrowForOrder(ctx.db, order.id),
    checkout.paymentIntentId ? payments.getIntent(ctx.db, checkout.paymentIntentId) : null,
    identity.getUser(ctx.db, buyerId),
    sellers.sellerFacts(ctx.db, [order.sellerId]),
    catalog.variantExportFacts(
      ctx.db,
      order.lines.map((l) => l.variantId),
    ),
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

  const consignee = {
    name: address.recipientName,
    telephone: address.phone,
    address: orders.formatDeliveryAddress(address),
  };
  // The user record holds no telephone: the delivery phone is the orderer's only when the orderer
  // is the recipient; otherwise it is left empty and the note says so.
  const buyerIsRecipient = address.recipientName === realId.realName;
  const telephone = buyerIsRecipient ? address.phone : '';
  const notes = buyerIsRecipient
    ? []
    : ["Orderer's telephone not on file (the recipient is someone else; the delivery phone is theirs)."];
  const origin = (variantId: string) => facts.get(variantId)?.countryOfOrigin ?? 'US';
  const order311: compliance.CbecOrderRecordInput = {
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
      // China customs' country table is known for the USA only (502, unverified); others keep ISO alpha-2.
      country: origin(l.variantId) === 'US' ? compliance.USA_COUNTRY_CODE : origin(l.variantId),
      note:
        origin(l.variantId) === 'US'
          ? 'Origin country code 502 (USA) unverified.'
          : `Origin ${origin(l.variantId)} as ISO alpha-2: no China customs code on file.`,
    })),
    note: [
      ...notes,
      `Platform code '${PLATFORM.code}' stands in for a customs registration code.`,
      compliance.UNVERIFIED_NOTE,
    ].join(' '),
  };
  const payment411: compliance.CbecPaymentRecordInput = {
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
  const weights = new Map([...facts].map(([id, f]) => [id, f.weightGrams]));
  return { order: order311, payment: payment411, consignee, notes, weights, idNumber: realId.idNumber };
}

/** The CEB511 waybill of the order's parcel: carrier, tracking number and shipping time as given. */
export function waybillRecord(
  order: orders.OrderView,
  inputs: CbecInputs,
  parcel: { carrier: string; trackingNumber: string; shippedAt: Date },
): compliance.CbecWaybillRecordInput {
  const unknownWeight = order.lines.some((l) => inputs.weights.get(l.variantId) == null);
  return {
    logisticsNo: parcel.trackingNumber,
    logisticsCode: parcel.carrier,
    logisticsName: parcel.carrier,
    orderNo: order.id,
    consignee: inputs.consignee,
    freight: order.shipping.amount,
    currency: order.currency,
    weightGrams: order.lines.reduce((g, l) => g + (inputs.weights.get(l.variantId) ?? 0) * l.quantity, 0),
    packNo: 1,
    goodsInfo: order.lines.map((l) => `${l.title} ×${l.quantity}`).join('; '),
    shippedAt: parcel.shippedAt,
    note: [
      ...inputs.notes,
      'Logistics code is the carrier name; no customs registration code on file.',
      ...(unknownWeight ? ['Weight incomplete: a variant has no weight on file.'] : []),
    ].join(' '),
  };
}

/**
 * Keyed digest of a declared record. The key is derived from the ID-encryption key, so the digest
 * of a record carrying an ID number cannot be brute-forced back to the number without it.
 */
export function recordDigest(ctx: FlowCtx, body: string): string {
  const key = createHmac('sha256', ctx.config.idEncryptionKey).update('shipment-document-digest').digest();
  return createHmac('sha256', key).update(body, 'utf8').digest('hex');
}

/** The record as kept: every occurrence of the ID number masked to its first and last four. */
export function maskIdNumber(body: string, idNumber: string): string {
  if (idNumber.length < 8) return body;
  return body.replaceAll(
    idNumber,
    `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`,
  );
}

/**
 * China's CBEC "three documents" for one mainland-China order (reference §1e, §1f): the CEB311
 * order record, the CEB411 payment record and — once shipped — the CEB511 waybill, with the
 * comparison customs makes between them, and what the ship gate declared. They carry the buyer's
 * ID number: only the seller's own staff, platform admins and trust agents may read them, and each
 * reveal is audited by identity. Given `sellerId` (the seller the URL names), another seller's
 * order is 404 — after the access check (403), so a stranger learns nothing from the difference.
 */
export async function customsRecordsForOrder(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
  sellerId?: string,
): Promise<CustomsRecords> {
  const order = await orders.getOrder(ctx.db, orderId);
  if (!mayReadCustomsRecords(principal, order)) throw notAllowed();
  if (sellerId !== undefined && order.sellerId !== sellerId)
    throw notFound('customs.order_not_found', 'This seller has no such order.');
  const inputs = await cbecInputs(ctx, order);
  const shipment = await shipping.shipmentForOrder(ctx.db, order.id);
  const waybill = shipment
    ? waybillRecord(order, inputs, { ...shipment, shippedAt: new Date(shipment.shippedAt) })
    : null;
  // Until the waybill exists only the order and payment can be compared: a stand-in that repeats
  // the order's own fields makes the waybill checks pass trivially, and `missing` says why.
  const crossCheck = compliance.crossCheckCustomsRecords({
    order: inputs.order,
    payment: inputs.payment,
    waybill: waybill ?? {
      logisticsNo: '',
      logisticsCode: '',
      logisticsName: '',
      orderNo: order.id,
      consignee: inputs.consignee,
      freight: order.shipping.amount,
      currency: order.currency,
      weightGrams: 0,
      packNo: 1,
      goodsInfo: '',
      shippedAt: order.paidAt!,
    },
  });
  const records = {
    ceb311: compliance.buildCeb311(inputs.order),
    ceb411: compliance.buildCeb411(inputs.payment),
    ceb511: waybill && compliance.buildCeb511(waybill),
  };
  const current: Partial<Record<shipping.ShipmentDocumentKind, string | null>> = records;
  const declared = shipment
    ? (await shipping.shipmentDocuments(ctx.db, shipment.id)).map((d) => {
        const now = current[d.kind];
        return {
          kind: d.kind,
          body: d.body,
          digest: d.digest,
          declaredAt: d.createdAt,
          matchesCurrent: typeof now === 'string' ? recordDigest(ctx, now) === d.digest : null,
        };
      })
    : [];
  return { orderNo: order.id, records, crossCheck, missing: waybill ? [] : ['waybill'], declared };
}
