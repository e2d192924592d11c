import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../kernel/errors.ts';
import type { MarketCode } from '../../kernel/locales.ts';
import {
  add,
  applyRate,
  applyRatio,
  type CurrencyCode,
  money,
  mulRatio,
  roundRatio,
  sameRatio,
} from '../../money/index.ts';
import { checkEligibility, computeLandedCost, regimeCustoms } from './index.ts';
import { line, order } from './test-support.ts';
import type { LandedCost } from './types.ts';

const MARKETS: [MarketCode, CurrencyCode][] = [
  ['CN', 'CNY'],
  ['HK', 'HKD'],
  ['TW', 'TWD'],
  ['JP', 'JPY'],
  ['KR', 'KRW'],
  ['SG', 'SGD'],
  ['VN', 'VND'],
  ['TH', 'THB'],
  ['MY', 'MYR'],
  ['PH', 'PHP'],
  ['ID', 'IDR'],
];
const HS = [
  '1602.50',
  '1006.30',
  '3304.99',
  '2204.21',
  '2208.30',
  '1702.20',
  '0409.00',
  '1201.90',
  '6109.10',
  '9102.11',
  '7113.19',
  '1211.20',
];

const lineArb = (currency: CurrencyCode) =>
  fc
    .record({
      hs: fc.constantFrom(...HS),
      kind: fc.constantFrom('goods', 'goods', 'goods', 'service') as fc.Arbitrary<'goods' | 'service'>,
      quantity: fc.integer({ min: 1, max: 5 }),
      unitPrice: fc.bigInt({ min: 0n, max: 3_000_000n }),
      freight: fc.bigInt({ min: 0n, max: 200_000n }),
    })
    .map((l) => ({ ...l, currency }));

const orderArb = fc
  .constantFrom(...MARKETS)
  .chain(([market, currency]) =>
    fc.record({
      market: fc.constant(market),
      currency: fc.constant(currency),
      lines: fc.array(lineArb(currency), { minLength: 1, maxLength: 6 }),
      rate: fc.constantFrom('1', '7.12', '1420.50', '0.75'),
    }),
  )
  .filter(({ market, lines }) =>
    lines.every(
      (l) =>
        l.kind === 'service' || checkEligibility({ market, hsCode: l.hs, productKind: 'goods' }).eligible,
    ),
  );

/**
 * Computes, or returns null when China refuses the order by one of its limits (an expected
 * outcome): the single-purchase limit, the annual allowance (a single item above CNY 26,000) or a
 * Positive List quantity cap (rice, 20 kg).
 */
type GenOrder = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;
const CN_LIMITS = new Set([
  'compliance.cn_single_limit_exceeded',
  'compliance.cn_annual_limit_exceeded',
  'compliance.cn_quantity_cap_exceeded',
]);

function compute(o: GenOrder): LandedCost | null {
  try {
    return computeLandedCost(
      order(
        o.market,
        o.currency,
        // 1 kg a unit: China's quantity caps need the weight of a capped line.
        o.lines.map((l, i) => ({
          ...line(`l${i}`, l.hs, l.quantity, l.unitPrice, l.freight, l.currency, l.kind),
          weightGrams: 1000 * l.quantity,
        })),
        o.rate,
      ),
    );
  } catch (e) {
    if (isDomainError(e) && CN_LIMITS.has(e.code)) return null;
    throw e;
  }
}

describe('landed cost properties', () => {
  it('never gives a negative amount, and every line and total adds up exactly', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const r = compute(o);
        if (!r) return;
        const zero = money(0n, o.currency);
        let duty = zero;
        let vat = zero;
        let ct = zero;
        let value = zero;
        for (const l of r.lines) {
          for (const m of [l.duty, l.importVat, l.consumptionTax, l.total, l.dutiableValue]) {
            expect(m.currency).toBe(o.currency);
            expect(m.amount >= 0n).toBe(true);
          }
          expect(l.total.amount).toBe(l.duty.amount + l.importVat.amount + l.consumptionTax.amount);
          expect(l.rules.length).toBeGreaterThan(0);
          duty = add(duty, l.duty);
          vat = add(vat, l.importVat);
          ct = add(ct, l.consumptionTax);
          value = add(value, l.dutiableValue);
        }
        expect(r.totals.duty).toEqual(duty);
        expect(r.totals.importVat).toEqual(vat);
        expect(r.totals.consumptionTax).toEqual(ct);
        expect(r.totals.total.amount).toBe(duty.amount + vat.amount + ct.amount);
        expect(r.dutiableValue).toEqual(value);
      }),
      { numRuns: 400 },
    );
  });

  it('returns the working of every tax: its amount is its base × its rate, rounded once', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const r = compute(o);
        if (!r) return;
        // The customs the engine reports is the one its regime stands for.
        expect(r.customs).toEqual(regimeCustoms(r.regime));
        for (const l of r.lines) {
          const w = l.working;
          expect(w.dutiableValue).toEqual(l.dutiableValue);
          for (const key of ['duty', 'importVat', 'consumptionTax'] as const) {
            const t = w[key];
            // A tax without working is one the line does not pay.
            if (!t) {
              expect(l[key].amount, key).toBe(0n);
              continue;
            }
            expect(t.amount, key).toEqual(l[key]);
            if (t.shared) continue; // China postal: the line's share of the parcel's tax
            const exact = t.baseExact
              ? roundRatio(mulRatio(t.baseExact, t.rate))
              : applyRatio(t.base, t.rate).amount;
            expect(exact, key).toBe(t.amount.amount);
            if (t.withDuty) expect(t.base.amount).toBe(l.dutiableValue.amount + l.duty.amount);
            else if (!t.baseExact) expect(t.base).toEqual(l.dutiableValue);
            if (t.baseFraction) expect(sameRatio(t.rate, mulRatio(t.statutory, t.baseFraction))).toBe(true);
          }
          if (w.combined) {
            // One rounding of VAT + CT together is within a fen of the two rounded apart.
            const diff =
              applyRatio(w.combined.base, w.combined.rate).amount -
              l.importVat.amount -
              l.consumptionTax.amount;
            expect(diff >= -1n && diff <= 1n).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        expect(compute(o)).toEqual(compute(o));
      }),
      { numRuns: 100 },
    );
  });

  it('matches the published CBEC rates for CT-free goods: 9.1% (13% VAT) and 6.3% (9% VAT), rounded once', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['1602.50', '0.091'], ['1006.30', '0.063']),
        fc.bigInt({ min: 0n, max: 240_000n }), // 2 × 2,400 + 200 stays within CNY 5,000
        fc.bigInt({ min: 0n, max: 20_000n }),
        fc.integer({ min: 1, max: 2 }),
        ([hs, rate], price, freight, qty) => {
          const r = computeLandedCost(
            order(
              'CN',
              'CNY',
              [{ ...line('a', hs, qty, price, freight, 'CNY'), weightGrams: 1000 * qty }],
              '7.12',
            ),
          );
          const dutiable = money(price * BigInt(qty) + freight, 'CNY');
          expect(r.lines[0]!.importVat).toEqual(applyRate(dutiable, rate));
        },
      ),
    );
  });

  it('splitting a line in two moves each tax total by at most one minor unit, in every market', () => {
    // Each tax is rounded once per line, half to even, so a line carries at most ½ unit of rounding
    // per tax; a duty-then-VAT market carries the duty's rounding into the VAT base, which at rates
    // of 12% or less adds under ⅕ of a unit. One line against two: |Δ| < ½ + ½ + ½ + ⅕, an integer, so ≤ 1.
    // Thresholds are tested on order totals, which a split does not change.
    const splitArb = orderArb
      .filter((o) => o.lines.some((l) => l.kind === 'goods' && l.quantity >= 2))
      .chain((o) =>
        fc
          .record({ o: fc.constant(o), at: fc.nat(), k: fc.integer({ min: 1, max: 4 }) })
          .map(({ o, at, k }) => {
            const candidates = o.lines
              .map((l, i) => ({ l, i }))
              .filter(({ l }) => l.kind === 'goods' && l.quantity >= 2);
            const { l, i } = candidates[at % candidates.length]!;
            const q1 = Math.min(k, l.quantity - 1);
            const f1 = (l.freight * BigInt(q1)) / BigInt(l.quantity);
            const split = [
              ...o.lines.slice(0, i),
              { ...l, quantity: q1, freight: f1 },
              { ...l, quantity: l.quantity - q1, freight: l.freight - f1 },
              ...o.lines.slice(i + 1),
            ];
            return { whole: o, split: { ...o, lines: split } };
          }),
      );
    fc.assert(
      fc.property(splitArb, ({ whole, split }) => {
        const a = compute(whole);
        const b = compute(split);
        expect(b === null).toBe(a === null);
        if (!a || !b) return;
        expect(b.regime).toBe(a.regime);
        // Japan shows each line's customs value (60% of the price) rounded to the yen: ±1 there too.
        const dv = a.dutiableValue.amount - b.dutiableValue.amount;
        expect(dv <= 1n && dv >= -1n).toBe(true);
        for (const k of ['duty', 'importVat', 'consumptionTax'] as const) {
          const d = a.totals[k].amount - b.totals[k].amount;
          expect(d <= 1n && d >= -1n, `${whole.market} ${k} moved by ${d}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
