import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyDistance,
  FingerprintIndex,
  type FingerprintMatch,
  hammingDistance,
} from './fingerprint-index.ts';

const hash64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

function bruteForce(stored: Map<string, bigint>, q: bigint, r: number): FingerprintMatch[] {
  return [...stored]
    .map(([id, h]) => ({ id, distance: hammingDistance(h, q) }))
    .filter((m) => m.distance <= r)
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Flips `n` distinct bits chosen by `positions` (a permutation prefix). */
function flip(h: bigint, positions: number[], n: number): bigint {
  let out = h;
  for (const p of positions.slice(0, n)) out ^= 1n << BigInt(p);
  return out;
}

describe('FingerprintIndex', () => {
  it('near() returns exactly what a brute-force scan returns (random hashes, near copies, radius ≤ 16)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 8 }),
        fc.array(hash64, { minLength: 1, maxLength: 40 }),
        // Near copies of stored hashes so matches exist at every distance, not only far misses.
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.shuffledSubarray([...Array(64).keys()], { minLength: 20, maxLength: 20 }),
            fc.nat(20),
          ),
          { maxLength: 40 },
        ),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 16 }), fc.boolean()), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (bands, seeds, nears, queries, removals) => {
          const index = new FingerprintIndex({ bands });
          const stored = new Map<string, bigint>();
          const all = [...seeds];
          for (const [i, positions, n] of nears) all.push(flip(seeds[i % seeds.length]!, positions, n));
          all.forEach((h, i) => {
            index.add(`h${i}`, h);
            stored.set(`h${i}`, h);
          });
          for (const k of removals) {
            const id = `h${k % all.length}`;
            expect(index.remove(id)).toBe(stored.delete(id));
          }
          expect(index.size).toBe(stored.size);
          for (const [k, r, exact] of queries) {
            // Either a stored hash itself or one perturbed by r/2 bits.
            const base = all[k % all.length]!;
            const q = exact ? base : flip(base, [3, 17, 29, 31, 32, 40, 63, 0], Math.floor(r / 2));
            expect(index.near(q, r)).toEqual(bruteForce(stored, q, r));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('re-adding an id replaces its hash; removing twice is a no-op', () => {
    const index = new FingerprintIndex();
    index.add('a', 0n);
    index.add('a', (1n << 64n) - 1n);
    expect(index.size).toBe(1);
    expect(index.near(0n, 16)).toEqual([]);
    expect(index.near((1n << 64n) - 1n, 0)).toEqual([{ id: 'a', distance: 0 }]);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.near((1n << 64n) - 1n, 64)).toEqual([]);
  });

  it('finds a hash 16 bits away when the flips are spread evenly over every band', () => {
    const index = new FingerprintIndex({ bands: 4 });
    const h = 0x0123456789abcdefn;
    // 4 flips in each 16-bit band: the pigeonhole worst case.
    const positions = [0, 5, 9, 14, 16, 21, 25, 30, 32, 37, 41, 46, 48, 53, 57, 62];
    const q = flip(h, positions, 16);
    index.add('x', h);
    expect(index.near(q, 16)).toEqual([{ id: 'x', distance: 16 }]);
    expect(index.near(q, 15)).toEqual([]);
  });

  it('refuses hashes outside 64 bits and bad radii', () => {
    const index = new FingerprintIndex();
    expect(() => index.add('a', -1n)).toThrow(RangeError);
    expect(() => index.add('a', 1n << 64n)).toThrow(RangeError);
    expect(() => index.near(0n, 65)).toThrow(RangeError);
    expect(() => index.near(0n, 1.5)).toThrow(RangeError);
    expect(() => new FingerprintIndex({ bands: 3 })).toThrow(RangeError);
  });

  it('classifies distances at the thresholds', () => {
    expect([0, 10, 11, 16, 17, 64].map(classifyDistance)).toEqual([
      'same',
      'same',
      'review',
      'review',
      'different',
      'different',
    ]);
  });
});
