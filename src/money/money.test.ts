import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  applyRate,
  divRoundHalfEven,
  format,
  fromJson,
  money,
  parseDecimal,
  toJson,
} from './index.ts';

describe('divRoundHalfEven', () => {
  it.each([
    [5n, 2n, 2n], // 2.5 → 2 (even)
    [7n, 2n, 4n], // 3.5 → 4 (even)
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [10n, 4n, 2n], // 2.5 → 2
    [14n, 4n, 4n], // 3.5 → 4
    [11n, 4n, 3n], // 2.75 → 3
    [9n, 4n, 2n], // 2.25 → 2
    [0n, 3n, 0n],
  ])('%s / %s = %s', (n, d, q) => {
    expect(divRoundHalfEven(n, d)).toBe(q);
  });

  it('never differs from the exact quotient by more than one half', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divRoundHalfEven(n, d);
          const err = q * d - n; // (q − n/d)·d
          expect(2n * (err < 0n ? -err : err) <= d).toBe(true);
        },
      ),
    );
  });
});

describe('applyRate (FX and tax rates)', () => {
  it('converts USD cents to CNY fen and JPY yen with one rounding', () => {
    // $49.95 × 7.1234 = ¥355.81383 → 355.81 CNY
    expect(applyRate(money(4995n, 'USD'), '7.1234', 'CNY')).toEqual(money(35581n, 'CNY'));
    // $49.95 × 151.37 = ¥7,560.9315 → 7,561 JPY (no minor unit)
    expect(applyRate(money(4995n, 'USD'), '151.37', 'JPY')).toEqual(money(7561n, 'JPY'));
    // $0.50 × 1,382.5 = ₩691.25 → 691 KRW
    expect(applyRate(money(50n, 'USD'), '1382.5', 'KRW')).toEqual(money(691n, 'KRW'));
    // a tax rate: ¥404.00 × 9.1% = ¥36.764 → 36.76
    expect(applyRate(money(40400n, 'CNY'), '0.091')).toEqual(money(3676n, 'CNY'));
  });

  it('rounds half to even on an exact half', () => {
    // 1 cent × 0.5 = 0.5 cent → 0; 3 cents × 0.5 = 1.5 → 2
    expect(applyRate(money(1n, 'USD'), '0.5').amount).toBe(0n);
    expect(applyRate(money(3n, 'USD'), '0.5').amount).toBe(2n);
  });

  it('never creates or loses more than half a minor unit against exact arithmetic', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 8 }),
        (amount, rateUnits, scale) => {
          const rate = { units: rateUnits, scale };
          const out = applyRate(money(amount, 'USD'), rate, 'JPY'); // 2 → 0 minor digits
          // exact value in yen: amount/100 × units/10^scale
          const d = 100n * 10n ** BigInt(scale);
          const err = out.amount * d - amount * rateUnits;
          expect(2n * (err < 0n ? -err : err) <= d).toBe(true);
        },
      ),
    );
  });
});

describe('allocate', () => {
  it('splits ¥100.00 in three without losing a fen', () => {
    const parts = allocate(money(10000n, 'CNY'), [1n, 1n, 1n]).map((m) => m.amount);
    expect(parts).toEqual([3334n, 3333n, 3333n]);
  });

  it('parts always add up to the whole and stay within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc
          .array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 20 })
          .filter((w) => w.some((x) => x > 0n)),
        (amount, weights) => {
          const parts = allocate(money(amount, 'USD'), weights);
          expect(parts.reduce((a, p) => a + p.amount, 0n)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((p, i) => {
            const exactTimesTotal = amount * weights[i]!;
            const diff = p.amount * total - exactTimesTotal;
            expect(diff < total && diff > -total).toBe(true);
          });
        },
      ),
    );
  });
});

describe('money at the edges', () => {
  it('parses decimals exactly and refuses what is not one', () => {
    expect(parseDecimal('7.1234')).toEqual({ units: 71234n, scale: 4 });
    expect(() => parseDecimal('7.1e3')).toThrow();
    expect(() => parseDecimal('-1')).toThrow();
  });

  it('round-trips JSON and refuses fractions and unknown currencies', () => {
    expect(fromJson(toJson(money(12345n, 'CNY')))).toEqual(money(12345n, 'CNY'));
    expect(() => fromJson({ amount: 1.5, currency: 'USD' })).toThrow();
    expect(() => fromJson({ amount: 1, currency: 'XXX' })).toThrow();
    expect(format(money(-1234n, 'USD'))).toBe('-12.34 USD');
    expect(format(money(1234n, 'JPY'))).toBe('1234 JPY');
  });
});
