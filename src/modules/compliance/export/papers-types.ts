import type { CurrencyCode, MoneyJson } from '../../../money/index.ts';
import type { EeiDetermination, EeiReason } from './eei.ts';

/** What the shipping papers are made from: the order as sold, the parties, the parcel. Amounts in minor units. */
export interface PapersInput {
  orderId: string;
  /** ISO alpha-2 destination: the order's market. */
  destination: string;
  /** The order's import regime (landed cost), e.g. 'SG_GST_LVG'. */
  regime: string;
  buyerCurrency: CurrencyCode;
  /** USD → buyer currency rate locked at checkout (decimal string). */
  fxRate: string;
  /** The invoice date: the shipping date once shipped, the payment date before. */
  issuedOn: Date;
  exporter: {
    legalName: string;
    /** The EIN, or its masked form when the reader may not see it. */
    ein: string;
    city: string;
    usState: string;
    contactName: string;
    contactPhone: string | null;
    contactEmail: string | null;
  };
  consignee: {
    name: string;
    phone: string;
    lines: string[];
    city: string;
    region: string | null;
    postalCode: string | null;
    country: string;
  };
  lines: PapersLine[];
  /** Order lines that ship nothing (services), left off the papers. */
  serviceLineNos: number[];
  freightUsd: bigint;
  freight: bigint;
  /** Duties and import taxes collected at checkout (DDP), buyer currency. */
  dutiesAndTaxes: bigint;
  totalPaid: bigint;
  shipment: { carrier: string; trackingNumber: string; shippedAt: Date; itn: string | null } | null;
  eei: EeiDetermination;
}

export interface PapersLine {
  lineNo: number;
  sku: string;
  description: string;
  hsCode: string;
  scheduleB: string | null;
  eccn: string;
  countryOfOrigin: string;
  quantity: number;
  unitPriceUsd: bigint;
  /** Buyer currency, as charged. */
  unitPrice: bigint;
  lineTotal: bigint;
  /** Shipping weight of one unit; null when none is on file. */
  unitWeightGrams: number | null;
}

export interface PartyJson {
  name: string;
  address: {
    lines: string[];
    city: string;
    region: string | null;
    postalCode: string | null;
    country: string;
  };
  phone: string | null;
}

export interface ShipmentRefJson {
  carrier: string;
  /** Air waybill / tracking number. */
  trackingNumber: string;
  shippedAt: string;
  itn: string | null;
  portOfExport: null;
}

// A type alias, not an interface: a route may return it as a JSON object (index signature).
export type CommercialInvoiceJson = {
  kind: 'commercial_invoice';
  invoiceNumber: string;
  invoiceDate: string;
  /** 'final' once shipped (carrier and waybill known), 'draft' before. */
  status: 'draft' | 'final';
  orderId: string;
  exporter: PartyJson & { role: 'USPPI'; ein: string; contactName: string; email: string | null };
  consignee: PartyJson & { uscc: null };
  terms: { incoterm: 'DDP'; incotermsVersion: 'Incoterms 2020'; namedPlace: string; payment: string };
  currency: 'USD';
  buyerCurrency: string;
  fxRate: string;
  lines: {
    lineNo: number;
    sku: string;
    description: string;
    hsCode: string;
    scheduleB: string | null;
    eccn: string;
    countryOfOrigin: string;
    quantity: number;
    unit: 'each';
    unitPriceUsd: MoneyJson;
    lineTotalUsd: MoneyJson;
    unitPrice: MoneyJson;
    lineTotal: MoneyJson;
    gstPaid?: boolean;
  }[];
  charges: {
    goodsUsd: MoneyJson;
    freightUsd: MoneyJson;
    insuranceUsd: MoneyJson;
    invoiceTotalUsd: MoneyJson;
    goods: MoneyJson;
    freight: MoneyJson;
    insurance: MoneyJson;
    dutiesAndTaxes: MoneyJson;
    totalPaid: MoneyJson;
  };
  packages: number;
  grossWeightKg: string | null;
  netWeightKg: null;
  shipment: ShipmentRefJson | null;
  export: {
    eeiRequired: boolean;
    exemptionLegend: string | null;
    itn: string | null;
    reasons: EeiReason[];
    eccns: string[];
    destinationControlStatement: string | null;
  };
  lowValueGoods: { marks: string[] };
  notes: string[];
};

// A type alias, not an interface: a route may return it as a JSON object (index signature).
export type PackingListJson = {
  kind: 'packing_list';
  packingListNumber: string;
  invoiceNumber: string;
  date: string;
  status: 'draft' | 'final';
  orderId: string;
  exporter: PartyJson;
  consignee: PartyJson;
  packages: {
    packageNo: number;
    marks: string[];
    lines: {
      lineNo: number;
      sku: string;
      description: string;
      hsCode: string;
      quantity: number;
      unit: 'each';
      unitWeightKg: string | null;
      weightKg: string | null;
    }[];
    grossWeightKg: string | null;
  }[];
  totals: { packages: number; quantity: number; grossWeightKg: string | null; netWeightKg: null };
  shipment: ShipmentRefJson | null;
  notes: string[];
};
