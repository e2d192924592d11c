import { describe, expect, it } from 'vitest';
import { ids } from './asia-cases.test-support.ts';
import { NORTH_ASIA_CASES } from './asia-cases-north.test-support.ts';
import { SOUTH_EAST_ASIA_CASES } from './asia-cases-south-east.test-support.ts';
import { computeLandedCost } from './index.ts';

/** The hand-worked cases of the ten markets other than China (their working is in the case files). */
const CASES = [...NORTH_ASIA_CASES, ...SOUTH_EAST_ASIA_CASES];

describe('landed cost in the ten markets other than China, worked by hand (reference §3)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = computeLandedCost(c.in);
      expect(r.regime).toBe(c.regime);
      expect(r.lines.map((l) => [l.duty.amount, l.importVat.amount, l.consumptionTax.amount])).toEqual(
        c.taxes,
      );
      expect(r.totals.total.amount).toBe(c.taxes.flat().reduce((a, b) => a + b, 0n));
      expect(r.provisional).toBe(c.provisional);
      for (const id of c.has ?? []) expect(ids(r), id).toContain(id);
      for (const id of c.hasNot ?? []) expect(ids(r), id).not.toContain(id);
    });
  }

  it('has at least 25 cases across all ten markets', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((c) => c.in.market)).size).toBe(10);
  });
});
