import { type Case, input } from './asia-cases.test-support.ts';

/** Hong Kong, Taiwan, Japan, Korea and Singapore, worked by hand (see asia-cases.test-support.ts). */
export const NORTH_ASIA_CASES: Case[] = [
  // ---- Hong Kong: free port; liquor > 30% ABV pays 100% excise on price + freight (A-HK1, A-HK2).
  // Bourbon 2208.30: HK$500.00 + HK$50.00 = HK$550.00 × 100% = HK$550.00. Partial (HS 2208 assumed > 30%).
  {
    name: 'HK spirits: 100% of HK$550.00',
    in: input('HK', '2026-03-01T00:00:00Z', [['2208.30', 1, 50000n, 5000n]]),
    regime: 'HK_FREE_PORT',
    taxes: [[55000n, 0n, 0n]],
    provisional: true,
  },
  // Maple syrup: no tariff, no VAT; HK.free_port is verified Yes, so nothing is provisional.
  {
    name: 'HK maple syrup: nothing due',
    in: input('HK', '2026-03-01T00:00:00Z', [['1702.20', 2, 15000n, 3000n]]),
    regime: 'HK_FREE_PORT',
    taxes: [[0n, 0n, 0n]],
    provisional: false,
    has: ['HK.free_port'],
  },

  // ---- Taiwan: CIF ≤ NT$2,000 exempt (from 2018-01-01, start date unconfirmed → Partial); else 5% business tax.
  // T-shirt NT$1,850.00 + NT$150.00 = NT$2,000.00 ≤ 2,000 → exempt (no earlier import this half-year).
  {
    name: 'TW NT$2,000.00 exempt',
    in: input('TW', '2026-03-01T00:00:00Z', [['6109.10', 1, 185000n, 15000n]], {
      history: { twImportsThisHalfYear: 0 },
    }),
    regime: 'TW_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    hasNot: ['TW.frequent_importer.history_unknown'],
  },
  // NT$1,850.01 + NT$150.00 = NT$2,000.01 > 2,000 → 5% × 2,000.01 = 100.0005 → NT$100.00; duty gap 0.
  {
    name: 'TW NT$2,000.01 taxed 5%',
    in: input('TW', '2026-03-01T00:00:00Z', [['6109.10', 1, 185001n, 15000n]], {
      history: { twImportsThisHalfYear: 0 },
    }),
    regime: 'TW_BUSINESS_TAX',
    taxes: [[0n, 10000n, 0n]],
    provisional: true,
  },
  // NT$900 + NT$100 = NT$1,000; 5 earlier imports this half-year → this is the 6th → still exempt.
  {
    name: 'TW 6th import of the half-year exempt',
    in: input('TW', '2026-03-01T00:00:00Z', [['6109.10', 1, 90000n, 10000n]], {
      history: { twImportsThisHalfYear: 5 },
    }),
    regime: 'TW_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    has: ['TW.frequent_importer'],
  },
  // Same parcel, 6 earlier imports → the 7th loses the exemption: 5% × 1,000.00 = NT$50.00.
  {
    name: 'TW 7th import of the half-year taxed',
    in: input('TW', '2026-03-01T00:00:00Z', [['6109.10', 1, 90000n, 10000n]], {
      history: { twImportsThisHalfYear: 6 },
    }),
    regime: 'TW_FREQUENT_IMPORTER',
    taxes: [[0n, 5000n, 0n]],
    provisional: true,
    has: ['TW.frequent_importer', 'TW.business_tax'],
  },
  // No count supplied → counted as 0 (exempt), and the result names why it is provisional.
  {
    name: 'TW unknown import count: exempt, flagged',
    in: input('TW', '2026-03-01T00:00:00Z', [['6109.10', 1, 90000n, 10000n]]),
    regime: 'TW_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    has: ['TW.frequent_importer.history_unknown'],
  },
  // Maple syrup NT$1,000 + NT$100 exempt, but a food line names the unlisted tariff-quota caveat.
  {
    name: 'TW food under the threshold names the TRQ gap',
    in: input('TW', '2026-03-01T00:00:00Z', [['1702.20', 1, 100000n, 10000n]], {
      history: { twImportsThisHalfYear: 0 },
    }),
    regime: 'TW_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    has: ['TW.de_minimis.trq_not_listed'],
  },
  // NT$2,300 + NT$200 = NT$2,500 on 2017-12-31 23:59:59 Taiwan time: NT$3,000 threshold → exempt.
  {
    name: 'TW 2017-12-31: NT$2,500 under NT$3,000',
    in: input('TW', '2017-12-31T15:59:59Z', [['6109.10', 1, 230000n, 20000n]], {
      history: { twImportsThisHalfYear: 0 },
    }),
    regime: 'TW_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
  },
  // One second later it is 2018-01-01 in Taiwan: NT$2,000 → 5% × 2,500.00 = NT$125.00.
  {
    name: 'TW 2018-01-01: NT$2,500 over NT$2,000',
    in: input('TW', '2017-12-31T16:00:00Z', [['6109.10', 1, 230000n, 20000n]], {
      history: { twImportsThisHalfYear: 0 },
    }),
    regime: 'TW_BUSINESS_TAX',
    taxes: [[0n, 12500n, 0n]],
    provisional: true,
  },

  // ---- Japan: value = 60% of retail + freight; ≤ ¥10,000 exempt until 2028-04-01; CT 10% (8% food).
  // ¥15,000 × 0.6 + ¥1,000 = ¥10,000 → exempt.
  {
    name: 'JP ¥10,000 after the 60% valuation exempt',
    in: input('JP', '2026-05-01T00:00:00Z', [['6109.10', 1, 15000n, 1000n]]),
    regime: 'JP_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
  },
  // ¥15,002 × 0.6 + ¥1,000 = ¥10,001.2 > 10,000 → 10% = 1,000.12 → ¥1,000.
  {
    name: 'JP ¥10,001.2 taxed 10%',
    in: input('JP', '2026-05-01T00:00:00Z', [['6109.10', 1, 15002n, 1000n]]),
    regime: 'JP_CONSUMPTION_TAX',
    taxes: [[0n, 1000n, 0n]],
    provisional: true,
  },
  // ¥5,000 × 0.6 + ¥500 = ¥3,500 on 2028-03-31 23:59:59 JST: still under the exemption.
  {
    name: 'JP 2028-03-31: ¥3,500 exempt',
    in: input('JP', '2028-03-31T14:59:59Z', [
      ['6109.10', 1, 5000n, 500n],
      ['1702.20', 1, 5000n, 500n],
    ]),
    regime: 'JP_DE_MINIMIS',
    taxes: [
      [0n, 0n, 0n],
      [0n, 0n, 0n],
    ],
    provisional: true,
    has: ['JP.de_minimis'],
  },
  // 2028-04-01 JST: exemption abolished for mail order (A-JP4, Partial): T-shirt 3,500 × 10% = ¥350; syrup 3,500 × 8% = ¥280.
  {
    name: 'JP 2028-04-01: every yen taxed',
    in: input('JP', '2028-03-31T15:00:00Z', [
      ['6109.10', 1, 5000n, 500n],
      ['1702.20', 1, 5000n, 500n],
    ]),
    regime: 'JP_CONSUMPTION_TAX',
    taxes: [
      [0n, 350n, 0n],
      [0n, 280n, 0n],
    ],
    provisional: true,
    has: ['JP.mail_order_exemption_abolished', 'JP.ct.reduced_food_8'],
    hasNot: ['JP.de_minimis'],
  },

  // ---- Korea at US$1 = ₩1,400: US$200.00 = ₩280,000; US$200.01 = ₩280,014; US$150 = ₩210,000; US$150.01 = ₩210,014.
  // Price ₩280,000 (freight ₩25,000 not counted) → list clearance.
  {
    name: 'KR US$200.00 list-cleared',
    in: input('KR', '2026-03-01T00:00:00Z', [['6109.10', 1, 280000n, 25000n]], { usdRate: '1400.00' }),
    regime: 'KR_LIST_CLEARANCE',
    taxes: [[0n, 0n, 0n]],
    provisional: false,
    has: ['KR.list_clearance.us_200'],
  },
  // ₩280,014 > ₩280,000 → VAT 10% × (280,014 + 25,000) = 30,501.4 → ₩30,501; duty gap 0.
  {
    name: 'KR US$200.01 taxed',
    in: input('KR', '2026-03-01T00:00:00Z', [['6109.10', 1, 280014n, 25000n]], { usdRate: '1400.00' }),
    regime: 'KR_GENERAL_IMPORT',
    taxes: [[0n, 30501n, 0n]],
    provisional: true,
  },
  // Maple syrup (food): ₩210,000 = US$150.00 → still list-cleared, under the food cap.
  {
    name: 'KR food at US$150.00 exempt',
    in: input('KR', '2026-03-01T00:00:00Z', [['1702.20', 1, 210000n, 20000n]], { usdRate: '1400.00' }),
    regime: 'KR_LIST_CLEARANCE',
    taxes: [[0n, 0n, 0n]],
    provisional: false,
    has: ['KR.list_clearance.food_150'],
  },
  // ₩210,014 = US$150.01 → VAT 10% × (210,014 + 20,000) = 23,001.4 → ₩23,001.
  {
    name: 'KR food at US$150.01 taxed',
    in: input('KR', '2026-03-01T00:00:00Z', [['1702.20', 1, 210014n, 20000n]], { usdRate: '1400.00' }),
    regime: 'KR_GENERAL_IMPORT',
    taxes: [[0n, 23001n, 0n]],
    provisional: true,
  },
  // ₩150,000 T-shirt + ₩70,000 syrup = ₩220,000 (US$157): under US$200, but the food line pulls the parcel to US$150.
  // VAT: (150,000 + 10,000) × 10% = 16,000; (70,000 + 5,000) × 10% = 7,500.
  {
    name: 'KR mixed parcel pulled to the food cap',
    in: input(
      'KR',
      '2026-03-01T00:00:00Z',
      [
        ['6109.10', 1, 150000n, 10000n],
        ['1702.20', 1, 70000n, 5000n],
      ],
      { usdRate: '1400.00' },
    ),
    regime: 'KR_GENERAL_IMPORT',
    taxes: [
      [0n, 16000n, 0n],
      [0n, 7500n, 0n],
    ],
    provisional: true,
    has: ['KR.list_clearance.food_150'],
  },

  // ---- Singapore: LVG ≤ S$400 (price) from 2023; GST 7% → 8% (2023) → 9% (2024); before 2023 CIF ≤ S$400 relieved.
  // S$400.00 + S$20.00: LVG, 9% × 420.00 = S$37.80.
  {
    name: 'SG S$400.00 LVG 9%',
    in: input('SG', '2026-02-01T00:00:00Z', [['6109.10', 1, 40000n, 2000n]]),
    regime: 'SG_GST_LVG',
    taxes: [[0n, 3780n, 0n]],
    provisional: true,
  },
  // S$400.01 + S$20.00: GST at import, 9% × 420.01 = 37.8009 → S$37.80.
  {
    name: 'SG S$400.01 GST at import',
    in: input('SG', '2026-02-01T00:00:00Z', [['6109.10', 1, 40001n, 2000n]]),
    regime: 'SG_GST_IMPORT',
    taxes: [[0n, 3780n, 0n]],
    provisional: true,
  },
  // S$200.00 on 2023-12-31 23:59:59 SGT: 8% = S$16.00.
  {
    name: 'SG 2023-12-31: GST 8%',
    in: input('SG', '2023-12-31T15:59:59Z', [['6109.10', 1, 20000n, 0n]]),
    regime: 'SG_GST_LVG',
    taxes: [[0n, 1600n, 0n]],
    provisional: true,
  },
  // One second later, 2024-01-01 SGT: 9% = S$18.00.
  {
    name: 'SG 2024-01-01: GST 9%',
    in: input('SG', '2023-12-31T16:00:00Z', [['6109.10', 1, 20000n, 0n]]),
    regime: 'SG_GST_LVG',
    taxes: [[0n, 1800n, 0n]],
    provisional: true,
  },
  // 2022-12-31 SGT, S$380.00 + S$20.00 = CIF S$400.00 → relieved (no LVG regime yet).
  {
    name: 'SG 2022: CIF S$400.00 relieved',
    in: input('SG', '2022-12-31T15:59:59Z', [['6109.10', 1, 38000n, 2000n]]),
    regime: 'SG_LOW_VALUE_RELIEF',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    has: ['SG.gst.relief_400'],
  },
  // 2022-12-31 SGT, S$380.00 + S$20.01 = CIF S$400.01 → GST 7% at import = 28.0007 → S$28.00.
  {
    name: 'SG 2022: CIF S$400.01 at 7%',
    in: input('SG', '2022-12-31T15:59:59Z', [['6109.10', 1, 38000n, 2001n]]),
    regime: 'SG_GST_IMPORT',
    taxes: [[0n, 2800n, 0n]],
    provisional: true,
  },
  // 2023-01-01 SGT, same parcel: price S$380 ≤ 400 → LVG 8% × 400.01 = 32.0008 → S$32.00.
  {
    name: 'SG 2023-01-01: same parcel LVG 8%',
    in: input('SG', '2022-12-31T16:00:00Z', [['6109.10', 1, 38000n, 2001n]]),
    regime: 'SG_GST_LVG',
    taxes: [[0n, 3200n, 0n]],
    provisional: true,
  },
];
