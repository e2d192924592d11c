import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../kernel/locales.ts';
import { twHalfYear } from './asia-landed-cost.ts';
import { checkEligibility, computeLandedCost } from './index.ts';
import { allRules } from './rules-data.ts';
import { line, order } from './test-support.ts';
import type { LandedCost } from './types.ts';

const ids = (rules: { ruleId: string }[]) => rules.map((r) => r.ruleId);
const taxes = (r: LandedCost) =>
  r.lines.map((l) => [l.duty.amount, l.importVat.amount, l.consumptionTax.amount]);

describe('Hong Kong (free port, reference §3)', () => {
  it('charges 100% excise only on HS 2208 spirits: HK$600 + HK$80 = HK$680 duty; wine and food 0', () => {
    const r = computeLandedCost(
      order('HK', 'HKD', [
        line('whiskey', '2208.30', 1, 60000n, 8000n, 'HKD'),
        line('wine', '2204.21', 1, 30000n, 4000n, 'HKD'),
        line('jerky', '1602.50', 2, 9900n, 1000n, 'HKD'),
      ]),
    );
    expect(r.regime).toBe('HK_FREE_PORT');
    expect(taxes(r)).toEqual([
      [68000n, 0n, 0n],
      [0n, 0n, 0n],
      [0n, 0n, 0n],
    ]);
    expect(r.lines.map((l) => ids(l.rules))).toEqual([
      ['HK.excise.spirits_over_30'],
      ['HK.excise.wine_beer_zero'],
      ['HK.free_port'],
    ]);
    expect(r.totals.total.amount).toBe(68000n);
  });
});

describe('Taiwan (reference §3)', () => {
  it('exempts a customs value of exactly NT$2,000 (NT$1,800 + NT$200)', () => {
    const r = computeLandedCost(order('TW', 'TWD', [line('a', '6109.10', 1, 180000n, 20000n, 'TWD')]));
    expect(r.regime).toBe('TW_DE_MINIMIS');
    expect(r.totals.total.amount).toBe(0n);
    expect(ids(r.lines[0]!.rules)).toEqual(['TW.de_minimis']);
  });

  it('charges 5% business tax above it: NT$2,000.01 × 5% = 100.0005 → NT$100.00', () => {
    const r = computeLandedCost(order('TW', 'TWD', [line('a', '6109.10', 1, 180001n, 20000n, 'TWD')]));
    expect(r.regime).toBe('TW_BUSINESS_TAX');
    expect(taxes(r)).toEqual([[0n, 10000n, 0n]]);
    expect(ids(r.lines[0]!.rules)).toEqual(['TW.duty.no_tariff_data', 'TW.business_tax']);
  });

  it('taxes each line: (1,500 + 150) × 5% = 82.50; (2 × 700 + 100) × 5% = 75.00; total 157.50', () => {
    const r = computeLandedCost(
      order('TW', 'TWD', [
        line('a', '6109.10', 1, 150000n, 15000n, 'TWD'),
        line('b', '1702.20', 2, 70000n, 10000n, 'TWD'),
      ]),
    );
    expect(r.lines.map((l) => l.importVat.amount)).toEqual([8250n, 7500n]);
    expect(r.totals.importVat.amount).toBe(15750n);
  });
});

describe('Japan (reference §3)', () => {
  it('values at 60% of retail plus freight: ¥15,000 × 0.6 + ¥1,000 = ¥10,000 → exempt', () => {
    const r = computeLandedCost(order('JP', 'JPY', [line('a', '6109.10', 1, 15000n, 1000n, 'JPY')]));
    expect(r.regime).toBe('JP_DE_MINIMIS');
    expect(r.dutiableValue.amount).toBe(10000n);
    expect(r.totals.total.amount).toBe(0n);
    expect(ids(r.rules)).toEqual(['JP.private_use_valuation', 'JP.de_minimis']);
  });

  it('taxes above ¥10,000: ¥15,001 × 0.6 + ¥1,000 = ¥10,000.6 × 10% = 1,000.06 → ¥1,000', () => {
    const r = computeLandedCost(order('JP', 'JPY', [line('a', '6109.10', 1, 15001n, 1000n, 'JPY')]));
    expect(r.regime).toBe('JP_CONSUMPTION_TAX');
    expect(r.lines[0]!.dutiableValue.amount).toBe(10001n);
    expect(taxes(r)).toEqual([[0n, 1000n, 0n]]);
  });

  it('uses 8% for food and 10% otherwise: maple syrup (2 × ¥12,000) × 0.6 + ¥2,000 = 16,400 × 8% = ¥1,312; tee ¥5,000 × 0.6 + ¥500 = 3,500 × 10% = ¥350', () => {
    const r = computeLandedCost(
      order('JP', 'JPY', [
        line('syrup', '1702.20', 2, 12000n, 2000n, 'JPY'),
        line('tee', '6109.10', 1, 5000n, 500n, 'JPY'),
      ]),
    );
    expect(r.lines.map((l) => l.importVat.amount)).toEqual([1312n, 350n]);
    expect(r.lines.map((l) => ids(l.rules))).toEqual([
      ['JP.duty.no_tariff_data', 'JP.ct.reduced_food_8'],
      ['JP.duty.no_tariff_data', 'JP.ct.standard_10'],
    ]);
    expect(r.totals.total.amount).toBe(1662n);
  });

  it('keeps the 60% value exact until the tax: honey ¥23,457 × 0.6 + ¥1,500 = 15,574.2 × 8% = 1,245.936 → ¥1,246', () => {
    const r = computeLandedCost(order('JP', 'JPY', [line('a', '0409.00', 1, 23457n, 1500n, 'JPY')]));
    expect(r.lines[0]!.importVat.amount).toBe(1246n);
    expect(r.lines[0]!.dutiableValue.amount).toBe(15574n);
  });

  it('refuses fresh apples (0808) and spirits', () => {
    for (const hs of ['0808.10', '2208.30']) {
      expect(() => computeLandedCost(order('JP', 'JPY', [line('a', hs, 1, 1000n, 0n, 'JPY')]))).toThrow(
        expect.objectContaining({ code: 'compliance.not_eligible' }),
      );
    }
  });
});

describe('Korea (reference §3), US$1 = ₩1,420: US$200 = ₩284,000, US$150 = ₩213,000', () => {
  it('list-clears non-food goods priced at ₩284,000 (freight not counted)', () => {
    const r = computeLandedCost(order('KR', 'KRW', [line('a', '6109.10', 1, 284000n, 30000n, 'KRW')]));
    expect(r.regime).toBe('KR_LIST_CLEARANCE');
    expect(r.totals.total.amount).toBe(0n);
    expect(ids(r.rules)).toContain('KR.list_clearance.us_200');
  });

  it('charges VAT above it: (₩284,001 + ₩30,000) × 10% = 31,400.1 → ₩31,400', () => {
    const r = computeLandedCost(order('KR', 'KRW', [line('a', '6109.10', 1, 284001n, 30000n, 'KRW')]));
    expect(r.regime).toBe('KR_GENERAL_IMPORT');
    expect(taxes(r)).toEqual([[0n, 31400n, 0n]]);
  });

  it('pulls a parcel with food to US$150: ₩150,000 syrup + ₩70,000 tee = ₩220,000 > ₩213,000; VAT 16,000 + 7,500', () => {
    const r = computeLandedCost(
      order('KR', 'KRW', [
        line('syrup', '1702.20', 1, 150000n, 10000n, 'KRW'),
        line('tee', '6109.10', 1, 70000n, 5000n, 'KRW'),
      ]),
    );
    expect(r.regime).toBe('KR_GENERAL_IMPORT');
    expect(ids(r.rules)).toContain('KR.list_clearance.food_150');
    expect(r.lines.map((l) => l.importVat.amount)).toEqual([16000n, 7500n]);
  });

  it('exempts unprocessed food from VAT: soybeans 0; honey (₩10,000 + ₩1,000) × 10% = ₩1,100', () => {
    const r = computeLandedCost(
      order('KR', 'KRW', [
        line('soy', '1201.90', 1, 250000n, 20000n, 'KRW'),
        line('honey', '0409.00', 1, 10000n, 1000n, 'KRW'),
      ]),
    );
    expect(r.lines.map((l) => l.importVat.amount)).toEqual([0n, 1100n]);
    expect(ids(r.lines[0]!.rules)).toEqual(['KR.duty.no_tariff_data', 'KR.vat.unprocessed_food_exempt']);
  });

  it('compares the USD threshold exactly at a fractional rate: US$200 × 1,420.50 = ₩284,100', () => {
    const at = (price: bigint) =>
      computeLandedCost(order('KR', 'KRW', [line('a', '6109.10', 1, price, 0n, 'KRW')], '1420.50')).regime;
    expect(at(284100n)).toBe('KR_LIST_CLEARANCE');
    expect(at(284101n)).toBe('KR_GENERAL_IMPORT');
  });
});

describe('Singapore (reference §3)', () => {
  it('charges 9% GST on low-value goods: S$400.00 + S$25.00 = 425.00 × 9% = S$38.25', () => {
    const r = computeLandedCost(order('SG', 'SGD', [line('a', '6109.10', 1, 40000n, 2500n, 'SGD')]));
    expect(r.regime).toBe('SG_GST_LVG');
    expect(taxes(r)).toEqual([[0n, 3825n, 0n]]);
    expect(ids(r.lines[0]!.rules)).toEqual(['SG.duty.none', 'SG.gst.lvg']);
  });

  it('collects GST at import above S$400: (400.01 + 25.00) × 9% = 38.2509 → S$38.25', () => {
    const r = computeLandedCost(order('SG', 'SGD', [line('a', '6109.10', 1, 40001n, 2500n, 'SGD')]));
    expect(r.regime).toBe('SG_GST_IMPORT');
    expect(taxes(r)).toEqual([[0n, 3825n, 0n]]);
    expect(ids(r.lines[0]!.rules)).toEqual(['SG.duty.none', 'SG.gst.import']);
  });

  it('rounds once: (S$123.45 + S$6.78) × 9% = 11.7207 → S$11.72', () => {
    const r = computeLandedCost(order('SG', 'SGD', [line('a', '1602.50', 1, 12345n, 678n, 'SGD')]));
    expect(r.totals.importVat.amount).toBe(1172n);
  });
});

describe('refusals, dates and explanations outside China (reference §3, §9)', () => {
  const at = (iso: string) => new Date(iso);

  it('refuses goods whose excise or duty the reference does not give, per market', () => {
    const cases: [Parameters<typeof order>[0], Parameters<typeof order>[1], string, string][] = [
      ['VN', 'VND', '2204.21', 'VN.eligibility.excise_no_data'],
      ['TH', 'THB', '2208.30', 'TH.eligibility.excise_no_data'],
      ['PH', 'PHP', '2402.20', 'PH.eligibility.excise_no_data'],
      ['MY', 'MYR', '8543.40', 'MY.eligibility.excluded_lvg'],
      ['MY', 'MYR', '2203.00', 'MY.eligibility.excluded_lvg'],
      ['ID', 'IDR', '6403.99', 'ID.eligibility.higher_duty_no_data'],
      ['ID', 'IDR', '6109.10', 'ID.eligibility.higher_duty_no_data'],
      ['ID', 'IDR', '4202.21', 'ID.eligibility.higher_duty_no_data'],
      ['ID', 'IDR', '8703.23', 'ID.eligibility.luxury_tax_no_data'],
      ['ID', 'IDR', '2204.21', 'ID.eligibility.excise_no_data'],
    ];
    for (const [market, currency, hs, ruleId] of cases) {
      expect(
        () => computeLandedCost(order(market, currency, [line('a', hs, 1, 100n, 0n, currency)])),
        hs,
      ).toThrow(
        expect.objectContaining({
          code: 'compliance.not_eligible',
          details: expect.objectContaining({ rules: [expect.objectContaining({ ruleId })] }),
        }),
      );
    }
  });

  it('refuses dates before Heartland has a rule: TW before 2017-07-01, MY before 2024, ID before 2022-04-01', () => {
    const cases: [Parameters<typeof order>[0], Parameters<typeof order>[1], string][] = [
      ['TW', 'TWD', '2017-06-30T15:59:59Z'],
      ['MY', 'MYR', '2023-12-31T15:59:59Z'],
      ['ID', 'IDR', '2022-03-31T16:59:59Z'],
      ['PH', 'PHP', '2016-10-24T15:59:59Z'],
    ];
    for (const [market, currency, iso] of cases) {
      const o = order(market, currency, [line('a', '1702.20', 1, 100n, 0n, currency)], '1', at(iso));
      expect(() => computeLandedCost(o), market).toThrow(
        expect.objectContaining({ code: 'compliance.rule_not_in_force', kind: 'unprocessable' }),
      );
    }
  });

  it('refuses a malformed Taiwan import count as bad input', () => {
    for (const n of [-1, 1.5, Number.NaN, 1e9]) {
      const o = {
        ...order('TW', 'TWD', [line('a', '6109.10', 1, 100n, 0n, 'TWD')]),
        buyerHistory: { twImportsThisHalfYear: n },
      };
      expect(() => computeLandedCost(o), String(n)).toThrow(
        expect.objectContaining({ code: 'compliance.invalid_buyer_history', kind: 'invalid' }),
      );
    }
  });

  it('says why a Taiwan result without an import count is provisional', () => {
    const r = computeLandedCost(order('TW', 'TWD', [line('a', '6109.10', 1, 100000n, 0n, 'TWD')]));
    expect(r.provisional).toBe(true);
    expect(r.rules.find((x) => x.ruleId === 'TW.frequent_importer.history_unknown')).toMatchObject({
      verification: 'No',
      provisional: true,
      title: expect.objectContaining({ en: 'Imports this half-year unknown: counted as 0' }),
    });
  });

  it('names the half-year in Taiwan time that the frequent-importer count covers', () => {
    expect(twHalfYear(at('2026-06-30T15:59:59Z'))).toEqual({
      from: at('2025-12-31T16:00:00Z'),
      to: at('2026-06-30T16:00:00Z'),
    });
    expect(twHalfYear(at('2026-06-30T16:00:00Z'))).toEqual({
      from: at('2026-06-30T16:00:00Z'),
      to: at('2026-12-31T16:00:00Z'),
    });
    expect(twHalfYear(at('2026-12-31T16:00:00Z')).from).toEqual(at('2026-12-31T16:00:00Z'));
  });

  it('leaves a service out of the Philippine de minimis and taxes nothing on it', () => {
    const r = computeLandedCost(
      order('PH', 'PHP', [
        line('goods', '1702.20', 1, 1000000n, 0n, 'PHP'),
        line('advice', '9999', 1, 5000000n, 0n, 'PHP', 'service'),
      ]),
    );
    expect(r.regime).toBe('PH_DE_MINIMIS');
    expect(r.totals.total.amount).toBe(0n);
    expect(r.lines[1]!.rules.map((x) => x.ruleId)).toEqual(['ALL.service.no_import_tax']);
  });

  it('gives every rule outside China a one-line title in all five buyer languages', () => {
    const rules = allRules().filter(({ market }) => market !== 'CN' && market !== 'ALL');
    expect(new Set(rules.map((r) => r.market)).size).toBe(10);
    for (const { rule } of rules) {
      for (const l of LOCALES) expect(rule.title?.[l], `${rule.id} ${l}`).toMatch(/^[^\n]{1,160}$/);
    }
    const r = computeLandedCost(
      order('VN', 'VND', [line('a', '1702.20', 1, 500000n, 0n, 'VND')], '1', at('2026-03-01T00:00:00Z')),
    );
    expect(r.lines[0]!.rules.find((x) => x.ruleId === 'VN.vat.standard_10')?.title).toMatchObject({
      en: 'Import VAT 10%',
      ja: '輸入付加価値税10%',
    });
  });
});

describe('properties in the five South-East Asian markets', () => {
  const MARKETS = [
    ['VN', 'VND'],
    ['TH', 'THB'],
    ['MY', 'MYR'],
    ['PH', 'PHP'],
    ['ID', 'IDR'],
  ] as const;
  const HS = ['1702.20', '0409.00', '1602.50', '6109.10', '1201.90', '2204.21', '9503.00', '3304.99'];
  // From Thailand's 2024-07-05 change to past Japan's 2028 one: every rule in these files is in force.
  const day = fc.integer({
    min: Date.parse('2024-07-05T00:00:00Z'),
    max: Date.parse('2029-12-31T00:00:00Z'),
  });

  it('never gives a negative tax, and the totals are the sums of the lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MARKETS),
        fc.array(
          fc.record({
            hs: fc.constantFrom(...HS),
            quantity: fc.integer({ min: 1, max: 5 }),
            unit: fc.bigInt({ min: 0n, max: 5_000_000n }),
            freight: fc.bigInt({ min: 0n, max: 500_000n }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        day,
        fc.constantFrom('1', '16250.50', '4.2', '26350'),
        ([market, currency], raw, ms, usdRate) => {
          const at = new Date(ms);
          const goods = raw.filter(
            (l) => checkEligibility({ market, hsCode: l.hs, productKind: 'goods', at }).eligible,
          );
          fc.pre(goods.length > 0);
          const lines = goods.map((l, i) => line(`l${i}`, l.hs, l.quantity, l.unit, l.freight, currency));
          const r = computeLandedCost(order(market, currency, lines, usdRate, at));
          let total = 0n;
          for (const l of r.lines) {
            for (const m of [l.duty, l.importVat, l.consumptionTax]) expect(m.amount >= 0n).toBe(true);
            expect(l.total.amount).toBe(l.duty.amount + l.importVat.amount + l.consumptionTax.amount);
            total += l.total.amount;
          }
          expect(r.totals.total.amount).toBe(total);
          expect(r.provisional).toBe(r.rules.some((x) => x.provisional));
        },
      ),
      { numRuns: 300 },
    );
  });
});
