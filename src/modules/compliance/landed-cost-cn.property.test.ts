import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../kernel/errors.ts';
import { money } from '../../money/index.ts';
import { computeLandedCost } from './index.ts';
import type { ClearanceRoute, LandedCost, LandedCostLine } from './types.ts';

/**
 * Properties of China's three routes. Expected refusals (the limits, the caps, the Positive List's
 * trade-mode remark, the postal parcel limit) are outcomes, not failures; anything else thrown is.
 */

const ROUTES: ClearanceRoute[] = ['CN_CBEC_9610', 'CN_CBEC_1210', 'CN_POSTAL'];
// Listed goods of every kind the CN rules treat differently: 13% and 9% VAT, CT (cosmetics, wine,
// watches), the 1210-only seafood, capped sugar and rice; the post takes them all.
const HS = [
  '1602.50',
  '1008.90',
  '1201.90',
  '3304.99',
  '2204.21',
  '9102.11',
  '0306.17',
  '1701.99',
  '1006.30',
  '6109.10',
  '9503.00',
];
const EXPECTED = new Set([
  'compliance.cn_single_limit_exceeded',
  'compliance.cn_annual_limit_exceeded',
  'compliance.cn_quantity_cap_exceeded',
  'compliance.positive_list_route_restricted',
  'compliance.cn_postal_parcel_limit_exceeded',
]);

interface GenLine {
  hs: string;
  quantity: number;
  unitPrice: bigint;
  freight: bigint;
  gramsPerUnit: number;
}

const lineArb: fc.Arbitrary<GenLine> = fc.record({
  hs: fc.constantFrom(...HS),
  quantity: fc.integer({ min: 1, max: 4 }),
  // Mostly everyday prices (≤ ¥300, under the limits and near the postal waiver), some up to ¥15,000.
  unitPrice: fc.oneof(
    { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 30_000n }) },
    { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 1_500_000n }) },
  ),
  freight: fc.bigInt({ min: 0n, max: 30_000n }),
  gramsPerUnit: fc.integer({ min: 1, max: 3000 }),
});

const orderArb = fc.record({
  route: fc.constantFrom(...ROUTES),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  usedFen: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 2_600_000n })),
  sugarUsed: fc.integer({ min: 0, max: 2000 }),
  at: fc.constantFrom(
    new Date('2019-04-09T04:00:00Z'),
    new Date('2023-06-01T04:00:00Z'),
    new Date('2026-11-24T04:00:00Z'),
  ),
});
type GenOrder = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

const toLine = (
  l: { hs: string; quantity: number; unitPrice: bigint; freight: bigint; grams: number },
  ref: string,
) =>
  ({
    lineRef: ref,
    hsCode: l.hs,
    productKind: 'goods',
    quantity: l.quantity,
    unitPrice: money(l.unitPrice, 'CNY'),
    freight: money(l.freight, 'CNY'),
    weightGrams: l.grams,
  }) satisfies LandedCostLine;

/** The landed cost, or the code of an expected refusal. */
function compute(o: GenOrder, lines: LandedCostLine[]): LandedCost | string {
  try {
    return computeLandedCost({
      market: 'CN',
      currency: 'CNY',
      usdRate: '7.12',
      at: o.at,
      route: o.route,
      lines,
      buyerHistory: {
        cnCbecUsedThisYear: money(o.usedFen, 'CNY'),
        cnCapsUsedThisYear: { 'CN.positive_list.cap_sugar': o.sugarUsed },
      },
    });
  } catch (e) {
    // Before 2022-03-01 Heartland holds no Positive List rows: the CBEC routes refuse the date.
    if (isDomainError(e) && (EXPECTED.has(e.code) || e.code === 'compliance.rule_not_in_force'))
      return e.code;
    throw e;
  }
}

const linesOf = (o: GenOrder) =>
  o.lines.map((l, i) => toLine({ ...l, grams: l.gramsPerUnit * l.quantity }, `l${i}`));

const TAXES = ['duty', 'importVat', 'consumptionTax'] as const;

describe('China landed-cost properties, every route', () => {
  it('never gives a negative amount, and the totals are the sums of the lines', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const r = compute(o, linesOf(o));
        if (typeof r === 'string') return;
        expect(r.route).toBe(o.route);
        for (const l of r.lines) {
          for (const m of [l.duty, l.importVat, l.consumptionTax, l.total, l.dutiableValue]) {
            expect(m.amount >= 0n).toBe(true);
          }
        }
        for (const t of TAXES) {
          expect(r.totals[t].amount).toBe(r.lines.reduce((a, l) => a + l[t].amount, 0n));
        }
        // Postal tax replaces VAT and CT; CBEC duty stays 0 while the additional tariff is unset.
        if (o.route === 'CN_POSTAL')
          expect(r.totals.importVat.amount + r.totals.consumptionTax.amount).toBe(0n);
        else expect(r.totals.duty.amount).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  /**
   * The bound: a tax is linear in the line's value (CBEC: value + freight; postal: value), and
   * every threshold looks at the order (dutiable value, item count, grams per cap, the parcel's
   * exact tax) or the unit price, none of which a split or merge changes. So the only change is
   * rounding: each CBEC line's tax is within ½ fen of its exact value, the exact values add up,
   * and three roundings (one line against its two parts) differ by less than 1.5 fen: at most
   * 1 fen per tax, within the stated bound of one minor unit per tax per line involved (2 here).
   * The postal tax is rounded once per parcel, so there it does not move at all.
   */
  const BOUND = 1n;

  function expectClose(a: LandedCost | string, b: LandedCost | string) {
    if (typeof a === 'string' || typeof b === 'string') {
      expect(b).toEqual(a); // the same refusal, or both computed
      return;
    }
    expect(b.regime).toBe(a.regime);
    const bound = a.route === 'CN_POSTAL' ? 0n : BOUND;
    for (const t of TAXES) {
      const d = a.totals[t].amount - b.totals[t].amount;
      expect(d <= bound && d >= -bound, `${t}: ${a.totals[t].amount} vs ${b.totals[t].amount}`).toBe(true);
    }
  }

  it('splitting a line in two changes no tax total by more than 1 fen', () => {
    fc.assert(
      fc.property(
        orderArb.filter((o) => o.lines.some((l) => l.quantity >= 2)),
        fc.nat(),
        fc.nat(),
        (o, pick, cut) => {
          const whole = linesOf(o);
          const candidates = o.lines.map((_, i) => i).filter((i) => o.lines[i]!.quantity >= 2);
          const i = candidates[pick % candidates.length]!;
          const l = o.lines[i]!;
          const qa = 1 + (cut % (l.quantity - 1));
          const fa = l.freight === 0n ? 0n : BigInt(cut) % (l.freight + 1n);
          const parts = [
            toLine({ ...l, quantity: qa, freight: fa, grams: l.gramsPerUnit * qa }, 'split_a'),
            toLine(
              {
                ...l,
                quantity: l.quantity - qa,
                freight: l.freight - fa,
                grams: l.gramsPerUnit * (l.quantity - qa),
              },
              'split_b',
            ),
          ];
          const split = [...whole.slice(0, i), ...parts, ...whole.slice(i + 1)];
          expectClose(compute(o, whole), compute(o, split));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('merging two lines of the same product changes no tax total by more than 1 fen', () => {
    fc.assert(
      fc.property(orderArb, lineArb, lineArb, (o, a, b) => {
        // b is the same product as a: same HS code, unit price and unit weight.
        const same = { ...b, hs: a.hs, unitPrice: a.unitPrice, gramsPerUnit: a.gramsPerUnit };
        const rest = linesOf(o);
        const apart = [
          ...rest,
          toLine({ ...a, grams: a.gramsPerUnit * a.quantity }, 'm_a'),
          toLine({ ...same, grams: same.gramsPerUnit * same.quantity }, 'm_b'),
        ];
        const quantity = a.quantity + same.quantity;
        const merged = [
          ...rest,
          toLine(
            { ...a, quantity, freight: a.freight + same.freight, grams: a.gramsPerUnit * quantity },
            'm',
          ),
        ];
        expectClose(compute(o, apart), compute(o, merged));
      }),
      { numRuns: 500 },
    );
  });
});
