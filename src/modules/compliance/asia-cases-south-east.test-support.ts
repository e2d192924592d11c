import { type Case, input } from './asia-cases.test-support.ts';

/** Vietnam, Thailand, Malaysia, the Philippines and Indonesia, worked by hand (see asia-cases.test-support.ts). */
export const SOUTH_EAST_ASIA_CASES: Case[] = [
  // ---- Vietnam: CIF ≤ ₫1,000,000 exempt until 2025-02-18; then duty (gap 0) + VAT 10% on everything.
  // ₫950,000 + ₫50,000 = ₫1,000,000 on 2025-02-17 23:59:59 (UTC+7) → exempt.
  {
    name: 'VN 2025-02-17: ₫1,000,000 exempt',
    in: input('VN', '2025-02-17T16:59:59Z', [['1702.20', 1, 950000n, 50000n]]),
    regime: 'VN_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    has: ['VN.de_minimis'],
  },
  // ₫950,001 + ₫50,000 = ₫1,000,001 the same day → 10% = 100,000.1 → ₫100,000.
  {
    name: 'VN 2025-02-17: ₫1,000,001 taxed',
    in: input('VN', '2025-02-17T16:59:59Z', [['1702.20', 1, 950001n, 50000n]]),
    regime: 'VN_IMPORT_VAT',
    taxes: [[0n, 100000n, 0n]],
    provisional: true,
  },
  // 2025-02-18 00:00 (UTC+7): exemption repealed; ₫1,000,000 × 10% = ₫100,000.
  {
    name: 'VN 2025-02-18: ₫1,000,000 taxed',
    in: input('VN', '2025-02-17T17:00:00Z', [['1702.20', 1, 950000n, 50000n]]),
    regime: 'VN_IMPORT_VAT',
    taxes: [[0n, 100000n, 0n]],
    provisional: true,
    has: ['VN.de_minimis_repealed'],
    hasNot: ['VN.de_minimis'],
  },
  // 2025-06-30 (UTC+7): ₫500,000 + ₫25,000 → 10% = ₫52,500; the 8% proposal is not yet in its window.
  {
    name: 'VN 2025-06-30: 10%, no 8% question',
    in: input('VN', '2025-06-30T12:00:00Z', [['1702.20', 1, 500000n, 25000n]]),
    regime: 'VN_IMPORT_VAT',
    taxes: [[0n, 52500n, 0n]],
    provisional: true,
    hasNot: ['VN.vat.cut_8_not_applied'],
  },
  // 2025-07-01 07:00 (UTC+7): still 10% (the unconfirmed 8% cut is named, not applied).
  {
    name: 'VN 2025-07-01: 10%, 8% cut named',
    in: input('VN', '2025-07-01T00:00:00Z', [['1702.20', 1, 500000n, 25000n]]),
    regime: 'VN_IMPORT_VAT',
    taxes: [[0n, 52500n, 0n]],
    provisional: true,
    has: ['VN.vat.cut_8_not_applied'],
  },
  // Half to even: ₫333,325 × 10% = 33,332.5 → ₫33,332 (half-up would give 33,333).
  {
    name: 'VN half to even',
    in: input('VN', '2026-03-01T00:00:00Z', [['1702.20', 1, 333325n, 0n]]),
    regime: 'VN_IMPORT_VAT',
    taxes: [[0n, 33332n, 0n]],
    provisional: true,
  },

  // ---- Thailand: CIF ≤ THB 1,500 fully exempt before 2024-07-05; from then VAT 7% on all, duty waived ≤ 1,500.
  // ฿1,400 + ฿100 = ฿1,500.00 on 2024-07-04 23:59:59 (UTC+7) → exempt.
  {
    name: 'TH 2024-07-04: ฿1,500.00 exempt',
    in: input('TH', '2024-07-04T16:59:59Z', [['1702.20', 1, 140000n, 10000n]]),
    regime: 'TH_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
  },
  // Same day, ฿1,500.01 → duty gap 0, VAT 7% = 105.0007 → ฿105.00.
  {
    name: 'TH 2024-07-04: ฿1,500.01 taxed',
    in: input('TH', '2024-07-04T16:59:59Z', [['1702.20', 1, 140001n, 10000n]]),
    regime: 'TH_IMPORT_VAT',
    taxes: [[0n, 10500n, 0n]],
    provisional: true,
  },
  // 2024-07-05 (UTC+7): ฿1,500.00 now pays VAT 7% = ฿105.00, duty waived.
  {
    name: 'TH 2024-07-05: ฿1,500.00 pays VAT',
    in: input('TH', '2024-07-04T17:00:00Z', [['1702.20', 1, 140000n, 10000n]]),
    regime: 'TH_LOW_VALUE_VAT',
    taxes: [[0n, 10500n, 0n]],
    provisional: false,
    has: ['TH.duty.low_value_waived'],
  },
  // 2025-12-31 (UTC+7): ฿750 + ฿50 = ฿800 → 7% = ฿56.00 under the last verified version: not provisional.
  {
    name: 'TH 2025-12-31: verified version',
    in: input('TH', '2025-12-31T16:59:59Z', [['1702.20', 1, 75000n, 5000n]]),
    regime: 'TH_LOW_VALUE_VAT',
    taxes: [[0n, 5600n, 0n]],
    provisional: false,
  },
  // 2026-01-01 (UTC+7): same figures, kept as an unverified version (status after 2025 unknown) → provisional.
  {
    name: 'TH 2026-01-01: kept, provisional',
    in: input('TH', '2025-12-31T17:00:00Z', [['1702.20', 1, 75000n, 5000n]]),
    regime: 'TH_LOW_VALUE_VAT',
    taxes: [[0n, 5600n, 0n]],
    provisional: true,
  },
  // Half to even: ฿1,001.50 × 7% = 70.105 → ฿70.10 (7,010.5 satang → 7,010; half-up would give 7,011).
  {
    name: 'TH half to even',
    in: input('TH', '2026-03-01T00:00:00Z', [['1702.20', 1, 100150n, 0n]]),
    regime: 'TH_LOW_VALUE_VAT',
    taxes: [[0n, 7010n, 0n]],
    provisional: true,
  },

  // ---- Malaysia (from 2024-01-01): LVG ≤ RM500 (price) sales tax 10% on price + delivery; above: 10% at import (gap).
  // 2024-01-01 00:00 MYT: RM500.00 + RM15.00 → 10% × 515.00 = RM51.50.
  {
    name: 'MY RM500.00 LVG',
    in: input('MY', '2023-12-31T16:00:00Z', [['1702.20', 1, 50000n, 1500n]]),
    regime: 'MY_LVG_SALES_TAX',
    taxes: [[0n, 5150n, 0n]],
    provisional: true,
  },
  // RM500.01 + RM15.00 → gap rule: 10% × 515.01 = 51.501 → RM51.50.
  {
    name: 'MY RM500.01 above LVG (gap)',
    in: input('MY', '2026-03-01T00:00:00Z', [['1702.20', 1, 50001n, 1500n]]),
    regime: 'MY_IMPORT_SALES_TAX',
    taxes: [[0n, 5150n, 0n]],
    provisional: true,
    has: ['MY.sales_tax.above_lvg'],
  },
  // Half to even: RM12.25 × 10% = 1.225 → RM1.22 (half-up would give 1.23).
  {
    name: 'MY half to even',
    in: input('MY', '2026-03-01T00:00:00Z', [['1702.20', 1, 1225n, 0n]]),
    regime: 'MY_LVG_SALES_TAX',
    taxes: [[0n, 122n, 0n]],
    provisional: true,
  },

  // ---- Philippines: FOB ≤ PHP 10,000 no duty or VAT; above duty (gap 0) + VAT 12% on CIF + duty.
  // ₱10,000.00 + ₱800 freight (not counted) → exempt; from 2025-05-07 the consolidation caveat applies.
  {
    name: 'PH ₱10,000.00 FOB exempt',
    in: input('PH', '2026-03-01T00:00:00Z', [['1702.20', 1, 1000000n, 80000n]]),
    regime: 'PH_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    has: ['PH.same_day_consolidation'],
  },
  // ₱10,000.01 + ₱800 → 12% × 10,800.01 = 1,296.0012 → ₱1,296.00.
  {
    name: 'PH ₱10,000.01 taxed 12%',
    in: input('PH', '2026-03-01T00:00:00Z', [['1702.20', 1, 1000001n, 80000n]]),
    regime: 'PH_IMPORT_VAT',
    taxes: [[0n, 129600n, 0n]],
    provisional: true,
  },
  // 2025-05-06 23:59:59 PHT: ₱2,000 + ₱200 exempt on a verified rule alone.
  {
    name: 'PH 2025-05-06: no consolidation rule yet',
    in: input('PH', '2025-05-06T15:59:59Z', [['1702.20', 1, 200000n, 20000n]]),
    regime: 'PH_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: false,
    hasNot: ['PH.same_day_consolidation'],
  },
  // 2025-05-07 PHT: same parcel, now flagged (same-day parcels may be consolidated, A-PH3 Partial).
  {
    name: 'PH 2025-05-07: consolidation caveat',
    in: input('PH', '2025-05-06T16:00:00Z', [['1702.20', 1, 200000n, 20000n]]),
    regime: 'PH_DE_MINIMIS',
    taxes: [[0n, 0n, 0n]],
    provisional: true,
    has: ['PH.same_day_consolidation'],
  },

  // ---- Indonesia at US$1 = Rp16,000: US$3 = Rp48,000.00. VAT 12% × 11/12 (= 11%) on CIF + duty.
  // FOB Rp48,000.00 + Rp20,000 freight: no duty; VAT 11% × 68,000.00 = Rp7,480.00.
  {
    name: 'ID US$3.00 FOB: VAT only',
    in: input('ID', '2026-03-01T00:00:00Z', [['1702.20', 1, 4800000n, 2000000n]], { usdRate: '16000.00' }),
    regime: 'ID_DE_MINIMIS',
    taxes: [[0n, 748000n, 0n]],
    provisional: true,
  },
  // FOB Rp48,000.01: duty 7.5% × 68,000.01 = 5,100.00075 → Rp5,100.00; VAT 11% × 73,100.01 = 8,041.0011 → Rp8,041.00.
  {
    name: 'ID above US$3: 7.5% duty + VAT',
    in: input('ID', '2026-03-01T00:00:00Z', [['1702.20', 1, 4800001n, 2000000n]], { usdRate: '16000.00' }),
    regime: 'ID_ECOMMERCE_FLAT',
    taxes: [[510000n, 804100n, 0n]],
    provisional: true,
  },
  // 2024-12-31 23:59:59 WIB: FOB Rp100,000 + Rp20,000: duty 9,000.00; VAT 11% × 129,000 = Rp14,190.00 (11% version).
  {
    name: 'ID 2024-12-31: VAT 11%',
    in: input('ID', '2024-12-31T16:59:59Z', [['1702.20', 1, 10000000n, 2000000n]], { usdRate: '16000.00' }),
    regime: 'ID_ECOMMERCE_FLAT',
    taxes: [[900000n, 1419000n, 0n]],
    provisional: true,
  },
  // 2025-01-01 WIB: 12% on a base of 11/12: 129,000 × 11/12 × 12% = Rp14,190.00, the same amount by PMK 131/2024.
  {
    name: 'ID 2025-01-01: 12% × 11/12',
    in: input('ID', '2024-12-31T17:00:00Z', [['1702.20', 1, 10000000n, 2000000n]], { usdRate: '16000.00' }),
    regime: 'ID_ECOMMERCE_FLAT',
    taxes: [[900000n, 1419000n, 0n]],
    provisional: true,
  },
  // Half to even, kept exact through 11/12: CIF Rp50,001.50 × 11% = 5,500.165 → Rp5,500.16 (550,016.5 sen → 550,016).
  {
    name: 'ID half to even through 11/12',
    in: input('ID', '2026-03-01T00:00:00Z', [['1702.20', 1, 4000000n, 1000150n]], { usdRate: '16000.00' }),
    regime: 'ID_DE_MINIMIS',
    taxes: [[0n, 550016n, 0n]],
    provisional: true,
  },
];
