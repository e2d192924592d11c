import { describe, expect, it } from 'vitest';
import { CURRENCIES, cashDigits, isCurrencyCode, minorUnits } from './currency.ts';

describe('currencies (reference §7)', () => {
  it('keeps ISO minor units for the South-East Asian currencies', () => {
    expect([
      minorUnits('VND'),
      minorUnits('THB'),
      minorUnits('MYR'),
      minorUnits('PHP'),
      minorUnits('IDR'),
    ]).toEqual([0, 2, 2, 2, 2]);
    expect([CURRENCIES.VND.numeric, CURRENCIES.THB.numeric, CURRENCIES.MYR.numeric]).toEqual([704, 764, 458]);
    expect([CURRENCIES.PHP.numeric, CURRENCIES.IDR.numeric]).toEqual([608, 360]);
    expect(isCurrencyCode('IDR')).toBe(true);
    expect(isCurrencyCode('XXX')).toBe(false);
  });

  it('shows TWD and IDR in whole units (CLDR cash digits 0) while keeping 2 ISO digits', () => {
    expect([cashDigits('TWD'), minorUnits('TWD')]).toEqual([0, 2]);
    expect([cashDigits('IDR'), minorUnits('IDR')]).toEqual([0, 2]);
    expect(cashDigits('USD')).toBe(2);
    expect(cashDigits('VND')).toBe(0);
  });
});
