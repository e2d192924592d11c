import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determineEei, type ExportLine } from './eei.ts';
import { EXPORT_RULES, parseExportRules } from './export-rules.ts';

const AT = new Date('2026-11-24T08:00:00Z');
let n = 0;
const line = (valueUsd: bigint, more: Partial<ExportLine> = {}): ExportLine => ({
  lineNo: ++n,
  description: 'Wisconsin ginseng',
  hsCode: '121120',
  scheduleB: '1211200020',
  eccn: 'EAR99',
  valueUsd,
  ...more,
});
const eei = (destination: string, lines: ExportLine[], at = AT) => determineEei({ destination, lines, at });

describe('US export: is EEI required? (15 CFR 30.37(a), reference §4a)', () => {
  it.each([
    ['exactly $2,500.00 under one Schedule B is exempt', [250_000n], false],
    ['$2,500.01 under one Schedule B needs EEI', [250_001n], true],
    ['$0.01 is exempt', [1n], false],
    [
      'two lines of one Schedule B summed: $1,300.00 + $1,200.00 = $2,500.00, exempt',
      [130_000n, 120_000n],
      false,
    ],
    [
      'two lines of one Schedule B summed: $1,300.00 + $1,200.01 = $2,500.01, EEI',
      [130_000n, 120_001n],
      true,
    ],
  ])('%s', (_name, values, required) => {
    const r = eei(
      'JP',
      values.map((v) => line(v)),
    );
    expect(r.required).toBe(required);
    expect(r.exemption).toBe(required ? null : 'NOEEI 15 CFR 30.37(a)');
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ codeType: 'schedule_b', code: '1211200020' });
    expect(r.groups[0]!.valueUsd).toBe(values.reduce((a, b) => a + b, 0n));
    if (required) {
      expect(r.reasons).toEqual([
        expect.objectContaining({
          code: 'export.value_over_threshold',
          citation: '15 CFR 30.37(a)',
          source: 'U1, U2',
        }),
      ]);
      expect(r.reasons[0]!.message).toContain('$2,500.01 is over $2,500.00');
    }
  });

  it('counts value per Schedule B number, not per shipment: $2,000 + $2,000 under two codes is exempt', () => {
    const r = eei('KR', [line(200_000n), line(200_000n, { scheduleB: '1211200090' })]);
    expect(r.required).toBe(false);
    expect(r.groups.map((g) => [g.code, g.valueUsd])).toEqual([
      ['1211200020', 200_000n],
      ['1211200090', 200_000n],
    ]);
    // Only the code over $2,500 is named.
    const over = eei('KR', [line(300_000n), line(200_000n, { scheduleB: '1211200090' })]);
    expect(over.reasons).toHaveLength(1);
    expect(over.reasons[0]!.message).toContain('Schedule B 1211200020');
  });

  it('falls back to the first 6 HS digits without a Schedule B number, and says so', () => {
    const r = eei('TW', [line(150_000n, { scheduleB: null, hsCode: '1211200000' }), line(150_000n)]);
    // The line without a Schedule B could be under 1211200020: both are counted together at HS 121120.
    expect(r.groups).toEqual([
      {
        codeType: 'hs6',
        code: '121120',
        lineNos: [expect.any(Number), expect.any(Number)],
        valueUsd: 300_000n,
        overThreshold: true,
      },
    ]);
    expect(r.required).toBe(true);
    expect(r.notes.join(' ')).toMatch(/no Schedule B number.*first 6 HS digits/);
    expect(r.reasons[0]!.message).toContain('HS 121120');
    // Another HS subheading is not pulled in.
    const apart = eei('TW', [
      line(150_000n, { scheduleB: null }),
      line(150_000n, { hsCode: '040690', scheduleB: '0406900000' }),
    ]);
    expect(apart.required).toBe(false);
  });

  it('needs EEI for a CCL item to China whatever its value, and asks for a licence check', () => {
    const r = eei('CN', [line(1_000n, { eccn: '5A992.c', description: 'Router' }), line(500n)]);
    expect(r.required).toBe(true);
    expect(r.reasons).toEqual([
      expect.objectContaining({
        code: 'export.ccl_item_to_china',
        source: 'U4, U6',
        ruleId: 'US.eei.ccl_to_china',
      }),
    ]);
    expect(r.reasons[0]!.message).toContain('ECCN 5A992.c');
    expect(r.cclEccns).toEqual(['5A992.c']);
    expect(r.licenceCheck).toBe(true);
    expect(r.exemption).toBeNull();
  });

  it('treats Hong Kong as China from 2020-12-23 (U6)', () => {
    const ccl = [line(1_000n, { eccn: '5A992.c' })];
    expect(eei('HK', ccl, new Date('2020-12-22T12:00:00Z')).required).toBe(false);
    expect(eei('HK', ccl, new Date('2020-12-23T12:00:00Z')).required).toBe(true);
    expect(eei('CN', ccl, new Date('2020-06-28T12:00:00Z')).required).toBe(false);
    expect(eei('CN', ccl, new Date('2020-06-29T12:00:00Z')).required).toBe(true);
  });

  it('keeps the $2,500 test for EAR99 to China, and for CCL items elsewhere notes the licence question', () => {
    expect(eei('CN', [line(100_000n)]).required).toBe(false);
    const jp = eei('JP', [line(1_000n, { eccn: '5A992.c' })]);
    expect(jp.required).toBe(false);
    expect(jp.licenceCheck).toBe(true);
    expect(jp.notes.join(' ')).toContain('15 CFR 30.2(a)(1)(iv)');
  });

  it('for EAR99 lines outside China, EEI is required exactly when some code sums over $2,500', () => {
    const codes = ['1211200020', '1211200090', '0406900000'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ code: fc.constantFrom(...codes), cents: fc.bigInt({ min: 1n, max: 400_000n }) }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (items) => {
          const lines = items.map((i, k) => ({ ...line(i.cents, { scheduleB: i.code }), lineNo: k + 1 }));
          const sums = new Map<string, bigint>();
          for (const i of items) sums.set(i.code, (sums.get(i.code) ?? 0n) + i.cents);
          const r = eei('SG', lines);
          expect(r.required).toBe([...sums.values()].some((v) => v > 250_000n));
          expect(r.groups.reduce((s, g) => s + g.valueUsd, 0n)).toBe(items.reduce((s, i) => s + i.cents, 0n));
        },
      ),
    );
  });
});

describe('export rules data (data/trade-rules/export/eei.json)', () => {
  const valid = () => JSON.parse(JSON.stringify(EXPORT_RULES));

  it('loads with its numbers, citations, sources and dates', () => {
    const threshold = EXPORT_RULES.rules.find((r) => r.id === 'US.eei.value_per_schedule_b')!;
    expect(threshold.numbers.thresholdUsdCents).toBe(250_000);
    expect(threshold.exemptionLegend).toBe('NOEEI 15 CFR 30.37(a)');
    for (const r of EXPORT_RULES.rules) {
      expect(r.source).toMatch(/^U\d/);
      expect(r.effectiveFrom).toMatch(/^(\d{4}-\d{2}-\d{2}|long-standing)$/);
    }
  });

  it('refuses a rule without a source, an undated rule without a note, and a missing rule', () => {
    const noSource = valid();
    delete noSource.rules[0].source;
    expect(() => parseExportRules(noSource)).toThrow(/source/);
    const noNote = valid();
    delete noNote.rules[0].effectiveFromNote;
    expect(() => parseExportRules(noNote)).toThrow(/effectiveFromNote/);
    const badDate = valid();
    badDate.rules[2].effectiveFrom = 'June 2020';
    expect(() => parseExportRules(badDate)).toThrow(/effectiveFrom/);
    const missing = valid();
    missing.rules = missing.rules.filter((r: { id: string }) => r.id !== 'US.dcs');
    expect(() => parseExportRules(missing)).toThrow(/Missing rule US.dcs/);
  });

  it('a different threshold in the data changes the answer (the number is data, not code)', () => {
    const lower = valid();
    lower.rules[0].numbers.thresholdUsdCents = 100_000;
    const rules = parseExportRules(lower);
    expect(determineEei({ destination: 'JP', at: AT, lines: [line(100_001n)] }, rules).required).toBe(true);
    expect(determineEei({ destination: 'JP', at: AT, lines: [line(100_001n)] }).required).toBe(false);
  });
});
