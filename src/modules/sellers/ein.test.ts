import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { einProblem, maskEin, VALID_EIN_PREFIXES } from './ein.ts';

const NEVER_ASSIGNED = [
  '00',
  '07',
  '08',
  '09',
  '17',
  '18',
  '19',
  '28',
  '29',
  '49',
  '69',
  '70',
  '78',
  '79',
  '89',
  '96',
  '97',
];
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('EIN', () => {
  it('holds the 83 prefixes the IRS lists, and none of the never-assigned ones', () => {
    expect(VALID_EIN_PREFIXES.size).toBe(83);
    for (const p of NEVER_ASSIGNED) expect(VALID_EIN_PREFIXES.has(p)).toBe(false);
    for (let i = 0; i < 100; i++) {
      const p = String(i).padStart(2, '0');
      expect(VALID_EIN_PREFIXES.has(p) || NEVER_ASSIGNED.includes(p)).toBe(true);
    }
  });

  it('accepts every assigned prefix with any seven digits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_EIN_PREFIXES), digits(7), (prefix, rest) => {
        expect(einProblem(`${prefix}-${rest}`)).toBeNull();
      }),
    );
  });

  it('refuses never-assigned prefixes and anything not written NN-NNNNNNN', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NEVER_ASSIGNED), digits(7), (prefix, rest) => {
        expect(einProblem(`${prefix}-${rest}`)).toBe('prefix');
      }),
    );
    for (const bad of [
      '391234567',
      '39-123456',
      '39-12345678',
      '3-91234567',
      '39_1234567',
      'ab-cdefghi',
      ' 39-1234567',
    ]) {
      expect(einProblem(bad)).toBe('format');
    }
  });

  it('masks all but the last four digits', () => {
    expect(maskEin('39-1234567')).toBe('**-***4567');
  });
});
