import { type Principal, seesSeller } from '../../kernel/access.ts';
import { conflict, forbidden } from '../../kernel/errors.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import type { FlowCtx } from '../context.ts';
import { PAID_OR_LATER } from './build-customs-records.ts';

/** The parcel as the papers see it: the shipment once made, or the one being made at the ship gate. */
export interface ParcelFacts {
  carrier: string;
  trackingNumber: string;
  shippedAt: Date;
  itn: string | null;
}

/**
 * Who may read an order's commercial invoice and packing list: the seller's staff, platform admins
 * and trust agents, and the order's own buyer (the papers travel with their parcel). No other
 * buyer. The buyer's copy masks the seller's EIN, as every buyer-facing seller view does.
 */
export const mayReadPapers = (p: Principal, o: orders.OrderView): boolean =>
  o.buyerId === p.userId || seesSeller(p, o.sellerId);

/** Everyone but the buyer: the seller's staff, platform admins and trust agents. */
const seesFullEin = (p: Principal, o: orders.OrderView): boolean => seesSeller(p, o.sellerId);

/** The goods lines of an order as the US export side values them: the seller's USD price × quantity. */
export function exportLines(
  order: orders.OrderView,
  facts: Map<string, catalog.VariantExportFacts>,
): compliance.ExportLine[] {
  return order.lines
    .filter((l) => facts.get(l.variantId)?.kind !== 'service')
    .map((l) => {
      const f = facts.get(l.variantId);
      return {
        lineNo: l.lineNo,
        description: l.title,
        hsCode: l.hsCode,
        scheduleB: f?.scheduleB ?? null,
        eccn: f?.eccn ?? 'EAR99',
        valueUsd: l.unitPriceUsd.amount * BigInt(l.quantity),
      };
    });
}

/** Whether the order's parcel needs EEI, from the catalog's classification of what it holds. */
export async function eeiForOrder(
  ctx: FlowCtx,
  order: orders.OrderView,
  at: Date,
): Promise<{ eei: compliance.EeiDetermination; facts: Map<string, catalog.VariantExportFacts> }> {
  const facts = await catalog.variantExportFacts(
    ctx.db,
    order.lines.map((l) => l.variantId),
  );
  return {
    eei: compliance.determineEei({ destination: order.market, lines: exportLines(order, facts), at }),
    facts,
  };
}

/**
 * Everything the papers are made from, for a paid order of goods. `parcel` is the shipment (read
 * from shipping when not given); before shipping the papers are drafts dated the payment day.
 */
export async function papersInput(
  ctx: FlowCtx,
  order: orders.OrderView,
  opts: { maskEin: boolean; parcel?: ParcelFacts | null },
): Promise<compliance.PapersInput> {
  if (!PAID_OR_LATER.includes(order.status) || order.paidAt === null)
    throw conflict('papers.not_paid', 'Shipping papers are made once the order is paid.', {
      orderStatus: order.status,
    });
  const address = order.deliveryAddress;
  const [seller, shipment] = await Promise.all([
    sellers.getSeller(ctx.db, order.sellerId),
    opts.parcel === undefined ? shipping.shipmentForOrder(ctx.db, order.id) : null,
  ]);
  const parcel: ParcelFacts | null =
    opts.parcel !== undefined
      ? opts.parcel
      : shipment && { ...shipment, shippedAt: new Date(shipment.shippedAt), itn: shipment.itn };
  const issuedOn = parcel?.shippedAt ?? order.paidAt;
  const { eei, facts } = await eeiForOrder(ctx, order, issuedOn);
  const goods = order.lines.filter((l) => facts.get(l.variantId)?.kind !== 'service');
  if (goods.length === 0)
    throw conflict(
      'papers.not_applicable',
      'This order ships nothing (services only): it has no shipping papers.',
    );
  if (!address)
    throw conflict('papers.delivery_address_missing', 'The order has no delivery address for the consignee.');
  const f = (variantId: string) => facts.get(variantId);
  return {
    orderId: order.id,
    destination: order.market,
    regime: order.regime,
    buyerCurrency: order.currency,
    fxRate: order.fxRate,
    issuedOn,
    exporter: {
      legalName: seller.legalName,
      ein: opts.maskEin ? sellers.maskEin(seller.ein) : seller.ein,
      city: seller.city,
      usState: seller.usState,
      contactName: seller.contact.name,
      contactPhone: opts.maskEin ? null : (seller.contact.phone ?? null),
      contactEmail: opts.maskEin ? null : (seller.contact.email ?? null),
    },
    consignee: {
      name: address.recipientName,
      phone: address.phone,
      lines: address.lines,
      city: address.city,
      region: address.region,
      postalCode: address.postalCode,
      country: address.country,
    },
    lines: goods.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      description: l.title,
      hsCode: l.hsCode,
      scheduleB: f(l.variantId)?.scheduleB ?? null,
      eccn: f(l.variantId)?.eccn ?? 'EAR99',
      countryOfOrigin: f(l.variantId)?.countryOfOrigin ?? 'US',
      quantity: l.quantity,
      unitPriceUsd: l.unitPriceUsd.amount,
      unitPrice: l.unitPrice.amount,
      lineTotal: l.goods.amount,
      unitWeightGrams: f(l.variantId)?.weightGrams ?? null,
    })),
    serviceLineNos: order.lines.filter((l) => !goods.includes(l)).map((l) => l.lineNo),
    freightUsd: order.shippingUsd.amount,
    freight: order.shipping.amount,
    dutiesAndTaxes: order.tax.amount,
    totalPaid: order.total.amount,
    shipment: parcel,
    eei,
  };
}

/** What the papers of an order are made from, for those who may read them (403 otherwise). */
async function papersFor(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
): Promise<compliance.PapersInput> {
  const order = await orders.getOrder(ctx.db, orderId);
  if (!mayReadPapers(principal, order))
    throw forbidden(
      'papers.not_allowed',
      "Only the order's buyer, the seller's staff, admins and trust agents.",
    );
  return papersInput(ctx, order, { maskEin: !seesFullEin(principal, order) });
}

/** The commercial invoice of an order's parcel (reference §4b). */
export async function prepareCommercialInvoice(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
): Promise<compliance.CommercialInvoiceJson> {
  return compliance.buildCommercialInvoice(await papersFor(ctx, principal, orderId));
}

/** The packing list of an order's parcel (reference §4b). */
export async function preparePackingList(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
): Promise<compliance.PackingListJson> {
  return compliance.buildPackingList(await papersFor(ctx, principal, orderId));
}
