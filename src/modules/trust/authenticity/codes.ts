import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invalid } from '../../../kernel/errors.ts';

/**
 * Per-unit authenticity codes. A code is 80 bits written as 16 Crockford base32 characters:
 * a random 48-bit serial followed by a 32-bit tag, the first 4 bytes of HMAC-SHA256(key, serial).
 *
 * Why 16 characters: 80 bits is exactly 16 symbols of 5 bits, short enough to type from a label
 * (printed as four groups of four) and inside the 7–22 the issue asks for. 48 random bits make
 * serials non-sequential and leave a birthday collision unlikely until ~16 million codes (and
 * issuing retries on one). 32 tag bits make a made-up code pass with odds 2^-32 (1 in ~4.3
 * billion) per guess, and every guess that reaches us is recorded as a forged scan.
 */
export const CODE_LENGTH = 16;
export const SERIAL_BYTES = 6;
export const TAG_BYTES = 4;

/** Crockford's alphabet: no I, L, O, U (look like 1, 1, 0, V and avoid accidental words). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
// Crockford decoding: typed O is 0, I and L are 1.
VALUE.set('O', 0);
VALUE.set('I', 1);
VALUE.set('L', 1);

export type CodeKey = Uint8Array;

/**
 * The HMAC key for authenticity codes, derived from the installation secret (HEARTLAND_SECRET or
 * the data directory's secret.key) the way src/config.ts derives its other keys, so codes stay
 * valid across restarts and no other key can sign them.
 */
export function authenticityCodeKey(installationSecret: string): Buffer {
  if (installationSecret.length < 16) throw new Error('The installation secret is too short.');
  return createHash('sha256').update(`authenticity-codes:${installationSecret}`).digest();
}

export interface ParsedCode {
  /** The 48-bit serial, as stored in `authenticity_codes.serial`. */
  serial: bigint;
  /** The 32-bit tag the code carries (not yet checked). */
  tag: Buffer;
  /** The canonical form: 16 upper-case symbols, no separators. */
  canonical: string;
}

function encode(bytes: Buffer): string {
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

function serialBytes(serial: bigint): Buffer {
  const b = Buffer.alloc(SERIAL_BYTES);
  b.writeUIntBE(Number(serial), 0, SERIAL_BYTES);
  return b;
}

function tagOf(key: CodeKey, serial: bigint): Buffer {
  if (key.length < 16) throw new Error('The authenticity code key is too short.');
  return createHmac('sha256', key).update(serialBytes(serial)).digest().subarray(0, TAG_BYTES);
}

/** The code for a serial under a key (used to reprint a lot's labels; the tag is never stored). */
export function codeFor(key: CodeKey, serial: bigint): string {
  if (serial < 0n || serial >= 1n << BigInt(SERIAL_BYTES * 8)) throw new Error('Serial out of range.');
  return encode(Buffer.concat([serialBytes(serial), tagOf(key, serial)]));
}

/** A new code with a random serial. */
export function issueCode(key: CodeKey): { serial: bigint; code: string } {
  const serial = BigInt(`0x${randomBytes(SERIAL_BYTES).toString('hex')}`);
  return { serial, code: codeFor(key, serial) };
}

/** The printed form: four groups of four, easier to read and type. */
export const formatCode = (code: string): string => code.match(/.{1,4}/g)?.join('-') ?? code;

/**
 * Reads a code as a person typed it: any case, hyphens and spaces anywhere, O/I/L read as 0/1/1.
 * Anything else → `trust.code_malformed` (400). Checks the shape only, not the tag.
 */
export function parseCode(text: string): ParsedCode {
  if (typeof text !== 'string' || text.length > 64) {
    throw invalid('trust.code_malformed', 'An authenticity code is 16 letters and digits.');
  }
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (compact.length !== CODE_LENGTH) {
    throw invalid('trust.code_malformed', 'An authenticity code is 16 letters and digits.', {
      length: compact.length,
    });
  }
  let bits = 0n;
  let canonical = '';
  for (const c of compact) {
    const v = VALUE.get(c);
    if (v === undefined) {
      throw invalid('trust.code_malformed', `"${c}" does not appear in authenticity codes.`);
    }
    bits = (bits << 5n) | BigInt(v);
    canonical += ALPHABET[v];
  }
  const tag = Buffer.alloc(TAG_BYTES);
  tag.writeUInt32BE(Number(bits & 0xffffffffn));
  return { serial: bits >> BigInt(TAG_BYTES * 8), tag, canonical };
}

/** Whether the code's tag is the one the key gives its serial; compared in constant time. */
export function verifyTag(key: CodeKey, code: string | ParsedCode): boolean {
  const parsed = typeof code === 'string' ? parseCode(code) : code;
  return timingSafeEqual(tagOf(key, parsed.serial), parsed.tag);
}
