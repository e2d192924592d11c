import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { type App, createApp } from '../../http/app.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { complianceRoutes } from './index.ts';
import {
  allSources,
  describeRule,
  listRulesInForce,
  loadSources,
  SOURCES_FILE,
  sourceIdsOf,
  sourceProblems,
} from './rule-catalog.ts';
import { allRules, type Rule } from './rules-data.ts';

const REFERENCE = new URL('../../../../shared/reference/trade-rules.md', import.meta.url);
const fileJson = () => JSON.parse(readFileSync(SOURCES_FILE, 'utf8'));
const rule = (id: string, source: string): Rule => ({
  id,
  description: 'A test rule.',
  numbers: {},
  source,
  effectiveFrom: '2020-01-01',
  verification: 'Yes',
});

describe('sources (data/trade-rules/sources/sources.json)', () => {
  it('reads the ids a rule cites out of its free-text source', () => {
    expect(sourceIdsOf('C1, C2, C3, C5')).toEqual(['C1', 'C2', 'C3', 'C5']);
    expect(sourceIdsOf('A-KR1 (KORUS, Partial); gap')).toEqual(['A-KR1']);
    expect(sourceIdsOf('U12 (reference §4b: KR values on CIF); A-KR4, U12')).toEqual(['U12', 'A-KR4']);
    expect(sourceIdsOf('P1, P4, P5, P6 (GACC 2010 No. 43)')).toEqual(['P1', 'P4', 'P5', 'P6']);
    expect(sourceIdsOf('Cai Guan Shui [2016] No. 18 (recalled; not in a retrieved text)')).toEqual([]);
    expect(sourceIdsOf('Reference §3 (gap)')).toEqual([]);
  });

  it('lists every source id the rules cite, so the catalogue loads', () => {
    expect(
      sourceProblems(
        allSources(),
        allRules().map((r) => r.rule),
      ),
    ).toEqual([]);
    const cited = new Set(allRules().flatMap((r) => sourceIdsOf(r.rule.source)));
    expect(cited.size).toBeGreaterThan(40);
    for (const id of cited) expect(allSources().some((s) => s.id === id)).toBe(true);
  });

  it('fails loudly at load when a rule cites a source that is not listed, or the file is malformed', () => {
    const rules = [...allRules().map((r) => r.rule), rule('CN.test.bad', 'C1, C99')];
    expect(() => loadSources(fileJson(), rules)).toThrow(
      /rule CN\.test\.bad \(from 2020-01-01\) cites unknown source C99/,
    );
    const dup = fileJson();
    dup.sources.push(dup.sources[0]);
    expect(() => loadSources(dup, [])).toThrow(/source C1 is listed twice/);
    const bad = fileJson();
    bad.sources[0].urls = ['ftp://example.com/x'];
    expect(() => loadSources(bad, [])).toThrow(/is invalid/);
    expect(() => loadSources({ sources: [] }, [])).toThrow(/is invalid/);
  });

  it.skipIf(!existsSync(REFERENCE))('copies the reference §10 faithfully: ids, entries and URLs', () => {
    const md = readFileSync(REFERENCE, 'utf8');
    const section = md.slice(md.indexOf('## 10. Sources'));
    const rows = [...section.matchAll(/^\| ((?:A-[A-Z]{2}|[A-Z])\d+) \| (.+) \|$/gm)].map((m) => ({
      id: m[1]!,
      text: m[2]!.trim(),
    }));
    expect(rows.length).toBe(allSources().length);
    for (const row of rows) {
      const s = allSources().find((x) => x.id === row.id);
      expect(s, row.id).toBeDefined();
      expect(s!.text).toBe(row.text);
      for (const url of s!.urls) expect(row.text).toContain(url);
    }
  });
});

describe('describeRule and listRulesInForce', () => {
  it('describes the version in force, with its full sources', () => {
    const d = describeRule('CN.cbec.single_limit', new Date('2026-12-02T04:00:00Z'));
    expect(d).toMatchObject({
      ruleId: 'CN.cbec.single_limit',
      scope: 'CN',
      numbers: { limit: '5000.00' },
      effectiveFrom: '2019-01-01',
      verification: 'Yes',
      provisional: false,
      role: 'limit',
      sourceIds: ['C1', 'C2', 'C3', 'C5'],
      notInForce: false,
    });
    expect(d.sources.map((s) => s.id)).toEqual(['C1', 'C2', 'C3', 'C5']);
    expect(d.sources[0]!.urls[0]).toMatch(/^https:\/\/chinalawandpractice\.com\//);
  });

  it('reads the date in the market’s own calendar', () => {
    // 2018-12-31T16:00Z is already 2019-01-01 in Beijing.
    expect(describeRule('CN.cbec.single_limit', new Date('2018-12-31T15:59:59Z')).effectiveFrom).not.toBe(
      '2019-01-01',
    );
    expect(describeRule('CN.cbec.single_limit', new Date('2018-12-31T16:00:00Z')).effectiveFrom).toBe(
      '2019-01-01',
    );
  });

  it('pins the version a quote recorded, and falls back to the latest (flagged) when none is in force', () => {
    const v = describeRule('CN.vat.standard_13', new Date('2015-01-01T00:00:00Z'));
    expect(v.notInForce).toBe(true);
    expect(v.effectiveFrom).toBe(
      allRules()
        .filter((r) => r.rule.id === 'CN.vat.standard_13')
        .map((r) => r.rule.effectiveFrom)
        .sort()
        .at(-1),
    );
    const first = allRules().find((r) => r.rule.id === 'CN.vat.standard_13')!.rule;
    const pinned = describeRule('CN.vat.standard_13', new Date('2015-01-01T00:00:00Z'), first.effectiveFrom);
    expect(pinned.effectiveFrom).toBe(first.effectiveFrom);
    expect(() => describeRule('CN.no.such_rule', new Date())).toThrow(
      expect.objectContaining({ code: 'compliance.unknown_rule', kind: 'not_found' }),
    );
  });

  it('lists the rules in force for a market on a day: CN 2,000 before 2019, 5,000 from 2019-01-01', () => {
    const limit = (day: string) =>
      listRulesInForce('CN', day).find((r) => r.ruleId === 'CN.cbec.single_limit')?.numbers.limit;
    const versions = allRules().filter((r) => r.rule.id === 'CN.cbec.single_limit');
    expect(limit('2019-01-01')).toBe('5000.00');
    // Until the CN data held the 2016 version, 2018-12-31 listed no single limit at all.
    expect(limit('2018-12-31')).toBe(versions.length > 1 ? '2000.00' : undefined);
    const onDay = listRulesInForce('CN', '2026-12-02');
    expect(onDay.every((r) => r.scope === 'CN' || r.scope === 'ALL')).toBe(true);
    expect(new Set(onDay.map((r) => r.ruleId)).size).toBe(onDay.length);
    const everywhere = listRulesInForce(null, '2026-12-02');
    const scopes = new Set(everywhere.map((r) => r.scope));
    for (const m of ['ALL', 'CN', 'HK', 'TW', 'JP', 'KR', 'SG']) expect(scopes.has(m), m).toBe(true);
    expect(everywhere.length).toBeGreaterThan(onDay.length);
  });

  it('refuses an unknown market or a date that does not exist', () => {
    expect(() => listRulesInForce('XX' as never, '2026-12-02')).toThrow(
      expect.objectContaining({ code: 'compliance.unknown_market', kind: 'invalid' }),
    );
    for (const bad of ['2026-02-30', '2026-13-01', '26-12-02', 'today', '2026-12-2']) {
      expect(() => listRulesInForce('CN', bad), bad).toThrow(
        expect.objectContaining({ code: 'compliance.invalid_date', kind: 'invalid' }),
      );
    }
  });
});

describe('GET /compliance/rules?market=&date=', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp({
      pool: db.pool,
      routes: [complianceRoutes({ db: db.db, clock: new ManualClock('2026-12-01T17:00:00Z') })],
      authenticate: async () => null,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const get = (q: string) => app.inject({ method: 'GET', url: `/api/v1/compliance/rules${q}` });

  it('without parameters lists every version of every rule, as before', async () => {
    const r = await get('');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.inForce).toBeUndefined();
    expect(body.rules.length).toBe(allRules().length);
    expect(body.tables.length).toBeGreaterThan(5);
    const single = body.rules.filter((x: { id: string }) => x.id === 'CN.cbec.single_limit');
    expect(single.map((x: { numbers: { limit: string } }) => x.numbers.limit)).toContain('5000.00');
  });

  it('with market and date lists the rules in force that day, their tables and cited sources', async () => {
    const r = await get('?market=CN&date=2019-01-01');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.inForce).toEqual({ market: 'CN', date: '2019-01-01' });
    expect(body.rules.every((x: { market: string }) => x.market === 'CN' || x.market === 'ALL')).toBe(true);
    const single = body.rules.filter((x: { id: string }) => x.id === 'CN.cbec.single_limit');
    expect(single).toHaveLength(1);
    expect(single[0]).toMatchObject({ numbers: { limit: '5000.00' }, sourceIds: ['C1', 'C2', 'C3', 'C5'] });
    expect(body.tables.every((t: { market: string }) => t.market === 'CN' || t.market === 'ALL')).toBe(true);
    const cited = new Set(body.rules.flatMap((x: { sourceIds: string[] }) => x.sourceIds));
    expect(new Set(body.sources.map((s: { id: string }) => s.id))).toEqual(cited);
    // Market alone: today in the market's calendar (the clock says 2026-12-02 in Beijing).
    const today = (await get('?market=CN')).json();
    expect(today.inForce).toEqual({ market: 'CN', date: null });
    expect(today.rules.map((x: { id: string }) => x.id)).toEqual(
      listRulesInForce('CN', '2026-12-02').map((x) => x.ruleId),
    );
  });

  it('answers 400 problem+json for an unknown market, a bad date or an unknown parameter', async () => {
    for (const q of ['?market=XX', '?date=2026-02-30', '?date=yesterday', '?market=CN&x=1', '?market=cn']) {
      const r = await get(q);
      expect(r.statusCode, q).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });
});
