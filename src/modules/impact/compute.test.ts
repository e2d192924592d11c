import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIDWEST, US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { type CensusInput, computeImpact, type ExportInput, jobsSupported, share } from './compute.ts';

const data = {
  goal: { businesses: 1_000_000, text: 'goal' },
  jobsPerBillionUsd: { value: 4100, dataYear: 2022, sourceId: 'M1', text: 't', caveat: 'c' },
};

describe('jobs supported: exports × 4,100 jobs per $1 bn (ITA OTEA 2022, reference M1), to three decimals', () => {
  it.each([
    ['$1,000,000,000.00', 100_000_000_000n, '4100.000'],
    ['$250,000.00 → 250,000 × 4,100 ÷ 10^9 = 1.025', 25_000_000n, '1.025'],
    ['$1,309.00 → 0.0053669', 130_900n, '0.005'],
    ['$121.95 → 0.000499995, rounds down', 12_195n, '0.000'],
    ['$121.96 → 0.000500036, rounds up', 12_196n, '0.001'],
    ['nothing exported', 0n, '0.000'],
  ])('%s', (_what, cents, jobs) => {
    expect(jobsSupported(cents, 4100)).toBe(jobs);
  });

  it('rounds an exact half to even', () => {
    expect(share(5n, 1000n, 2)).toBe('0.00'); // 0.005 → 0.00
    expect(share(15n, 1000n, 2)).toBe('0.02'); // 0.015 → 0.02
    expect(share(1n, 0n, 2)).toBeNull();
  });
});

describe('the impact figures, worked by hand', () => {
  // Verified sellers: WI 3 farms + 1 creamery, MN 2 farms, CA 2 (one with 600 employees).
  const census: CensusInput[] = [
    { usState: 'WI', isFarm: true, verified: 3, small: 3 },
    { usState: 'WI', isFarm: false, verified: 1, small: 1 },
    { usState: 'MN', isFarm: true, verified: 2, small: 2 },
    { usState: 'CA', isFarm: false, verified: 2, small: 1 },
  ];
  const homes: Record<string, { usState: UsState; isFarm: boolean }> = {
    sel_wi: { usState: 'WI', isFarm: true },
    sel_mn: { usState: 'MN', isFarm: true },
    sel_ca: { usState: 'CA', isFarm: false },
  };
  const exports: ExportInput[] = [
    { sellerId: 'sel_wi', market: 'CN', orders: 2, goodsUsdCents: 17_800n },
    { sellerId: 'sel_wi', market: 'JP', orders: 1, goodsUsdCents: 8_900n },
    { sellerId: 'sel_mn', market: 'CN', orders: 3, goodsUsdCents: 4_200n },
    { sellerId: 'sel_ca', market: 'KR', orders: 1, goodsUsdCents: 100_000n },
  ];
  const r = computeImpact(census, exports, (id) => homes[id], data);

  it('counts businesses, farms, small businesses and the Midwest share (6 of 8 = 0.7500)', () => {
    expect(r).toMatchObject({
      businessesEnabled: 8,
      farms: 5,
      smallBusinesses: 7,
      midwestBusinesses: 6,
      midwestBusinessShare: '0.7500',
      goalProgress: '0.000008',
    });
  });

  it('totals exports: $1,309.00 from 3 businesses in 7 orders; Midwest $309.00 = 0.2361 of it', () => {
    expect(r.exportsUsdCents).toBe(130_900n);
    expect(r.exportingBusinesses).toBe(3);
    expect(r.ordersDelivered).toBe(7);
    expect(r.midwestExportsUsdCents).toBe(30_900n);
    expect(r.midwestExportShare).toBe('0.2361'); // 30,900 ÷ 130,900 = 0.236058…
    expect(r.jobsSupported).toBe('0.005');
  });

  it('ranks states and markets by exports', () => {
    expect(r.byState).toEqual([
      {
        state: 'CA',
        midwest: false,
        businesses: 2,
        farms: 0,
        exportingBusinesses: 1,
        orders: 1,
        exportsUsdCents: 100_000n,
      },
      {
        state: 'WI',
        midwest: true,
        businesses: 4,
        farms: 3,
        exportingBusinesses: 1,
        orders: 3,
        exportsUsdCents: 26_700n,
      },
      {
        state: 'MN',
        midwest: true,
        businesses: 2,
        farms: 2,
        exportingBusinesses: 1,
        orders: 3,
        exportsUsdCents: 4_200n,
      },
    ]);
    expect(r.byMarket).toEqual([
      { market: 'KR', exportingBusinesses: 1, orders: 1, exportsUsdCents: 100_000n },
      { market: 'CN', exportingBusinesses: 2, orders: 5, exportsUsdCents: 22_000n },
      { market: 'JP', exportingBusinesses: 1, orders: 1, exportsUsdCents: 8_900n },
    ]);
  });

  it('keeps counting a seller’s past exports after it is no longer verified', () => {
    const later = computeImpact(census.slice(0, 3), exports, (id) => homes[id], data);
    expect(later.businessesEnabled).toBe(6);
    expect(later.exportsUsdCents).toBe(130_900n);
    expect(later.byState.find((s) => s.state === 'CA')).toMatchObject({
      businesses: 0,
      exportsUsdCents: 100_000n,
    });
  });
});

describe('property: every cent exported is counted once by state and once by market', () => {
  const state = fc.constantFrom(...US_STATE_CODES);
  it('sums agree and shares stay within 0..1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ usState: state, isFarm: fc.boolean(), verified: fc.nat(50) }), {
          maxLength: 20,
        }),
        fc.array(
          fc.record({
            seller: fc.integer({ min: 0, max: 9 }),
            market: fc.constantFrom('CN', 'JP', 'KR', 'HK'),
            orders: fc.integer({ min: 1, max: 20 }),
            cents: fc.bigInt({ min: 0n, max: 10n ** 12n }),
          }),
          { maxLength: 30 },
        ),
        fc.array(state, { minLength: 10, maxLength: 10 }),
        (rows, sales, homeStates) => {
          const census = rows.map((c) => ({ ...c, small: c.verified }));
          const exports = sales.map((s) => ({
            sellerId: `sel_${s.seller}`,
            market: s.market,
            orders: s.orders,
            goodsUsdCents: s.cents,
          }));
          const r = computeImpact(
            census,
            exports,
            (id) => ({ usState: homeStates[Number(id.slice(4))]!, isFarm: false }),
            data,
          );
          const total = exports.reduce((a, e) => a + e.goodsUsdCents, 0n);
          expect(r.exportsUsdCents).toBe(total);
          expect(r.byState.reduce((a, s) => a + s.exportsUsdCents, 0n)).toBe(total);
          expect(r.byMarket.reduce((a, m) => a + m.exportsUsdCents, 0n)).toBe(total);
          expect(r.byState.reduce((a, s) => a + s.businesses, 0)).toBe(r.businessesEnabled);
          const midwest = r.byState
            .filter((s) => MIDWEST.includes(s.state))
            .reduce((a, s) => a + s.exportsUsdCents, 0n);
          expect(r.midwestExportsUsdCents).toBe(midwest);
          for (const s of [r.midwestBusinessShare, r.midwestExportShare]) {
            if (s === null) continue;
            expect(Number(s)).toBeGreaterThanOrEqual(0);
            expect(Number(s)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
