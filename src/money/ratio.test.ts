import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRatio,
  applyRatio,
  divRatio,
  divRoundHalfEven,
  mulRatio,
  ONE,
  oneMinus,
  quotientDecimal,
  type Ratio,
  ratio,
  roundRatio,
  sameRatio,
  subRatio,
} from './index.ts';

const anyRatio = fc
  .record({
    n: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
    d: fc.bigInt({ min: 1n, max: 10n ** 9n }),
  })
  .map((r): Ratio => r);
const positiveRatio = fc
  .record({ n: fc.bigInt({ min: 1n, max: 10n ** 12n }), d: fc.bigInt({ min: 1n, max: 10n ** 9n }) })
  .map((r): Ratio => r);
const decimalText = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 10n ** 9n }),
    fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
  )
  .map(([whole, frac]) => (frac === undefined ? `${whole}` : `${whole}.${frac}`));

describe('ratio arithmetic', () => {
  it('reads a decimal exactly', () => {
    expect(ratio('0.13')).toEqual({ n: 13n, d: 100n });
    expect(ratio('7')).toEqual({ n: 7n, d: 1n });
    fc.assert(
      fc.property(decimalText, (s) => {
        const r = ratio(s);
        const [whole, frac = ''] = s.split('.');
        expect(r.d).toBe(10n ** BigInt(frac.length));
        expect(r.n).toBe(BigInt(whole!) * r.d + BigInt(frac || '0'));
      }),
    );
  });

  it('adds, subtracts and multiplies exactly', () => {
    fc.assert(
      fc.property(anyRatio, anyRatio, (a, b) => {
        expect(sameRatio(subRatio(addRatio(a, b), b), a)).toBe(true);
        expect(sameRatio(mulRatio(a, b), mulRatio(b, a))).toBe(true);
        expect(sameRatio(addRatio(oneMinus(a), a), ONE)).toBe(true);
      }),
    );
  });

  it('divides by a positive ratio as the inverse of multiplying, and refuses any other divisor', () => {
    fc.assert(
      fc.property(anyRatio, positiveRatio, (a, b) => {
        expect(sameRatio(divRatio(mulRatio(a, b), b), a)).toBe(true);
      }),
    );
    expect(() => divRatio(ONE, { n: 0n, d: 1n })).toThrow('non-positive');
    expect(() => divRatio(ONE, { n: -3n, d: 4n })).toThrow('non-positive');
    // China's CBEC formula at a 100% consumption tax would divide by 1 − CT = 0.
    expect(() => divRatio(ratio('0.13'), oneMinus(ratio('1')))).toThrow('non-positive');
  });

  it('applies a rate to money within half a minor unit, rounded once half to even', () => {
    expect(applyRatio({ amount: 5n, currency: 'CNY' }, { n: 1n, d: 2n }).amount).toBe(2n); // 2.5 → 2
    expect(applyRatio({ amount: 7n, currency: 'CNY' }, { n: 1n, d: 2n }).amount).toBe(4n); // 3.5 → 4
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), positiveRatio, (amount, r) => {
        const got = applyRatio({ amount, currency: 'JPY' }, r);
        expect(got.currency).toBe('JPY');
        const err = got.amount * r.d - amount * r.n; // (result − exact) · d
        expect(2n * (err < 0n ? -err : err) <= r.d).toBe(true);
        expect(got.amount).toBe(roundRatio({ n: amount * r.n, d: r.d }));
      }),
    );
  });
});

describe('quotientDecimal', () => {
  it.each([
    [2n, 3n, 4, '0.6667'],
    [1n, 8n, 2, '0.12'], // 0.125 → even
    [3n, 8n, 2, '0.38'], // 0.375 → even
    [1n, 1n, 4, '1.0000'],
    [57n, 2n, 1, '28.5'],
    [5n, 2n, 0, '2'],
    [-1n, 8n, 2, '-0.12'],
    [1n, -8n, 2, '-0.12'],
  ])('%s / %s to %s places = %s', (n, d, places, text) => {
    expect(quotientDecimal(n, d, places)).toBe(text);
  });

  it('is null for a zero divisor', () => {
    expect(quotientDecimal(1n, 0n, 2)).toBeNull();
  });

  it('is the half-to-even quotient, written with exactly `places` decimals', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 8 }),
        (n, d, places) => {
          const text = quotientDecimal(n, d, places)!;
          expect(text).toMatch(places === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${places}}$`));
          const digits = BigInt(text.replace('.', ''));
          expect(digits).toBe(divRoundHalfEven(n * 10n ** BigInt(places), d));
          expect(quotientDecimal(-n, d, places)).toBe(
            digits === 0n ? text : text.startsWith('-') ? text.slice(1) : `-${text}`,
          );
        },
      ),
    );
  });
});
