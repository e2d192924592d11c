import { describe, expect, it } from 'vitest';
import { AT, cny, ln, TABLE, weighed } from './cn-cases.test-support.ts';
import { checkCnCbecLimits } from './cn-limits.ts';
import { chooseCnRoute, cnQuotaRestoredOnRefund, computeLandedCost } from './index.ts';
import { rule } from './rules-data.ts';
import type { BuyerHistory, ClearanceRoute, LandedCostLine } from './types.ts';

/** China, worked by hand: the table's rows and working are in cn-cases.test-support.ts. */

function cn(
  lines: LandedCostLine[],
  opts: { route?: ClearanceRoute; at?: Date; history?: BuyerHistory } = {},
) {
  return computeLandedCost({
    market: 'CN',
    currency: 'CNY',
    usdRate: '7.12',
    lines,
    at: opts.at ?? AT,
    ...(opts.route ? { route: opts.route } : {}),
    ...(opts.history ? { buyerHistory: opts.history } : {}),
  });
}
const ids = (rules: { ruleId: string }[]) => rules.map((r) => r.ruleId);

describe('China landed cost, worked by hand (reference §1, §2)', () => {
  it.each(TABLE)('$name', (row) => {
    const r = cn(row.lines, {
      ...(row.route ? { route: row.route } : {}),
      ...(row.at ? { at: row.at } : {}),
      ...(row.history ? { history: row.history } : {}),
    });
    expect(r.regime).toBe(row.regime);
    expect(r.totals.duty).toEqual(cny(row.duty));
    expect(r.totals.importVat).toEqual(cny(row.vat));
    expect(r.totals.consumptionTax).toEqual(cny(row.ct));
    expect(r.totals.total).toEqual(cny(row.duty + row.vat + row.ct));
    // Every China figure rests on an unverified row (CBEC dutiable value; postal dutiable price).
    expect(r.provisional).toBe(true);
    const all = [...ids(r.rules), ...r.lines.flatMap((l) => ids(l.rules))];
    for (const id of row.rules ?? []) expect(all).toContain(id);
  });

  it('has at least 20 hand-worked rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses ¥5,000.01 with two items, naming the limit', () => {
    // 2 × 2,400.00 + 200.01 = 5,000.01 > 5,000.00 and not one indivisible item.
    expect(() => cn([ln('a', '9503.00', 2, 240000n, 20001n)])).toThrow(
      expect.objectContaining({
        code: 'compliance.cn_single_limit_exceeded',
        details: {
          dutiableValue: { amount: 500001, currency: 'CNY' },
          limit: { amount: 500000, currency: 'CNY' },
        },
      }),
    );
  });

  it('refuses one fen past the annual limit and says how much is left, in words', () => {
    // 21,000.01 used: 26,000.00 − 21,000.01 = 4,999.99 left < 5,000.00 needed.
    expect(() =>
      cn([ln('a', '9503.00', 2, 240000n, 20000n)], { history: { cnCbecUsedThisYear: cny(2100001n) } }),
    ).toThrow(
      expect.objectContaining({
        code: 'compliance.cn_annual_limit_exceeded',
        kind: 'unprocessable',
        message:
          'This order’s dutiable value is CNY 5,000.00 but only CNY 4,999.99 of your CNY 26,000.00 cross-border allowance for 2026 is left. China requires a purchase past the allowance to be imported as general trade, which Heartland’s consumer checkout does not offer.',
        details: {
          remaining: { amount: 499999, currency: 'CNY' },
          needed: { amount: 500000, currency: 'CNY' },
          limit: { amount: 2600000, currency: 'CNY' },
          year: 2026,
        },
      }),
    );
    // The full-rate watch counts too: 14,000.01 used leaves 11,999.99 < 12,000.00.
    expect(() =>
      cn([ln('a', '9102.11', 1, 1200000n)], { history: { cnCbecUsedThisYear: cny(1400001n) } }),
    ).toThrow(expect.objectContaining({ code: 'compliance.cn_annual_limit_exceeded' }));
    // A single item above the whole allowance can never go by CBEC.
    expect(() => cn([ln('a', '9503.00', 1, 2600001n)])).toThrow(
      expect.objectContaining({ message: expect.stringContaining('more than your whole CNY 26,000.00') }),
    );
  });

  it('refuses a 1210-only good on 9610, and a good off the Positive List on both CBEC routes', () => {
    expect(() => cn([ln('a', '0306.17', 1, 30000n)])).toThrow(
      expect.objectContaining({ code: 'compliance.positive_list_route_restricted', kind: 'unprocessable' }),
    );
    for (const route of ['CN_CBEC_9610', 'CN_CBEC_1210'] as const) {
      expect(() => cn([ln('a', '2501.00', 1, 3000n)], { route })).toThrow(
        expect.objectContaining({
          code: 'compliance.not_on_positive_list',
          message: expect.stringContaining('It may still be sent as a personal postal article.'),
        }),
      );
    }
  });

  it('refuses sugar past the 2 kg cap, in kilograms', () => {
    // 1,500 g used + 600 g = 2,100 g > 2,000 g: 0.5 kg left, 0.6 kg needed.
    expect(() =>
      cn([weighed(ln('a', '1701.99', 1, 4000n), 600)], {
        history: { cnCapsUsedThisYear: { 'CN.positive_list.cap_sugar': 1500 } },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'compliance.cn_quantity_cap_exceeded',
        details: {
          capId: 'CN.positive_list.cap_sugar',
          year: 2026,
          capKg: '2',
          usedKg: '1.5',
          leftKg: '0.5',
          neededKg: '0.6',
        },
      }),
    );
    // Two rice lines add up: 12 kg + 9 kg = 21 kg > 20 kg, though each alone fits.
    expect(() =>
      cn([weighed(ln('a', '1006.30', 12, 1000n), 12000), weighed(ln('b', '1006.40', 9, 1000n), 9000)]),
    ).toThrow(expect.objectContaining({ code: 'compliance.cn_quantity_cap_exceeded' }));
    // The post has no Positive List caps.
    expect(cn([weighed(ln('a', '1701.99', 1, 4000n), 5000)], { route: 'CN_POSTAL' }).regime).toBe(
      'CN_POSTAL_WAIVED',
    );
  });

  it('refuses a postal parcel of ¥1,000.01 holding two items, saying why', () => {
    // 500.00 + 500.01 = 1,000.01 > 1,000.00, two lines.
    expect(() =>
      cn([ln('a', '6109.10', 1, 50000n), ln('b', '6109.10', 1, 50001n)], { route: 'CN_POSTAL' }),
    ).toThrow(
      expect.objectContaining({
        code: 'compliance.cn_postal_parcel_limit_exceeded',
        message: expect.stringContaining('above the CNY 1,000.00 China allows in one personal postal parcel'),
        details: { value: { amount: 100001, currency: 'CNY' }, limit: { amount: 100000, currency: 'CNY' } },
      }),
    );
    // One line of two units is two items too.
    expect(() => cn([ln('a', '6109.10', 2, 50001n)], { route: 'CN_POSTAL' })).toThrow(
      expect.objectContaining({ code: 'compliance.cn_postal_parcel_limit_exceeded' }),
    );
  });

  it('uses the 2016 limits up to 2018-12-31 and the 2019 ones from 2019-01-01, in Beijing time', () => {
    // D ¥3,000.00 in two items: above ¥2,000 (refused) but within ¥5,000.
    const twoItems = { dutiableValue: cny(300000n), items: 2 };
    const lastOld = new Date('2018-12-31T15:59:59Z'); // 23:59:59 on 2018-12-31 in Beijing
    const firstNew = new Date('2018-12-31T16:00:00Z'); // 00:00 on 2019-01-01 in Beijing
    expect(() => checkCnCbecLimits({ ...twoItems, at: lastOld })).toThrow(
      expect.objectContaining({
        code: 'compliance.cn_single_limit_exceeded',
        details: expect.objectContaining({ limit: { amount: 200000, currency: 'CNY' } }),
      }),
    );
    expect(checkCnCbecLimits({ ...twoItems, at: firstNew }).fullRate).toBe(false);
    // Annual: 19,000.00 used + 1,500.00 passes 20,000 on the last old day, not 26,000 on the first new one.
    const annual = { dutiableValue: cny(150000n), items: 1, usedThisYear: cny(1900000n) };
    expect(() => checkCnCbecLimits({ ...annual, at: lastOld })).toThrow(
      expect.objectContaining({
        code: 'compliance.cn_annual_limit_exceeded',
        details: expect.objectContaining({
          remaining: { amount: 100000, currency: 'CNY' },
          limit: { amount: 2000000, currency: 'CNY' },
          year: 2018,
        }),
      }),
    );
    expect(ids(checkCnCbecLimits({ ...annual, at: firstNew }).rules.map((r) => ({ ruleId: r.id })))).toEqual([
      'CN.cbec.single_limit',
      'CN.cbec.annual_limit',
    ]);
    // A whole CBEC order that early cannot be computed: the 16% VAT has no start date in the
    // reference and Heartland's Positive List rows date from 2022, so it refuses to guess.
    expect(() => cn([ln('a', '1602.50', 1, 10000n)], { at: firstNew })).toThrow(
      expect.objectContaining({ code: 'compliance.rule_not_in_force' }),
    );
  });

  it('dates VAT: nothing before 2019-04-01 (undated 16%), 13% from then, the VAT Law’s 13% from 2026', () => {
    expect(() => rule('CN.vat.standard_13', new Date('2019-03-31T04:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'compliance.rule_not_in_force' }),
    );
    expect(rule('CN.vat.standard_13', new Date('2019-04-01T04:00:00Z')).numbers.rate).toBe('0.13');
    // 2025-12-31 vs 2026-01-01: the same jerky, the same 36.76, resting on different sources.
    const jerky = [ln('a', '1602.50', 1, 34560n, 5840n)];
    const before = cn(jerky, { at: new Date('2025-12-31T04:00:00Z') });
    const after = cn(jerky, { at: new Date('2026-01-01T04:00:00Z') });
    const vatOf = (r: typeof before) => r.lines[0]!.rules.find((x) => x.ruleId === 'CN.vat.standard_13')!;
    expect([before.totals.importVat.amount, after.totals.importVat.amount]).toEqual([3676n, 3676n]);
    expect([vatOf(before).source, vatOf(after).source]).toEqual(['V1, V2', 'V4, V5']);
    expect([vatOf(before).effectiveTo, vatOf(after).effectiveFrom]).toEqual(['2026-01-01', '2026-01-01']);
  });

  it('names the open question of the US additional tariff from 2025-11-10 (Beijing), and charges nothing for it', () => {
    const jerky = [ln('a', '1602.50', 1, 34560n, 5840n)];
    const before = cn(jerky, { at: new Date('2025-11-09T15:59:59Z') });
    const after = cn(jerky, { at: new Date('2025-11-09T16:00:00Z') });
    expect(ids(before.lines[0]!.rules)).not.toContain('CN.cbec.us_additional_tariff_open');
    expect(ids(after.lines[0]!.rules)).toContain('CN.cbec.us_additional_tariff_open');
    expect([before.totals.duty.amount, after.totals.duty.amount]).toEqual([0n, 0n]);
  });
});

describe('China route choice and returns', () => {
  it('chooses 1210 for bonded stock, postal articles for mail, 9610 otherwise, with the rule', () => {
    const at = AT;
    expect(chooseCnRoute({ shippingMethod: 'express', fulfilledFrom: 'US', at })).toMatchObject({
      route: 'CN_CBEC_9610',
      rule: { ruleId: 'CN.route.cbec_9610', source: 'C11' },
    });
    expect(chooseCnRoute({ shippingMethod: 'surface', fulfilledFrom: 'US', at }).route).toBe('CN_CBEC_9610');
    expect(chooseCnRoute({ shippingMethod: 'postal', fulfilledFrom: 'US', at })).toMatchObject({
      route: 'CN_POSTAL',
      rule: { ruleId: 'CN.route.postal_articles', provisional: true },
    });
    for (const shippingMethod of ['express', 'surface', 'postal'] as const) {
      expect(chooseCnRoute({ shippingMethod, fulfilledFrom: 'CN_BONDED', at }).route).toBe('CN_CBEC_1210');
    }
    expect(() => chooseCnRoute({ shippingMethod: 'air' as never, fulfilledFrom: 'US', at })).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_shipping_method', kind: 'invalid' }),
    );
    expect(() => chooseCnRoute({ shippingMethod: 'express', fulfilledFrom: 'HK' as never, at })).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_fulfilment' }),
    );
  });

  it('restores the quota for an order never shipped, or refunded within 30 days of shipping', () => {
    const shippedAt = new Date('2026-03-01T00:00:00Z');
    const day = 86_400_000;
    const restore = (shipped: Date | null, refundedAt: Date) =>
      cnQuotaRestoredOnRefund({ shippedAt: shipped, refundedAt });
    expect(restore(null, new Date('2026-12-31T00:00:00Z'))).toMatchObject({
      restored: true,
      provisional: true,
      rule: { ruleId: 'CN.cbec.return_restores_quota', source: 'C8 (GACC Announcement 2018 No. 194)' },
    });
    expect(restore(shippedAt, new Date(shippedAt.getTime() + 30 * day)).restored).toBe(true);
    expect(restore(shippedAt, new Date(shippedAt.getTime() + 30 * day + 1)).restored).toBe(false);
    expect(restore(shippedAt, new Date(shippedAt.getTime() + 30 * day + 1)).reason).toContain('stays used');
    expect(() => restore(new Date('x'), shippedAt)).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_date' }),
    );
  });
});
