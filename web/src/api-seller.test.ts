import { describe, expect, it } from 'vitest';
import { centsToDollars, dollarsToCents } from './api-seller.ts';

describe("the editor's price text", () => {
  it('reads dollars as whole cents, exactly', () => {
    expect(dollarsToCents('12.50')).toBe(1250);
    expect(dollarsToCents('$ 1,234.5')).toBe(123450);
    expect(dollarsToCents('7')).toBe(700);
    expect(dollarsToCents('0.07')).toBe(7);
    expect(dollarsToCents('0.29')).toBe(29);
    expect(dollarsToCents('99999999.99')).toBe(9_999_999_999);
  });

  it('refuses what is not a price', () => {
    for (const text of ['', 'abc', '1.234', '-5', '1e3', '123456789'])
      expect(dollarsToCents(text)).toBeNull();
  });

  it('writes cents as dollars with two decimals', () => {
    expect(centsToDollars(1250)).toBe('12.50');
    expect(centsToDollars(7)).toBe('0.07');
    expect(centsToDollars(0)).toBe('0.00');
  });
});
