import { describe, expect, it } from 'vitest';
import { computeLandedCost } from './index.ts';
import { line, order } from './test-support.ts';
import type { LandedCostInput, LandedCostLine } from './types.ts';

const cn = (...lines: LandedCostLine[]) => computeLandedCost(order('CN', 'CNY', lines, '7.12'));
const ids = (rules: { ruleId: string }[]) => rules.map((r) => r.ruleId);
/** A line with its net weight: rice (1006) is under a Positive List quantity cap. */
const weighed = (l: LandedCostLine, grams: number): LandedCostLine => ({ ...l, weightGrams: grams });
// Duty 0 within the limits, plus the open question of the US additional tariff (in force from 2025-11-10).
const CBEC_DUTY = ['CN.cbec.duty_zero', 'CN.cbec.us_additional_tariff_open'];
const LISTED = 'CN.positive_list.listed';

describe('China CBEC landed cost (reference §1)', () => {
  // Each row: dutiable value = price × qty + freight (CN.cbec.dutiable_value), duty 0,
  // VAT = D × VAT/(1−CT) × 0.7, CT = D × CT/(1−CT) × 0.7, each rounded once half-to-even in fen.
  it.each([
    {
      name: '13% goods (jerky 1602): ¥345.60 + ¥58.40 = ¥404.00 × 9.1% = ¥36.764 → ¥36.76',
      l: line('a', '1602.50', 1, 34560n, 5840n, 'CNY'),
      vat: 3676n,
      ct: 0n,
      rules: [...CBEC_DUTY, 'CN.vat.standard_13', 'CN.ct.none', 'CN.cbec.tax_factor', LISTED],
    },
    {
      name: '9% grain (rice 1006): 2 × ¥120.00 + ¥35.50 = ¥275.50 × 6.3% = ¥17.3565 → ¥17.36',
      l: weighed(line('a', '1006.30', 2, 12000n, 3550n, 'CNY'), 2000),
      vat: 1736n,
      ct: 0n,
      rules: [
        ...CBEC_DUTY,
        'CN.vat.reduced_9',
        'CN.ct.none',
        'CN.cbec.tax_factor',
        'CN.positive_list.cap_long_grain_rice',
      ],
    },
    {
      name: 'half-to-even: ¥10.00 + ¥5.00 = ¥15.00 × 9.1% = ¥1.365 → ¥1.36 (not ¥1.37)',
      l: line('a', '1602.50', 1, 1000n, 500n, 'CNY'),
      vat: 136n,
      ct: 0n,
      rules: [...CBEC_DUTY, 'CN.vat.standard_13', 'CN.ct.none', 'CN.cbec.tax_factor', LISTED],
    },
    {
      name: 'high-end cosmetics (3304, ¥280 ≥ ¥15/piece): D ¥300.00; VAT 300×0.13/0.85×0.7 = 32.1176 → 32.12; CT 300×0.15/0.85×0.7 = 37.0588 → 37.06 (23.06%)',
      l: line('a', '3304.99', 1, 28000n, 2000n, 'CNY'),
      vat: 3212n,
      ct: 3706n,
      rules: [...CBEC_DUTY, 'CN.vat.standard_13', 'CN.ct.high_end_cosmetics', 'CN.cbec.tax_factor', LISTED],
    },
    {
      name: 'cosmetics under ¥15/piece: 3 × ¥12.00 + ¥6.00 = ¥42.00, no CT, VAT × 9.1% = 3.822 → 3.82',
      l: line('a', '3304.99', 3, 1200n, 600n, 'CNY'),
      vat: 382n,
      ct: 0n,
      rules: [...CBEC_DUTY, 'CN.vat.standard_13', 'CN.ct.none', 'CN.cbec.tax_factor', LISTED],
    },
    {
      name: 'wine (2204): ¥450 + ¥50 = ¥500; VAT 500×0.13/0.9×0.7 = 50.5556 → 50.56; CT 500×0.1/0.9×0.7 = 38.8889 → 38.89 (17.89%)',
      l: line('a', '2204.21', 1, 45000n, 5000n, 'CNY'),
      vat: 5056n,
      ct: 3889n,
      rules: [...CBEC_DUTY, 'CN.vat.standard_13', 'CN.ct.alcohol_other', 'CN.cbec.tax_factor', LISTED],
    },
  ])('$name', ({ l, vat, ct, rules }) => {
    const r = cn(l);
    expect(r.regime).toBe('CN_CBEC_9610');
    expect(r.lines[0]!.duty.amount).toBe(0n);
    expect(r.lines[0]!.importVat.amount).toBe(vat);
    expect(r.lines[0]!.consumptionTax.amount).toBe(ct);
    expect(r.totals.total.amount).toBe(vat + ct);
    expect(ids(r.lines[0]!.rules)).toEqual(rules);
    expect(ids(r.rules)).toContain('CN.cbec.dutiable_value');
  });

  it('sums several lines exactly: ¥36.76 + ¥17.36 = ¥54.12', () => {
    const r = cn(
      line('a', '1602.50', 1, 34560n, 5840n, 'CNY'),
      weighed(line('b', '1006.30', 2, 12000n, 3550n, 'CNY'), 2000),
    );
    expect(r.dutiableValue.amount).toBe(40400n + 27550n);
    expect(r.totals.importVat.amount).toBe(5412n);
    expect(r.totals.total).toEqual({ amount: 5412n, currency: 'CNY' });
  });

  it('accepts exactly CNY 5,000.00 with two items: 2 × ¥2,400 + ¥200 → VAT ¥455.00', () => {
    const r = cn(line('a', '9503.00', 2, 240000n, 20000n, 'CNY'));
    expect(r.regime).toBe('CN_CBEC_9610');
    expect(r.dutiableValue.amount).toBe(500000n);
    expect(r.totals.importVat.amount).toBe(45500n);
  });

  it('refuses CNY 5,000.01 with two items', () => {
    expect(() => cn(line('a', '9503.00', 2, 240000n, 20001n, 'CNY'))).toThrow(
      expect.objectContaining({
        code: 'compliance.cn_single_limit_exceeded',
        kind: 'unprocessable',
        details: {
          dutiableValue: { amount: 500001, currency: 'CNY' },
          limit: { amount: 500000, currency: 'CNY' },
        },
      }),
    );
    expect(() =>
      cn(line('a', '9503.00', 1, 300000n, 0n, 'CNY'), line('b', '9503.00', 1, 200001n, 0n, 'CNY')),
    ).toThrow(expect.objectContaining({ code: 'compliance.cn_single_limit_exceeded' }));
  });

  it('taxes one indivisible item of ¥6,000 in full: VAT 13% = ¥780.00, no 0.7 factor, duty gap recorded', () => {
    const r = cn(line('a', '9503.00', 1, 590000n, 10000n, 'CNY'));
    expect(r.regime).toBe('CN_CBEC_9610_FULL_RATE');
    expect(r.lines[0]!.importVat.amount).toBe(78000n);
    expect(r.lines[0]!.duty.amount).toBe(0n);
    expect(ids(r.lines[0]!.rules)).toEqual([
      'CN.general.duty_no_mfn_data',
      'CN.vat.standard_13',
      'CN.ct.none',
      'CN.cbec.single_item_over_limit',
      LISTED,
    ]);
  });

  it('taxes a ¥12,000 high-end watch in full: VAT 12000×0.13/0.8 = ¥1,950; CT 12000×0.2/0.8 = ¥3,000 (41.25%)', () => {
    const r = cn(line('a', '9102.11', 1, 1200000n, 0n, 'CNY'));
    expect(r.lines[0]!.importVat.amount).toBe(195000n);
    expect(r.lines[0]!.consumptionTax.amount).toBe(300000n);
  });

  it('leaves services out of the dutiable value and the item count', () => {
    const r = cn(
      line('a', '9503.00', 1, 590000n, 10000n, 'CNY'),
      line('s', '0000', 1, 100000n, 0n, 'CNY', 'service'),
    );
    expect(r.regime).toBe('CN_CBEC_9610_FULL_RATE');
    expect(r.lines[1]!.total.amount).toBe(0n);
    expect(ids(r.lines[1]!.rules)).toEqual(['ALL.service.no_import_tax']);
    expect(r.dutiableValue.amount).toBe(600000n);
    const services = cn(line('s', '', 1, 100000n, 0n, 'CNY', 'service'));
    expect(services.regime).toBe('NO_IMPORT');
    expect(services.totals.total.amount).toBe(0n);
  });

  it('refuses goods it cannot tax, bad input and dates before the rules', () => {
    expect(() => cn(line('a', '2203.00', 1, 1000n, 0n, 'CNY'))).toThrow(
      expect.objectContaining({ code: 'compliance.not_eligible' }),
    );
    expect(() => cn(line('a', '12', 1, 1000n, 0n, 'CNY'))).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_hs_code' }),
    );
    expect(() => cn(line('a', '1602', 0, 1000n, 0n, 'CNY'))).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_line' }),
    );
    expect(() => cn(line('a', '1602', 1, -1n, 0n, 'CNY'))).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_line' }),
    );
    expect(() => cn(line('a', '1602', 1, 1000n, 0n, 'USD'))).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_line' }),
    );
    expect(() => cn(line('a', '1602', 1, 1n, 0n, 'CNY'), line('a', '1602', 1, 1n, 0n, 'CNY'))).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_line' }),
    );
    expect(() => cn()).toThrow(expect.objectContaining({ code: 'compliance.invalid_lines' }));
    expect(() => computeLandedCost(order('CN', 'USD', [line('a', '1602', 1, 1n, 0n, 'USD')]))).toThrow(
      expect.objectContaining({ code: 'compliance.currency_mismatch' }),
    );
    expect(() => computeLandedCost(order('CN', 'CNY', [line('a', '1602', 1, 1n, 0n, 'CNY')], '0'))).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_usd_rate' }),
    );
    expect(() =>
      computeLandedCost(
        order('CN', 'CNY', [line('a', '1602', 1, 1n, 0n, 'CNY')], '7.1', new Date('2018-06-01T00:00:00Z')),
      ),
    ).toThrow(expect.objectContaining({ code: 'compliance.rule_not_in_force' }));
  });

  const withInput = (extra: Partial<LandedCostInput>) => () =>
    computeLandedCost({
      ...order('CN', 'CNY', [line('a', '1602.50', 1, 1000n, 0n, 'CNY')], '7.12'),
      ...extra,
    });

  it('refuses a route the market does not take, for China and elsewhere', () => {
    for (const route of ['STANDARD', 'CN_EXPRESS', 42]) {
      expect(withInput({ route: route as never })).toThrow(
        expect.objectContaining({
          code: 'compliance.invalid_route',
          kind: 'invalid',
          details: expect.objectContaining({ allowed: ['CN_CBEC_9610', 'CN_CBEC_1210', 'CN_POSTAL'] }),
        }),
      );
    }
    expect(() =>
      computeLandedCost({
        ...order('HK', 'HKD', [line('a', '1602.50', 1, 1000n, 0n, 'HKD')]),
        route: 'CN_CBEC_9610',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'compliance.invalid_route',
        details: expect.objectContaining({ allowed: ['STANDARD'] }),
      }),
    );
    expect(withInput({ route: 'CN_POSTAL' })().route).toBe('CN_POSTAL');
    expect(withInput({})().route).toBe('CN_CBEC_9610');
  });

  it('refuses a malformed buyer history or weight with 400s, never a 500', () => {
    const bad: Partial<LandedCostInput>[] = [
      { buyerHistory: null as never },
      { buyerHistory: { cnCbecUsedThisYear: { amount: -1n, currency: 'CNY' } } },
      { buyerHistory: { cnCbecUsedThisYear: { amount: 100n, currency: 'USD' } } },
      { buyerHistory: { cnCbecUsedThisYear: { amount: 100 as never, currency: 'CNY' } } },
      { buyerHistory: { cnCapsUsedThisYear: { 'CN.positive_list.cap_sugar': -1 } } },
      { buyerHistory: { cnCapsUsedThisYear: { 'CN.positive_list.cap_sugar': 1.5 } } },
      { buyerHistory: { cnCapsUsedThisYear: { sugar: 100 } } },
      { buyerHistory: { cnCapsUsedThisYear: [] as never } },
    ];
    for (const extra of bad) {
      expect(
        withInput(extra),
        JSON.stringify(extra, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)),
      ).toThrow(expect.objectContaining({ code: 'compliance.invalid_buyer_history', kind: 'invalid' }));
    }
    for (const weightGrams of [0, -5, 1.5, 1e12]) {
      expect(() => cn({ ...line('a', '1602.50', 1, 1000n, 0n, 'CNY'), weightGrams })).toThrow(
        expect.objectContaining({
          code: 'compliance.invalid_line',
          details: expect.objectContaining({ field: 'weightGrams' }),
        }),
      );
    }
    // A capped good without its weight cannot be checked against the cap.
    expect(() => cn(line('a', '1006.30', 1, 1000n, 0n, 'CNY'))).toThrow(
      expect.objectContaining({ code: 'compliance.weight_required', kind: 'invalid' }),
    );
  });
});
