import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES } from '../../../money/index.ts';
import { customsAmount, parseCustomsAmount } from './xml.ts';

describe('customs amounts', () => {
  it('render minor units as a 2-place decimal that parses back to exactly the same minor units', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.constantFrom(...CURRENCY_CODES),
        (amount, currency) => {
          const text = customsAmount(amount, currency);
          expect(text).toMatch(/^\d+\.\d{2}$/);
          expect(parseCustomsAmount(text, currency)).toBe(amount);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('work through fixed figures', () => {
    expect(customsAmount(184876n, 'CNY')).toBe('1848.76');
    expect(customsAmount(5n, 'CNY')).toBe('0.05');
    expect(customsAmount(0n, 'CNY')).toBe('0.00');
    expect(customsAmount(1500n, 'JPY')).toBe('1500.00');
  });
});
