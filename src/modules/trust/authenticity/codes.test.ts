import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../kernel/errors.ts';
import {
  authenticityCodeKey,
  CODE_LENGTH,
  codeFor,
  formatCode,
  issueCode,
  parseCode,
  verifyTag,
} from './codes.ts';

const key = authenticityCodeKey('test-installation-secret-0123456789');
const otherKey = authenticityCodeKey('another-installation-secret-987654');
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Whether verification accepts the text; a malformed text counts as rejected. */
function accepted(text: string, k = key): boolean {
  try {
    return verifyTag(k, text);
  } catch (e) {
    if (isDomainError(e) && e.code === 'trust.code_malformed' && e.kind === 'invalid') return false;
    throw e;
  }
}

describe('authenticity code scheme', () => {
  it('issues 16-symbol Crockford codes that verify under their key only', () => {
    const { serial, code } = issueCode(key);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(parseCode(code).serial).toBe(serial);
    expect(verifyTag(key, code)).toBe(true);
    expect(verifyTag(otherKey, code)).toBe(false);
  });

  it('encodes a known serial the same way every time (the tag depends only on key and serial)', () => {
    const code = codeFor(key, 0x0123456789abn);
    expect(codeFor(key, 0x0123456789abn)).toBe(code);
    // The serial's 48 bits are the first 9.6 symbols: 0x0123456789ab << 32 in base32 (worked
    // out separately) …
    expect(code.slice(0, 9)).toBe('04HMASW9N');
    // … and the last 32 bits are the first 4 bytes of HMAC-SHA256(key, serial as 6 bytes).
    const tag = createHmac('sha256', key).update(Buffer.from('0123456789ab', 'hex')).digest().readUInt32BE(0);
    expect(parseCode(code).tag.readUInt32BE(0)).toBe(tag);
    expect(parseCode(code).serial).toBe(0x0123456789abn);
    expect(codeFor(key, 0x0123456789acn).slice(10)).not.toBe(code.slice(10));
  });

  it('reads codes as people type them', () => {
    const code = codeFor(key, 0x0123456789abn);
    const typed = [
      code.toLowerCase(),
      formatCode(code),
      ` ${formatCode(code).replaceAll('-', ' ')} `,
      code.replaceAll('0', 'O').replaceAll('1', 'l'),
      code.replaceAll('1', 'I'),
    ];
    expect(formatCode(code)).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    for (const t of typed) {
      expect(parseCode(t).canonical).toBe(code);
      expect(verifyTag(key, t)).toBe(true);
    }
  });

  it.each([
    ['', 'empty'],
    ['ABCDEFGHJKMNPQR', '15 symbols'],
    ['ABCDEFGHJKMNPQRST', '17 symbols'],
    ['ABCDEFGHJKMNPQRU', 'U is not a symbol'],
    ['ABCDEFGHJKMNPQR*', 'punctuation'],
    ['ABCDEFGHJKMNPQRé', 'accented letter'],
    ['x'.repeat(100), 'very long'],
  ])('refuses %j (%s) as malformed (400)', (text) => {
    let err: unknown;
    try {
      parseCode(text);
    } catch (e) {
      err = e;
    }
    expect(isDomainError(err) && err.code).toBe('trust.code_malformed');
    expect(isDomainError(err) && err.kind).toBe('invalid');
  });

  it('makes serials non-sequential (random 48 bits)', () => {
    const serials = Array.from({ length: 1000 }, () => issueCode(key).serial);
    expect(new Set(serials).size).toBe(1000);
    const sorted = [...serials].sort((a, b) => (a < b ? -1 : 1));
    const adjacent = sorted.slice(1).filter((s, i) => s - sorted[i]! === 1n);
    expect(adjacent).toHaveLength(0);
    // Spread over the whole space: the top bit is set in roughly half.
    const high = serials.filter((s) => s >= 1n << 47n).length;
    expect(high).toBeGreaterThan(400);
    expect(high).toBeLessThan(600);
  });

  it('property: any single-symbol alteration of a genuine code is rejected', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 48n) - 1n }),
        fc.nat({ max: CODE_LENGTH - 1 }),
        fc.nat({ max: ALPHABET.length - 2 }),
        (serial, position, shift) => {
          const code = codeFor(key, serial);
          const at = ALPHABET.indexOf(code[position]!);
          const replacement = ALPHABET[(at + 1 + shift) % ALPHABET.length]!;
          const altered = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(altered).not.toBe(code);
          expect(accepted(altered)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: random strings and random well-formed codes are rejected', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(accepted(s)).toBe(false);
      }),
      { numRuns: 1000 },
    );
    const symbol = fc.constantFrom(...ALPHABET);
    fc.assert(
      fc.property(fc.array(symbol, { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }), (symbols) => {
        expect(accepted(symbols.join(''))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a genuine code verifies in any case and grouping', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 48n) - 1n }), fc.boolean(), (serial, lower) => {
        const code = codeFor(key, serial);
        const typed = lower ? formatCode(code).toLowerCase() : formatCode(code);
        expect(accepted(typed)).toBe(true);
        expect(parseCode(typed).serial).toBe(serial);
      }),
      { numRuns: 500 },
    );
  });

  it('derives a 32-byte key and refuses a short installation secret', () => {
    expect(key).toHaveLength(32);
    expect(() => authenticityCodeKey('short')).toThrow();
  });
});
