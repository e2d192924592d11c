import { money } from '../../money/index.ts';
import { line } from './test-support.ts';
import type { BuyerHistory, ClearanceRoute, LandedCostLine } from './types.ts';

/**
 * China, worked by hand from ../shared/reference/trade-rules.md §1 (CBEC) and §2 (postal
 * articles). Amounts in fen; ¥ in the working. Every tax is rounded once, half to even.
 *
 * CBEC (9610 and 1210): D = price × qty + freight; duty 0 within the limits;
 *   VAT = D × VAT / (1 − CT) × 0.7, CT = D × CT / (1 − CT) × 0.7 (comprehensive rate, C7);
 *   one indivisible item above the single limit: the same without the 0.7 (C1, C2, C3).
 * Postal (行邮): tax = transaction price (freight excluded) × category rate, in `duty`; the
 *   parcel's tax is the exact sum over its lines rounded once, and shared back over the lines;
 *   parcel tax ≤ ¥50 waived (P1, P4-P6); parcel above ¥1,000 refused unless one item (P5, P6).
 */

export const AT = new Date('2026-11-24T04:00:00Z'); // 12:00 in Beijing
export const cny = (fen: bigint) => money(fen, 'CNY');
export const weighed = (l: LandedCostLine, grams: number): LandedCostLine => ({ ...l, weightGrams: grams });
export const ln = (ref: string, hs: string, qty: number, unitFen: bigint, freightFen = 0n) =>
  line(ref, hs, qty, unitFen, freightFen, 'CNY');

export interface Row {
  name: string;
  lines: LandedCostLine[];
  route?: ClearanceRoute;
  at?: Date;
  history?: BuyerHistory;
  regime: string;
  duty: bigint;
  vat: bigint;
  ct: bigint;
  /** Rule ids that must appear among the order's rules. */
  rules?: string[];
}

export const TABLE: Row[] = [
  {
    name: '9610 jerky 1602 (13%): D = 345.60 + 58.40 = 404.00; VAT 404.00 × 9.1% = 36.764 → 36.76',
    lines: [ln('a', '1602.50', 1, 34560n, 5840n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 3676n,
    ct: 0n,
    rules: ['CN.route.cbec_9610', 'CN.cbec.duty_zero', 'CN.vat.standard_13', 'CN.positive_list.listed'],
  },
  {
    name: '9610 wild rice 1008 (9%, cereals): D = 3 × 88.00 + 12.00 = 276.00; VAT × 6.3% = 17.388 → 17.39',
    lines: [ln('a', '1008.90', 3, 8800n, 1200n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 1739n,
    ct: 0n,
    rules: ['CN.vat.reduced_9'],
  },
  {
    name: '9% vs 13%, 9% side: soybeans 1201 D = 100.00 × 6.3% = 6.30',
    lines: [ln('a', '1201.90', 1, 10000n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 630n,
    ct: 0n,
    rules: ['CN.vat.reduced_9'],
  },
  {
    name: '9% vs 13%, 13% side: popped corn 1904 (processed) D = 100.00 × 9.1% = 9.10',
    lines: [ln('a', '1904.10', 1, 10000n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 910n,
    ct: 0n,
    rules: ['CN.vat.standard_13'],
  },
  {
    name: 'high-end cosmetics 3304 (¥280 ≥ ¥15/piece): D 300.00; VAT 300 × .13/.85 × .7 = 32.1176 → 32.12; CT 300 × .15/.85 × .7 = 37.0588 → 37.06 (23.06%)',
    lines: [ln('a', '3304.99', 1, 28000n, 2000n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 3212n,
    ct: 3706n,
    rules: ['CN.ct.high_end_cosmetics'],
  },
  {
    name: 'cosmetics under ¥15/piece: D = 3 × 12.00 + 6.00 = 42.00; no CT; VAT × 9.1% = 3.822 → 3.82',
    lines: [ln('a', '3304.99', 3, 1200n, 600n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 382n,
    ct: 0n,
    rules: ['CN.ct.none'],
  },
  {
    name: 'wine 2204: D = 450 + 50 = 500; VAT 500 × .13/.9 × .7 = 50.5556 → 50.56; CT 500 × .1/.9 × .7 = 38.8889 → 38.89 (17.89%)',
    lines: [ln('a', '2204.21', 1, 45000n, 5000n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 5056n,
    ct: 3889n,
    rules: ['CN.ct.alcohol_other'],
  },
  {
    name: 'high-end watch ¥12,000, one indivisible item above ¥5,000: full rate, VAT 12000 × .13/.8 = 1,950.00; CT 12000 × .2/.8 = 3,000.00 (41.25%)',
    lines: [ln('a', '9102.11', 1, 1200000n)],
    regime: 'CN_CBEC_9610_FULL_RATE',
    duty: 0n,
    vat: 195000n,
    ct: 300000n,
    rules: ['CN.ct.high_end_watches', 'CN.cbec.single_item_over_limit', 'CN.general.duty_no_mfn_data'],
  },
  {
    name: 'exactly ¥5,000.00 with two items (toys 9503): 2 × 2,400 + 200 = 5,000.00 × 9.1% = 455.00',
    lines: [ln('a', '9503.00', 2, 240000n, 20000n)],
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 45500n,
    ct: 0n,
  },
  {
    name: 'one indivisible item of ¥5,000.01: full 13%, 5,000.01 × .13 = 650.0013 → 650.00',
    lines: [ln('a', '9503.00', 1, 490001n, 10000n)],
    regime: 'CN_CBEC_9610_FULL_RATE',
    duty: 0n,
    vat: 65000n,
    ct: 0n,
  },
  {
    name: 'annual limit reached exactly: 21,000.00 used + 5,000.00 = 26,000.00 is allowed; VAT 455.00',
    lines: [ln('a', '9503.00', 2, 240000n, 20000n)],
    history: { cnCbecUsedThisYear: cny(2100000n) },
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 45500n,
    ct: 0n,
    rules: ['CN.cbec.annual_limit'],
  },
  {
    name: '1210 bonded: frozen crustaceans 0306 (1210 only, 9% chapter 03): 300.00 × 6.3% = 18.90',
    lines: [ln('a', '0306.17', 1, 30000n)],
    route: 'CN_CBEC_1210',
    regime: 'CN_CBEC_1210',
    duty: 0n,
    vat: 1890n,
    ct: 0n,
    rules: ['CN.route.cbec_1210', 'CN.positive_list.listed_1210_only'],
  },
  {
    name: '1210 shares 9610’s formula: the jerky of the first row again gives 36.76',
    lines: [ln('a', '1602.50', 1, 34560n, 5840n)],
    route: 'CN_CBEC_1210',
    regime: 'CN_CBEC_1210',
    duty: 0n,
    vat: 3676n,
    ct: 0n,
  },
  {
    name: 'sugar cap reached exactly: 1,500 g used + 500 g = 2 kg allowed; D = 40.00 + 5.00 = 45.00 × 9.1% = 4.095 → 4.10 (half to even)',
    lines: [weighed(ln('a', '1701.99', 1, 4000n, 500n), 500)],
    history: { cnCapsUsedThisYear: { 'CN.positive_list.cap_sugar': 1500 } },
    regime: 'CN_CBEC_9610',
    duty: 0n,
    vat: 410n,
    ct: 0n,
    rules: ['CN.positive_list.cap_sugar'],
  },
  {
    name: 'postal, category 1 (food): jerky 500.00 × 13% = 65.00; the ¥80 freight is not in the postal price',
    lines: [ln('a', '1602.50', 1, 50000n, 8000n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 6500n,
    vat: 0n,
    ct: 0n,
    rules: ['CN.route.postal_articles', 'CN.postal.category_1', 'CN.postal.dutiable_price'],
  },
  {
    name: 'postal waiver: T-shirt 6109 (category 2) 250.00 × 20% = 50.00 ≤ 50 → waived',
    lines: [ln('a', '6109.10', 1, 25000n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL_WAIVED',
    duty: 0n,
    vat: 0n,
    ct: 0n,
    rules: ['CN.postal.small_tax_waiver', 'CN.postal.category_2'],
  },
  {
    name: 'postal waiver, other side: 250.05 × 20% = 50.01 > 50 → charged 50.01',
    lines: [ln('a', '6109.10', 1, 25005n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 5001n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal waiver on the parcel’s exact tax: 125.01 + 125.01, each × 20% = 25.002; parcel 50.004 → 50.00 → waived',
    lines: [ln('a', '6109.10', 1, 12501n), ln('b', '6109.10', 1, 12501n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL_WAIVED',
    duty: 0n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal, 125.02 + 125.02: each 25.004, parcel 50.008 → 50.01 > 50 → charged 50.01 (25.01 + 25.00), not 25.00 + 25.00',
    lines: [ln('a', '6109.10', 1, 12502n), ln('b', '6109.10', 1, 12502n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 5001n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal, category 3 (alcohol): wine 150.00 × 50% = 75.00',
    lines: [ln('a', '2204.21', 1, 15000n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 7500n,
    vat: 0n,
    ct: 0n,
    rules: ['CN.postal.category_3'],
  },
  {
    name: 'postal parcel of exactly ¥1,000.00 (two T-shirts of 500.00): 1,000.00 × 20% = 200.00',
    lines: [ln('a', '6109.10', 2, 50000n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 20000n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal, one indivisible toy of ¥1,200.00 above the ¥1,000 limit: category 1, 1,200.00 × 13% = 156.00',
    lines: [ln('a', '9503.00', 1, 120000n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 15600n,
    vat: 0n,
    ct: 0n,
    rules: ['CN.postal.single_item_over_limit'],
  },
  {
    name: 'postal takes what the Positive List does not: salt 2501 (category 2) 300.00 × 20% = 60.00',
    lines: [ln('a', '2501.00', 1, 30000n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 6000n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal cosmetics: one ¥200 cream (high-end, category 3) 200.00 × 50% = 100.00 + ten ¥10 lipsticks (category 2) 100.00 × 20% = 20.00 → 120.00',
    lines: [ln('a', '3304.99', 1, 20000n), ln('b', '3304.10', 10, 1000n)],
    route: 'CN_POSTAL',
    regime: 'CN_POSTAL',
    duty: 12000n,
    vat: 0n,
    ct: 0n,
    rules: ['CN.postal.category_3_high_end_cosmetics', 'CN.postal.category_2'],
  },
  {
    name: 'postal rates before 2019-04-09 (15/25/50): T-shirt 400.00 × 25% = 100.00 on 2019-04-08, 23:59:59 in Beijing',
    lines: [ln('a', '6109.10', 1, 40000n)],
    route: 'CN_POSTAL',
    at: new Date('2019-04-08T15:59:59Z'),
    regime: 'CN_POSTAL',
    duty: 10000n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal rates from 2019-04-09 (13/20/50): the same T-shirt 400.00 × 20% = 80.00 at 2019-04-08T16:00Z, already the 9th in Beijing',
    lines: [ln('a', '6109.10', 1, 40000n)],
    route: 'CN_POSTAL',
    at: new Date('2019-04-08T16:00:00Z'),
    regime: 'CN_POSTAL',
    duty: 8000n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal rates before 2018-11-01 (15/30/60): wine 100.00 × 60% = 60.00 on 2018-10-31',
    lines: [ln('a', '2204.21', 1, 10000n)],
    route: 'CN_POSTAL',
    at: new Date('2018-10-31T04:00:00Z'),
    regime: 'CN_POSTAL',
    duty: 6000n,
    vat: 0n,
    ct: 0n,
  },
  {
    name: 'postal rates from 2018-11-01 (15/25/50): wine 100.00 × 50% = 50.00 → waived (≤ 50)',
    lines: [ln('a', '2204.21', 1, 10000n)],
    route: 'CN_POSTAL',
    at: new Date('2018-11-01T04:00:00Z'),
    regime: 'CN_POSTAL_WAIVED',
    duty: 0n,
    vat: 0n,
    ct: 0n,
  },
];
