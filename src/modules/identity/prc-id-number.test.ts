import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidPrcIdNumber, prcIdCheckChar } from './prc-id-number.ts';

/*
 * Worked by hand. Weights for positions 1..17: 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
 * Check character by (sum mod 11): 0→1 1→0 2→X 3→9 4→8 5→7 6→6 7→5 8→4 9→3 10→2.
 *
 * 11010519491231002X  (Beijing Chaoyang, born 1949-12-31)
 *   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
 *   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167;  167 mod 11 = 2 → 'X'
 * 310101199001011234  (Shanghai Huangpu, born 1990-01-01)
 *   21+9+0+5+0+4+2+9+54+0+0+9+0+5+8+8+6 = 140;  140 mod 11 = 8 → '4'
 * 440305200002291232  (Shenzhen Nanshan, born 2000-02-29, a leap day)
 *   28+36+0+15+0+20+4+0+0+0+0+18+20+45+8+8+6 = 208;  208 mod 11 = 10 → '2'
 * 440305190002291236  (check character right, but 1900 is not a leap year)
 *   28+36+0+15+0+20+2+9+0+0+0+18+20+45+8+8+6 = 215;  215 mod 11 = 6 → '6'
 * 310101199013011231  (check character right, but month 13)
 *   140 − (0·7 + 1·9) + (1·7 + 3·9) = 165;  165 mod 11 = 0 → '1'
 */
const TODAY = new Date('2026-11-24T00:00:00Z');

describe('isValidPrcIdNumber', () => {
  it.each([
    ['11010519491231002X', true, 'check character X'],
    ['310101199001011234', true, 'check character 4'],
    ['440305200002291232', true, 'born on a leap day'],
    ['310101199001011235', false, 'wrong check character'],
    ['11010519491231002', false, '17 characters'],
    ['11010519491231002X0', false, '19 characters'],
    ['310101900101123', false, 'old 15-digit format'],
    ['440305190002291236', false, 'born 1900-02-29, which does not exist'],
    ['310101199013011231', false, 'born in month 13'],
    ['11010519491231002x', false, 'lower-case x is not canonical'],
    ['3101011990O1011234', false, 'a letter among the digits'],
    ['010101199001011234', false, 'region code cannot start with 0'],
    ['', false, 'empty'],
  ])('%s → %s (%s)', (idNumber, valid) => {
    expect(isValidPrcIdNumber(idNumber, TODAY)).toBe(valid);
  });

  it('refuses a birth date after today', () => {
    expect(isValidPrcIdNumber('440305200002291232', new Date('1999-12-31T00:00:00Z'))).toBe(false);
    expect(isValidPrcIdNumber('440305200002291232', new Date('2000-02-29T00:00:00Z'))).toBe(true);
  });

  it('computes the hand-worked check characters', () => {
    expect(prcIdCheckChar('11010519491231002')).toBe('X');
    expect(prcIdCheckChar('31010119900101123')).toBe('4');
    expect(prcIdCheckChar('44030520000229123')).toBe('2');
  });
});

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Region (first digit 1-9), a real birth date between 1900 and today, a sequence. */
const first17 = fc
  .record({
    region: fc.tuple(fc.integer({ min: 1, max: 9 }), digits(5)).map(([a, b]) => `${a}${b}`),
    born: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true }),
    seq: digits(3),
  })
  .map(
    ({ region, born, seq }) =>
      `${region}${pad(born.getUTCFullYear(), 4)}${pad(born.getUTCMonth() + 1, 2)}${pad(born.getUTCDate(), 2)}${seq}`,
  );

describe('the MOD 11-2 check character (properties)', () => {
  it('any 17 digits with a real birth date plus their computed check character validate', () => {
    fc.assert(fc.property(first17, (body) => isValidPrcIdNumber(body + prcIdCheckChar(body), TODAY)));
  });

  it('changing any one digit of 17 arbitrary digits changes the check character', () => {
    // Every weight is non-zero mod 11 and 11 is prime, so a one-digit change always shifts the sum.
    fc.assert(
      fc.property(
        digits(17),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (body, i, delta) => {
          const changed = body.slice(0, i) + ((Number(body[i]) + delta) % 10) + body.slice(i + 1);
          return prcIdCheckChar(changed) !== prcIdCheckChar(body);
        },
      ),
    );
  });

  it('changing any one character of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(
        first17,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (body, i, delta) => {
          const valid = body + prcIdCheckChar(body);
          const alphabet = '0123456789X';
          const pool = i === 17 ? alphabet : alphabet.slice(0, 10);
          const replacement = pool[(pool.indexOf(valid[i]!) + delta) % pool.length]!;
          fc.pre(replacement !== valid[i]);
          const changed = valid.slice(0, i) + replacement + valid.slice(i + 1);
          return !isValidPrcIdNumber(changed, TODAY);
        },
      ),
    );
  });
});
