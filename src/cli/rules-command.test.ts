import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { allRules } from '../modules/compliance/rules-data.ts';
import { runRulesList } from './rules-command.ts';

const run = promisify(execFile);

function rulesList(opts: Parameters<typeof runRulesList>[0], now = new Date('2026-12-02T03:00:00Z')) {
  let out = '';
  let err = '';
  const code = runRulesList(opts, {
    out: (s) => {
      out += `${s}\n`;
    },
    err: (s) => {
      err += `${s}\n`;
    },
    now: () => now,
  });
  return { code, out, err };
}

/** The block `rules list` prints for one rule id (text mode). */
const block = (out: string, id: string) => out.split('\n\n').find((b) => b.startsWith(`${id} `) || b === id);

describe('heartland rules list', () => {
  it('prints CN on either side of 2019-01-01: the single limit goes from CNY 2,000 to 5,000', () => {
    const before = rulesList({ market: 'CN', date: '2018-12-31' });
    const after = rulesList({ market: 'CN', date: '2019-01-01' });
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/^Rules in force for CN on 2019-01-01: \d+ rules/);
    const single = block(after.out, 'CN.cbec.single_limit')!;
    expect(single).toContain('limit = 5000.00');
    expect(single).toContain('in force      2019-01-01 onwards');
    expect(single).toContain('verification  Yes');
    expect(single).toMatch(/source {8}C1, C2, C3, C5/);
    expect(single).toMatch(/\n {4}C1 {5}China Law & Practice, .*https:\/\/chinalawandpractice\.com\//);
    const old = allRules().find((r) => r.rule.id === 'CN.cbec.single_limit' && r.rule.effectiveTo);
    if (old) {
      // The CN data holds the 2016 version (CNY 2,000, until 2018-12-31).
      expect(block(before.out, 'CN.cbec.single_limit')).toContain('limit = 2000.00');
      expect(block(before.out, 'CN.cbec.single_limit')).toContain('in force      2016-04-08 to 2018-12-31');
    } else {
      expect(block(before.out, 'CN.cbec.single_limit')).toBeUndefined();
    }
    // Only CN and the every-market rules.
    expect(after.out).toContain('== CN ==');
    expect(after.out).not.toContain('== JP ==');
  });

  it('prints JSON with each rule’s numbers, window, verification and full sources', () => {
    const r = rulesList({ market: 'cn', date: '2019-01-01', json: true });
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.out);
    const single = rules.find((x: { id: string }) => x.id === 'CN.cbec.single_limit');
    expect(single).toMatchObject({
      market: 'CN',
      numbers: { limit: '5000.00' },
      effectiveFrom: '2019-01-01',
      effectiveTo: null,
      verification: 'Yes',
      provisional: false,
      sourceIds: ['C1', 'C2', 'C3', 'C5'],
    });
    expect(single.sources[0]).toMatchObject({ id: 'C1', urls: [expect.stringMatching(/^https:/)] });
    expect(rules.every((x: { market: string }) => x.market === 'CN' || x.market === 'ALL')).toBe(true);
  });

  it('defaults to today and every market', () => {
    const r = rulesList({ json: true });
    const markets = new Set(JSON.parse(r.out).map((x: { market: string }) => x.market));
    for (const m of ['ALL', 'CN', 'HK', 'TW', 'JP', 'KR', 'SG']) expect(markets.has(m), m).toBe(true);
    expect(rulesList({}).out).toMatch(/^Rules in force for every market on today \(2026-12-02 UTC/);
  });

  it('refuses an unknown market or a bad date with a clear message and exit 2', () => {
    const market = rulesList({ market: 'XX' });
    expect(market).toMatchObject({ code: 2, out: '' });
    expect(market.err).toContain('unknown market "XX". Markets: CN, HK, TW, JP, KR, SG');
    for (const date of ['2026-02-30', '2026-1-1', 'tomorrow']) {
      const r = rulesList({ market: 'CN', date });
      expect(r.code, date).toBe(2);
      expect(r.err).toContain(`"${date}" is not a date (YYYY-MM-DD)`);
    }
  });

  it('runs as `heartland rules list` without a database, exiting 2 on bad input', async () => {
    const ok = await run(
      process.execPath,
      ['bin/heartland.js', 'rules', 'list', '--market', 'CN', '--date', '2019-01-01'],
      {
        env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      },
    );
    expect(ok.stdout).toContain('CN.cbec.single_limit  ');
    expect(ok.stdout).toContain('limit = 5000.00');
    const bad = await run(process.execPath, ['bin/heartland.js', 'rules', 'list', '--market', 'ZZ']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('unknown market "ZZ"');
  });
});
