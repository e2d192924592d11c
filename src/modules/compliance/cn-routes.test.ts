import { describe, expect, it } from 'vitest';
import { computeLandedCost, isCbecParcel, parcelCustoms, regimeCustoms } from './index.ts';
import { line, order } from './test-support.ts';
import type { ClearanceRoute } from './types.ts';

const at = new Date('2026-11-24T00:00:00Z');
const cn = (route: ClearanceRoute, unitPrice: bigint, hs = '3304.99') =>
  computeLandedCost({
    ...order('CN', 'CNY', [line('1', hs, 1, unitPrice, 2000n, 'CNY')], '7.12', at),
    route,
  });

describe('customs as data', () => {
  it('reports the route and rate it priced under, and its regime stands for the same', () => {
    const cases: [ClearanceRoute, bigint, string, { route: ClearanceRoute; fullRate: boolean }][] = [
      ['CN_CBEC_9610', 10_000n, 'CN_CBEC_9610', { route: 'CN_CBEC_9610', fullRate: false }],
      ['CN_CBEC_1210', 10_000n, 'CN_CBEC_1210', { route: 'CN_CBEC_1210', fullRate: false }],
      // One indivisible item above the CNY 5,000 single limit is taxed in full.
      ['CN_CBEC_9610', 600_000n, 'CN_CBEC_9610_FULL_RATE', { route: 'CN_CBEC_9610', fullRate: true }],
      ['CN_CBEC_1210', 600_000n, 'CN_CBEC_1210_FULL_RATE', { route: 'CN_CBEC_1210', fullRate: true }],
      ['CN_POSTAL', 60_000n, 'CN_POSTAL', { route: 'CN_POSTAL', fullRate: false }],
      ['CN_POSTAL', 10_000n, 'CN_POSTAL_WAIVED', { route: 'CN_POSTAL', fullRate: false }],
    ];
    for (const [route, price, regime, customs] of cases) {
      const lc = cn(route, price);
      expect(lc.regime, `${route} ${price}`).toBe(regime);
      expect(lc.customs).toEqual(customs);
      expect(regimeCustoms(lc.regime)).toEqual(customs);
    }
  });

  it('imports nothing for services only, and every other market takes its one route', () => {
    const services = computeLandedCost(
      order('CN', 'CNY', [line('1', '0000', 1, 10_000n, 0n, 'CNY', 'service')], '7.12', at),
    );
    expect(services.regime).toBe('NO_IMPORT');
    expect(services.customs).toBeNull();
    expect(regimeCustoms('NO_IMPORT')).toBeNull();
    const jp = computeLandedCost(
      order('JP', 'JPY', [line('1', '3304.99', 1, 50_000n, 2000n, 'JPY')], '150', at),
    );
    expect(jp.customs).toEqual({ route: 'STANDARD', fullRate: false });
    expect(regimeCustoms(jp.regime)).toEqual(jp.customs);
  });

  it('reads a stored parcel by its customs, and one stored before customs were kept by its regime', () => {
    const bonded = { regime: 'CN_CBEC_1210_FULL_RATE' };
    expect(parcelCustoms(bonded)).toEqual({ route: 'CN_CBEC_1210', fullRate: true });
    expect(isCbecParcel(bonded)).toBe(true);
    expect(isCbecParcel({ regime: 'CN_POSTAL_WAIVED' })).toBe(false);
    expect(isCbecParcel({ regime: 'NO_IMPORT' })).toBe(false);
    expect(isCbecParcel({ regime: 'KR_GENERAL_IMPORT' })).toBe(false);
    // The stored customs wins over the regime's name; null (nothing imported) is an answer too.
    expect(
      parcelCustoms({ regime: 'CN_CBEC_9610', customs: { route: 'CN_POSTAL', fullRate: false } }),
    ).toEqual({
      route: 'CN_POSTAL',
      fullRate: false,
    });
    expect(parcelCustoms({ regime: 'CN_CBEC_9610', customs: null })).toBeNull();
    expect(isCbecParcel({ regime: 'CN_POSTAL', customs: { route: 'CN_CBEC_9610', fullRate: false } })).toBe(
      true,
    );
  });
});
