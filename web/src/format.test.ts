import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimal } from './format.ts';

// Intl separates a currency symbol from the figure with a no-break space in some locales.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('minorToDecimal', () => {
  it('writes minor units as an exact decimal string, never through a float', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(1500, 0)).toBe('1500');
    // Past 2^53 a float would already have lost the last digit.
    expect(minorToDecimal(9007199254740993n, 2)).toBe('90071992547409.93');
  });
});

describe('formatMoney', () => {
  it('shows CNY 123456 minor units as 1,234.56', () => {
    expect(plain(formatMoney({ amount: 123456, currency: 'CNY' }, 'en'))).toBe('CN¥1,234.56');
    expect(formatMoney({ amount: 123456, currency: 'CNY' }, 'zh-Hans')).toBe('¥1,234.56');
  });

  it('shows JPY, KRW and VND without decimals (no minor unit)', () => {
    expect(formatMoney({ amount: 1500, currency: 'JPY' }, 'ja')).toBe('￥1,500');
    expect(formatMoney({ amount: 25000, currency: 'KRW' }, 'ko')).toBe('₩25,000');
    expect(plain(formatMoney({ amount: 250000, currency: 'VND' }, 'en'))).toBe('₫250,000');
  });

  it('shows TWD and IDR in whole units (cash digits 0) though amounts keep 2 minor units', () => {
    expect(plain(formatMoney({ amount: 123400, currency: 'TWD' }, 'zh-Hant'))).toBe('$1,234');
    expect(plain(formatMoney({ amount: 1500000, currency: 'IDR' }, 'en'))).toBe('IDR 15,000');
  });

  it('rounds TWD and IDR to whole units half to even, exactly', () => {
    expect(plain(formatMoney({ amount: 12350, currency: 'TWD' }, 'en'))).toBe('NT$124');
    expect(plain(formatMoney({ amount: 12250, currency: 'TWD' }, 'en'))).toBe('NT$122');
    expect(plain(formatMoney({ amount: 12251, currency: 'TWD' }, 'en'))).toBe('NT$123');
  });

  it('shows every minor unit in the books (ledger digits)', () => {
    expect(plain(formatMoney({ amount: 12345, currency: 'TWD' }, 'en-US', 'ledger'))).toBe('NT$123.45');
    expect(plain(formatMoney({ amount: 1500000, currency: 'IDR' }, 'en-US', 'ledger'))).toBe('IDR 15,000.00');
  });

  it('keeps two decimals for USD and the sign of a negative amount', () => {
    expect(formatMoney({ amount: 1250, currency: 'USD' }, 'en-US')).toBe('$12.50');
    expect(formatMoney({ amount: -5, currency: 'USD' }, 'en-US')).toBe('-$0.05');
  });
});
