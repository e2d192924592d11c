/**
 * Nearest-neighbour search over 64-bit hashes by multi-index hashing (Norouzi, Punjani & Fleet):
 * the 64 bits are split into m contiguous bands, each with a table from band value to slots. If
 * two hashes differ in at most r = m·s + t bits (0 ≤ t < m), by pigeonhole one of the first t + 1
 * bands differs in at most s bits or one of the others in at most s − 1 (else the total would be
 * ≥ (t+1)(s+1) + (m−t−1)s = r + 1). Enumerating those band neighbours and verifying candidates by
 * popcount of the XOR finds every match without a full scan.
 */

/*
 * Thresholds (issue 4), checked on generated scenes (fingerprint.test.ts): JPEG q20–40, 50% resize,
 * added border, watermark and mirror measured 0–2 bits; a 5% crop 3–7, a 10% crop 7–14, a 3°
 * rotation 11–20; unrelated scenes never below 25.
 */
/** Distance ≤ 10 of 64 bits: the same picture (re-compressed, resized, framed, watermarked). */
export const SAME_IMAGE_MAX_DISTANCE = 10;
/** 11–16: probably a derived copy (crop, rotation, heavy edit); a trust agent looks. Above: different. */
export const REVIEW_MAX_DISTANCE = 16;

export type ImageMatchClass = 'same' | 'review' | 'different';

export function classifyDistance(distance: number): ImageMatchClass {
  if (distance <= SAME_IMAGE_MAX_DISTANCE) return 'same';
  if (distance <= REVIEW_MAX_DISTANCE) return 'review';
  return 'different';
}

/** Band count, chosen by measurement at 1,000,000 hashes (bench/fingerprints.ts). */
export const DEFAULT_BANDS = 5;

export interface FingerprintMatch {
  id: string;
  distance: number;
}

const MASK64 = (1n << 64n) - 1n;

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hammingDistance(a: bigint, b: bigint): number {
  const x = (a ^ b) & MASK64;
  return popcount32(Number(x & 0xffffffffn)) + popcount32(Number(x >> 32n));
}

function checkHash(hash: bigint): void {
  if (typeof hash !== 'bigint' || hash < 0n || hash > MASK64) {
    throw new RangeError('a fingerprint hash is an unsigned 64-bit bigint');
  }
}

interface Band {
  start: number; // first bit (0 = least significant)
  width: number; // ≤ 32
}

export class FingerprintIndex {
  readonly bands: number;
  private readonly layout: Band[];
  // One direct-addressed table per band (bands are ≤ 16 bits wide): band value → flat triples
  // [slot, hi, lo, …], so candidates are verified from the bucket itself without random reads.
  private readonly tables: (number[] | undefined)[][];
  // Slot storage: the hash as two unsigned 32-bit halves; freed slots are reused.
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private seen = new Uint32Array(1024);
  private epoch = 0;
  private ids: (string | undefined)[] = [];
  private free: number[] = [];
  private slotOf = new Map<string, number>();

  constructor(options: { bands?: number } = {}) {
    const bands = options.bands ?? DEFAULT_BANDS;
    if (!Number.isInteger(bands) || bands < 4 || bands > 16) throw new RangeError('bands must be 4..16');
    this.bands = bands;
    this.layout = [];
    let start = 0;
    for (let i = 0; i < bands; i++) {
      const width = Math.floor(64 / bands) + (i < 64 % bands ? 1 : 0);
      this.layout.push({ start, width });
      start += width;
    }
    this.tables = this.layout.map(({ width }) => new Array<number[] | undefined>(1 << width).fill(undefined));
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds or replaces the hash stored under `id`. */
  add(id: string, hash: bigint): void {
    checkHash(hash);
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.free.pop() ?? this.ids.length;
    if (slot >= this.hi.length) this.grow();
    const hi = Number(hash >> 32n);
    const lo = Number(hash & 0xffffffffn);
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.seen[slot] = 0;
    this.ids[slot] = id;
    this.slotOf.set(id, slot);
    for (let b = 0; b < this.bands; b++) {
      const key = this.key(b, hi, lo);
      const table = this.tables[b]!;
      const bucket = table[key];
      if (bucket) bucket.push(slot, hi, lo);
      else table[key] = [slot, hi, lo];
    }
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const hi = this.hi[slot]!;
    const lo = this.lo[slot]!;
    for (let b = 0; b < this.bands; b++) {
      const key = this.key(b, hi, lo);
      const table = this.tables[b]!;
      const bucket = table[key]!;
      let at = 0;
      while (bucket[at] !== slot) at += 3;
      const last = bucket.length - 3;
      bucket[at] = bucket[last]!;
      bucket[at + 1] = bucket[last + 1]!;
      bucket[at + 2] = bucket[last + 2]!;
      bucket.length = last;
      if (last === 0) table[key] = undefined;
    }
    this.ids[slot] = undefined;
    this.slotOf.delete(id);
    this.free.push(slot);
    return true;
  }

  /** Every stored hash within `maxDistance` bits, nearest first (ties by id). */
  near(hash: bigint, maxDistance: number): FingerprintMatch[] {
    checkHash(hash);
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 64) {
      throw new RangeError('maxDistance must be an integer 0..64');
    }
    const qhi = Number(hash >> 32n);
    const qlo = Number(hash & 0xffffffffn);
    const out: FingerprintMatch[] = [];
    const s = Math.floor(maxDistance / this.bands);
    const t = maxDistance % this.bands;
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const visit = (bucket: number[] | undefined) => {
      if (!bucket) return;
      for (let i = 0; i < bucket.length; i += 3) {
        const d = popcount32((bucket[i + 1]! ^ qhi) >>> 0) + popcount32((bucket[i + 2]! ^ qlo) >>> 0);
        if (d > maxDistance) continue;
        // A match can sit in several bands' buckets: report it once.
        const slot = bucket[i]!;
        if (this.seen[slot] === epoch) continue;
        this.seen[slot] = epoch;
        out.push({ id: this.ids[slot]!, distance: d });
      }
    };
    for (let b = 0; b < this.bands; b++) {
      const table = this.tables[b]!;
      const { width } = this.layout[b]!;
      const key = this.key(b, qhi, qlo);
      const radius = b <= t ? s : s - 1;
      if (radius < 0) continue;
      visit(table[key]);
      // Flip 1..radius distinct bits of the band key, in increasing bit order (each subset once).
      const flip = (k: number, from: number, left: number) => {
        for (let bit = from; bit < width; bit++) {
          const next = (k ^ (1 << bit)) >>> 0;
          visit(table[next]);
          if (left > 1) flip(next, bit + 1, left - 1);
        }
      };
      if (radius > 0) flip(key, 0, Math.min(radius, width));
    }
    return out.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private key(b: number, hi: number, lo: number): number {
    const { start, width } = this.layout[b]!;
    const mask = width === 32 ? 0xffffffff : (1 << width) - 1;
    if (start >= 32) return ((hi >>> (start - 32)) & mask) >>> 0;
    if (start + width <= 32) return ((lo >>> start) & mask) >>> 0;
    // The band straddles the two halves.
    const lowBits = 32 - start;
    return (((lo >>> start) | (hi << lowBits)) & mask) >>> 0;
  }

  private grow(): void {
    const n = this.hi.length * 2;
    const hi = new Uint32Array(n);
    hi.set(this.hi);
    const lo = new Uint32Array(n);
    lo.set(this.lo);
    const seen = new Uint32Array(n);
    seen.set(this.seen);
    this.hi = hi;
    this.lo = lo;
    this.seen = seen;
  }
}
