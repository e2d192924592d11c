import { type CurrencyCode, toJson } from '../../../money/index.ts';
import { kilograms } from '../customs/xml.ts';
import { EXPORT_RULES, type ExportRules, exportRule } from './export-rules.ts';
import type {
  CommercialInvoiceJson,
  PackingListJson,
  PapersInput,
  PartyJson,
  ShipmentRefJson,
} from './papers-types.ts';

const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const usd = (amount: bigint) => toJson({ amount, currency: 'USD' });
const local = (amount: bigint, currency: CurrencyCode) => toJson({ amount, currency });

/** Document numbers follow the order id: one order is one parcel is one invoice. */
export const invoiceNumber = (orderId: string) => `CI-${orderId}`;
export const packingListNumber = (orderId: string) => `PL-${orderId}`;

/**
 * Low-value-goods marks the reference lists (§4b), by the import regime the order was taxed under:
 * Singapore's "GST paid" flag per item when Heartland collected GST under the LVG regime (A-SG2),
 * Malaysia's LVG sales tax (A-MY2) and Thailand's "LVG" code for duty-waived parcels of CIF at most
 * THB 1,500 (A-TH4). Heartland holds no OVR GST or MY LVG registration number: those are left out
 * and the notes say so rather than print a made-up one.
 */
const LVG_MARKS: Record<string, { marks: string[]; gstPaid: boolean; notes: string[] }> = {
  SG_GST_LVG: {
    marks: ['GST paid: Singapore low-value goods, GST collected at checkout'],
    gstPaid: true,
    notes: ['Singapore OVR GST registration number: none on file in Heartland, so it is left out (A-SG2).'],
  },
  MY_LVG_SALES_TAX: {
    marks: ['LVG'],
    gstPaid: false,
    notes: ['Malaysia LVG registration number: none on file in Heartland, so it is left out (A-MY2).'],
  },
  TH_LOW_VALUE_VAT: { marks: ['LVG'], gstPaid: false, notes: [] },
  TH_DE_MINIMIS: { marks: ['LVG'], gstPaid: false, notes: [] },
};
const NO_MARKS = { marks: [], gstPaid: false, notes: [] };
const lowValueGoods = (input: PapersInput) => LVG_MARKS[input.regime] ?? NO_MARKS;

function parties(input: PapersInput): { exporter: PartyJson; consignee: PartyJson } {
  const e = input.exporter;
  const c = input.consignee;
  return {
    exporter: {
      name: e.legalName,
      address: { lines: [], city: e.city, region: e.usState, postalCode: null, country: 'US' },
      phone: e.contactPhone,
    },
    consignee: {
      name: c.name,
      address: {
        lines: c.lines,
        city: c.city,
        region: c.region,
        postalCode: c.postalCode,
        country: c.country,
      },
      phone: c.phone,
    },
  };
}

function shipmentRef(input: PapersInput): ShipmentRefJson | null {
  const s = input.shipment;
  return (
    s && {
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      shippedAt: s.shippedAt.toISOString(),
      itn: s.itn,
      portOfExport: null,
    }
  );
}

/** Gross weight of the parcel from the listed shipping weights; null when a line has none. */
function grossGrams(input: PapersInput): number | null {
  if (input.lines.some((l) => l.unitWeightGrams === null)) return null;
  return input.lines.reduce((g, l) => g + l.unitWeightGrams! * l.quantity, 0);
}

/** What every paper says about what Heartland does not know, so nobody reads a blank as a fact. */
function commonNotes(input: PapersInput): string[] {
  const notes = [
    "Exporter address: Heartland records the seller's city and state only, not a street address.",
    'Net weight: Heartland records one shipping weight per item, so the gross weight is the sum of those and the net weight (without packaging) is not stated.',
    'Port of export: not recorded by Heartland.',
  ];
  if (input.lines.some((l) => l.unitWeightGrams === null))
    notes.push('Weight incomplete: an item has no weight on file, so no gross weight is stated.');
  if (input.serviceLineNos.length > 0)
    notes.push(
      `Order line ${input.serviceLineNos.join(', ')} is a service: nothing ships, so it is not listed.`,
    );
  if (input.shipment === null) notes.push('Draft: carrier and waybill are added when the order ships.');
  return notes;
}

/**
 * The commercial invoice of one order's parcel (reference §4b): exporter (USPPI) and consignee,
 * per line description, HS code and Schedule B, ECCN, origin, quantity and prices in USD (the
 * seller's price) with the buyer's currency alongside, DDP terms, freight and insurance shown
 * separately, weights, carrier and waybill once shipped, the EEI status, the Destination Control
 * Statement only for CCL items (15 CFR 758.6) and the low-value-goods marks of the destination.
 */
export function buildCommercialInvoice(
  input: PapersInput,
  rules: ExportRules = EXPORT_RULES,
): CommercialInvoiceJson {
  const cur = input.buyerCurrency;
  const { exporter, consignee } = parties(input);
  const lvg = lowValueGoods(input);
  const goodsUsd = input.lines.reduce((s, l) => s + l.unitPriceUsd * BigInt(l.quantity), 0n);
  const goods = input.lines.reduce((s, l) => s + l.lineTotal, 0n);
  const gross = grossGrams(input);
  const ccl = input.eei.cclEccns.length > 0;
  const notes = [
    ...commonNotes(input),
    'Consignee USCC (China manifests): not applicable to a consumer and not on file.',
    'Insurance: none charged.',
    `Values are the seller's USD prices; ${cur} amounts are what the buyer paid at the rate locked at checkout (${input.fxRate}).`,
    ...input.eei.notes,
    ...lvg.notes,
  ];
  if (input.eei.required && !input.shipment?.itn)
    notes.push('EEI is required: the ITN from AES must be given before the parcel ships.');
  return {
    kind: 'commercial_invoice',
    invoiceNumber: invoiceNumber(input.orderId),
    invoiceDate: dateOf(input.issuedOn),
    status: input.shipment ? 'final' : 'draft',
    orderId: input.orderId,
    exporter: {
      ...exporter,
      role: 'USPPI',
      ein: input.exporter.ein,
      contactName: input.exporter.contactName,
      email: input.exporter.contactEmail,
    },
    consignee: { ...consignee, uscc: null },
    terms: {
      incoterm: 'DDP',
      incotermsVersion: 'Incoterms 2020',
      namedPlace: `${input.consignee.city}, ${input.consignee.country}`,
      payment:
        'Prepaid by the buyer at checkout, with duties and import taxes; held in escrow until delivery.',
    },
    currency: 'USD',
    buyerCurrency: cur,
    fxRate: input.fxRate,
    lines: input.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      description: l.description,
      hsCode: l.hsCode,
      scheduleB: l.scheduleB,
      eccn: l.eccn,
      countryOfOrigin: l.countryOfOrigin,
      quantity: l.quantity,
      unit: 'each' as const,
      unitPriceUsd: usd(l.unitPriceUsd),
      lineTotalUsd: usd(l.unitPriceUsd * BigInt(l.quantity)),
      unitPrice: local(l.unitPrice, cur),
      lineTotal: local(l.lineTotal, cur),
      ...(lvg.gstPaid ? { gstPaid: true } : {}),
    })),
    charges: {
      goodsUsd: usd(goodsUsd),
      freightUsd: usd(input.freightUsd),
      insuranceUsd: usd(0n),
      invoiceTotalUsd: usd(goodsUsd + input.freightUsd),
      goods: local(goods, cur),
      freight: local(input.freight, cur),
      insurance: local(0n, cur),
      dutiesAndTaxes: local(input.dutiesAndTaxes, cur),
      totalPaid: local(input.totalPaid, cur),
    },
    packages: 1,
    grossWeightKg: gross === null ? null : kilograms(gross),
    netWeightKg: null,
    shipment: shipmentRef(input),
    export: {
      eeiRequired: input.eei.required,
      exemptionLegend: input.eei.exemption,
      itn: input.shipment?.itn ?? null,
      reasons: input.eei.reasons,
      eccns: input.eei.cclEccns,
      destinationControlStatement: ccl ? (exportRule('US.dcs', rules).text ?? null) : null,
    },
    lowValueGoods: { marks: lvg.marks },
    notes,
  };
}

/** The packing list of the same parcel: what is in it and what it weighs, no prices. */
export function buildPackingList(input: PapersInput): PackingListJson {
  const { exporter, consignee } = parties(input);
  const gross = grossGrams(input);
  const kg = (g: number | null) => (g === null ? null : kilograms(g));
  return {
    kind: 'packing_list',
    packingListNumber: packingListNumber(input.orderId),
    invoiceNumber: invoiceNumber(input.orderId),
    date: dateOf(input.issuedOn),
    status: input.shipment ? 'final' : 'draft',
    orderId: input.orderId,
    exporter,
    consignee,
    packages: [
      {
        packageNo: 1,
        marks: [`Order ${input.orderId}`, `Invoice ${invoiceNumber(input.orderId)}`, 'Package 1 of 1'],
        lines: input.lines.map((l) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          description: l.description,
          hsCode: l.hsCode,
          quantity: l.quantity,
          unit: 'each' as const,
          unitWeightKg: kg(l.unitWeightGrams),
          weightKg: kg(l.unitWeightGrams === null ? null : l.unitWeightGrams * l.quantity),
        })),
        grossWeightKg: kg(gross),
      },
    ],
    totals: {
      packages: 1,
      quantity: input.lines.reduce((q, l) => q + l.quantity, 0),
      grossWeightKg: kg(gross),
      netWeightKg: null,
    },
    shipment: shipmentRef(input),
    notes: commonNotes(input),
  };
}
