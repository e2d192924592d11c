import { describe, expect, it } from 'vitest';
import { determineEei } from './eei.ts';
import type { PapersInput, PapersLine } from './papers-types.ts';
import { buildCommercialInvoice, buildPackingList } from './shipping-papers.ts';

const SHIPPED = new Date('2026-11-25T03:00:00Z');
const root: PapersLine = {
  lineNo: 1,
  sku: 'GIN-ROOT-4',
  description: 'Wisconsin American Ginseng Root, 4 oz',
  hsCode: '121120',
  scheduleB: null,
  eccn: 'EAR99',
  countryOfOrigin: 'US',
  quantity: 2,
  unitPriceUsd: 8_900n, // $89.00
  unitPrice: 63_368n, // ¥633.68 = 89.00 × 7.12
  lineTotal: 126_736n,
  unitWeightGrams: 130,
};
const slices: PapersLine = {
  ...root,
  lineNo: 2,
  sku: 'GIN-SLICE-2',
  description: 'Wisconsin American Ginseng Slices, 2 oz',
  scheduleB: '1211200020',
  quantity: 1,
  unitPriceUsd: 4_000n,
  unitPrice: 28_480n,
  lineTotal: 28_480n,
  unitWeightGrams: 70,
};

function input(changes: Partial<PapersInput> = {}): PapersInput {
  const lines = changes.lines ?? [root, slices];
  const destination = changes.destination ?? 'CN';
  return {
    orderId: 'ord_0123456789abcdef0123456789abcdef',
    destination,
    regime: 'CN_CBEC_9610',
    buyerCurrency: 'CNY',
    fxRate: '7.12',
    issuedOn: SHIPPED,
    exporter: {
      legalName: 'Marathon Root Farm LLC',
      ein: '39-4000001',
      city: 'Wausau',
      usState: 'WI',
      contactName: 'Ann Miller',
      contactPhone: '+1 715 555 0142',
      contactEmail: 'ann@marathon.test',
    },
    consignee: {
      name: '李伟',
      phone: '+86 138 0013 8000',
      lines: ['浦东新区世纪大道 100 号'],
      city: '上海市',
      region: '上海市',
      postalCode: '200120',
      country: destination,
    },
    serviceLineNos: [],
    freightUsd: 2_500n,
    freight: 17_800n,
    dutiesAndTaxes: 16_000n,
    totalPaid: 189_016n,
    shipment: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: SHIPPED, itn: null },
    eei: determineEei({
      destination,
      at: SHIPPED,
      lines: lines.map((l) => ({ ...l, valueUsd: l.unitPriceUsd * BigInt(l.quantity) })),
    }),
    ...changes,
    lines,
  };
}

describe('commercial invoice (reference §4b)', () => {
  it('carries the fields, with totals worked out by hand', () => {
    const inv = buildCommercialInvoice(input());
    expect(inv).toMatchObject({
      invoiceNumber: 'CI-ord_0123456789abcdef0123456789abcdef',
      invoiceDate: '2026-11-25',
      status: 'final',
      currency: 'USD',
      buyerCurrency: 'CNY',
      terms: { incoterm: 'DDP', namedPlace: '上海市, CN' },
      exporter: { role: 'USPPI', name: 'Marathon Root Farm LLC', ein: '39-4000001' },
      consignee: {
        name: '李伟',
        phone: '+86 138 0013 8000',
        address: { postalCode: '200120', country: 'CN' },
      },
      packages: 1,
      grossWeightKg: '0.330', // 2 × 130 g + 70 g
      netWeightKg: null,
      shipment: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', itn: null },
    });
    expect(inv.lines[0]).toMatchObject({
      description: 'Wisconsin American Ginseng Root, 4 oz',
      hsCode: '121120',
      scheduleB: null,
      eccn: 'EAR99',
      countryOfOrigin: 'US',
      quantity: 2,
      unit: 'each',
      unitPriceUsd: { amount: 8_900, currency: 'USD' },
      lineTotalUsd: { amount: 17_800, currency: 'USD' }, // $89.00 × 2
      lineTotal: { amount: 126_736, currency: 'CNY' },
    });
    expect(inv.charges).toEqual({
      goodsUsd: { amount: 21_800, currency: 'USD' }, // 178.00 + 40.00
      freightUsd: { amount: 2_500, currency: 'USD' },
      insuranceUsd: { amount: 0, currency: 'USD' },
      invoiceTotalUsd: { amount: 24_300, currency: 'USD' }, // 218.00 + 25.00 + 0
      goods: { amount: 155_216, currency: 'CNY' }, // 1267.36 + 284.80
      freight: { amount: 17_800, currency: 'CNY' },
      insurance: { amount: 0, currency: 'CNY' },
      dutiesAndTaxes: { amount: 16_000, currency: 'CNY' },
      totalPaid: { amount: 189_016, currency: 'CNY' },
    });
    // $218.00 under HS 121120 is far below $2,500: exempt, with the legend; EAR99 needs no DCS.
    expect(inv.export).toMatchObject({
      eeiRequired: false,
      exemptionLegend: 'NOEEI 15 CFR 30.37(a)',
      destinationControlStatement: null,
    });
    expect(inv.notes.join(' ')).toMatch(/USCC.*not on file/);
    expect(inv.lowValueGoods.marks).toEqual([]);
  });

  it('adds the Destination Control Statement and the ECCN only for CCL items', () => {
    const router = {
      ...slices,
      lineNo: 3,
      description: 'Mesh router',
      hsCode: '851762',
      scheduleB: null,
      eccn: '5A992.c',
    };
    const inv = buildCommercialInvoice(input({ lines: [root, router] }));
    expect(inv.lines[1]!.eccn).toBe('5A992.c');
    expect(inv.export.eeiRequired).toBe(true);
    expect(inv.export.eccns).toEqual(['5A992.c']);
    expect(inv.export.destinationControlStatement).toMatch(
      /^These items are controlled by the U\.S\. Government/,
    );
    expect(inv.notes.join(' ')).toContain('the ITN from AES must be given');
  });

  it.each([
    [
      'SG',
      'SG_GST_LVG',
      ['GST paid: Singapore low-value goods, GST collected at checkout'],
      true,
      /OVR GST registration number/,
    ],
    ['SG', 'SG_GST_IMPORT', [], false, null],
    ['MY', 'MY_LVG_SALES_TAX', ['LVG'], false, /Malaysia LVG registration number/],
    ['TH', 'TH_LOW_VALUE_VAT', ['LVG'], false, null],
    ['TH', 'TH_IMPORT_VAT', [], false, null],
    ['JP', 'JP_DE_MINIMIS', [], false, null],
  ])(
    '%s %s: low-value-goods marks %j, never a made-up registration number',
    (market, regime, marks, gst, note) => {
      const inv = buildCommercialInvoice(input({ destination: market, regime }));
      expect(inv.lowValueGoods.marks).toEqual(marks);
      expect(inv.lines.every((l) => (l.gstPaid ?? false) === gst)).toBe(true);
      if (note) expect(inv.notes.join(' ')).toMatch(note);
      expect(JSON.stringify(inv)).not.toMatch(/registration number: [A-Z0-9]/);
    },
  );

  it('is a draft before shipping, without carrier or waybill', () => {
    const inv = buildCommercialInvoice(input({ shipment: null }));
    expect(inv.status).toBe('draft');
    expect(inv.shipment).toBeNull();
    expect(inv.notes.join(' ')).toContain('Draft');
  });
});

describe('packing list', () => {
  it('lists the package contents and weights, no prices', () => {
    const pl = buildPackingList(input());
    expect(pl).toMatchObject({
      packingListNumber: 'PL-ord_0123456789abcdef0123456789abcdef',
      invoiceNumber: 'CI-ord_0123456789abcdef0123456789abcdef',
      totals: { packages: 1, quantity: 3, grossWeightKg: '0.330', netWeightKg: null },
    });
    expect(pl.packages[0]!.lines.map((l) => [l.sku, l.quantity, l.unitWeightKg, l.weightKg])).toEqual([
      ['GIN-ROOT-4', 2, '0.130', '0.260'],
      ['GIN-SLICE-2', 1, '0.070', '0.070'],
    ]);
    expect(pl.packages[0]!.marks).toContain('Package 1 of 1');
    expect(JSON.stringify(pl)).not.toContain('"amount"');
  });

  it('states no gross weight when an item has none on file', () => {
    const pl = buildPackingList(input({ lines: [root, { ...slices, unitWeightGrams: null }] }));
    expect(pl.totals.grossWeightKg).toBeNull();
    expect(pl.notes.join(' ')).toContain('Weight incomplete');
  });
});
