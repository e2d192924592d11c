import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { FxRatesFile, MarketsFile, readDataFile } from './data-files.ts';
import { getMarket, latestRate, listMarkets, loadMarketData, rateById, setRate } from './index.ts';

describe('markets and FX rates', () => {
  let db: Database;
  let ctx: Ctx;
  const clock = new ManualClock('2026-11-24T00:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = { db: db.db, clock };
    await loadMarketData(db.db);
  });
  afterAll(async () => {
    await db.close();
  });

  const count = async (table: 'markets' | 'fx_rates') => {
    const { rows } = await db.db.execute<{ n: string }>(
      sql`SELECT count(*)::text AS n FROM ${sql.raw(table)}`,
    );
    return Number(rows[0]!.n);
  };

  it('loads the eleven markets with currency, locales and confirmation windows', async () => {
    const markets = await listMarkets(db.db);
    expect(markets.map((m) => [m.code, m.currency, m.defaultLocale])).toEqual([
      ['CN', 'CNY', 'zh-Hans'],
      ['HK', 'HKD', 'zh-Hant'],
      ['ID', 'IDR', 'en'],
      ['JP', 'JPY', 'ja'],
      ['KR', 'KRW', 'ko'],
      ['MY', 'MYR', 'en'],
      ['PH', 'PHP', 'en'],
      ['SG', 'SGD', 'en'],
      ['TH', 'THB', 'en'],
      ['TW', 'TWD', 'zh-Hant'],
      ['VN', 'VND', 'en'],
    ]);
    const cn = await getMarket(db.db, 'CN');
    expect(cn.name['zh-Hans']).toBe('中国大陆');
    expect(cn.locales).toContain('zh-Hans');
    expect(cn.confirmationWindowDays).toEqual({ express: 10, surface: 55 });
    // South-East Asian buyers browse in English; surface mail there takes up to 35 days on the card (+10 days).
    const vn = await getMarket(db.db, 'VN');
    expect(vn).toMatchObject({ locales: ['en'], confirmationWindowDays: { express: 10, surface: 45 } });
    expect(vn.name.ja).toBe('ベトナム');
    for (const m of markets)
      expect(Object.keys(m.name).sort()).toEqual(['en', 'ja', 'ko', 'zh-Hans', 'zh-Hant']);
  });

  it('is idempotent: loading twice adds no market and no rate', async () => {
    const before = [await count('markets'), await count('fx_rates')];
    await loadMarketData(db.db);
    expect([await count('markets'), await count('fx_rates')]).toEqual(before);
    expect(before).toEqual([11, 11]);
  });

  it('refuses an unknown market with markets.unknown_market', async () => {
    await expect(getMarket(db.db, 'XX')).rejects.toMatchObject({
      code: 'markets.unknown_market',
      kind: 'not_found',
    });
  });

  it('gives USD→USD as 1 and the seeded rates with their honest source', async () => {
    expect((await latestRate(db.db, 'USD')).rate).toBe('1');
    const cny = await latestRate(db.db, 'CNY');
    expect(cny).toMatchObject({
      base: 'USD',
      quote: 'CNY',
      rate: '7.1200',
      source: 'Heartland demo rates (not market data)',
    });
    expect(await rateById(db.db, cny.id)).toEqual(cny);
    await expect(rateById(db.db, 'fx_nope')).rejects.toMatchObject({ code: 'markets.unknown_rate' });
  });

  it('records a new rate with an audit row, keeps the history, and ignores a back-dated one for "latest"', async () => {
    const old = await latestRate(db.db, 'JPY');
    const set = await setRate(ctx, { quote: 'JPY', rate: '153.25', source: 'Treasury desk' }, 'usr_admin');
    expect(set.asOf.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect((await latestRate(db.db, 'JPY')).id).toBe(set.id);
    const back = await setRate(
      ctx,
      { quote: 'JPY', rate: '150', source: 'correction', asOf: new Date('2026-11-10T00:00:00Z') },
      'usr_admin',
    );
    expect((await latestRate(db.db, 'JPY')).id).toBe(set.id);
    expect((await rateById(db.db, back.id)).rate).toBe('150');
    expect((await rateById(db.db, old.id)).rate).toBe('152.00');
    const { rows } = await db.db.execute<{ actor: string; action: string }>(
      sql`SELECT actor, action FROM audit_log WHERE subject = ${set.id}`,
    );
    expect(rows).toEqual([{ actor: 'usr_admin', action: 'markets.fx_rate_set' }]);
    // The seed is older than the admin's rate, so loading again does not shadow it.
    await loadMarketData(db.db);
    expect((await latestRate(db.db, 'JPY')).id).toBe(set.id);
  });

  it('refuses bad rates, USD as a quote and future dates', async () => {
    for (const rate of ['0', '0.000', '-1', '1.1234567890123', '7,12', '', 'abc']) {
      await expect(setRate(ctx, { quote: 'CNY', rate, source: 's' }, 'usr_a')).rejects.toMatchObject({
        code: 'markets.invalid_rate',
      });
    }
    await expect(setRate(ctx, { quote: 'USD', rate: '1', source: 's' }, 'usr_a')).rejects.toMatchObject({
      code: 'markets.invalid_currency',
    });
    await expect(
      setRate(ctx, { quote: 'CNY', rate: '7', source: 's', asOf: new Date('2026-11-25T00:00:00Z') }, 'usr_a'),
    ).rejects.toMatchObject({ code: 'markets.rate_in_future' });
    expect((await setRate(ctx, { quote: 'CNY', rate: '7.123456789012', source: 's' }, 'usr_a')).rate).toBe(
      '7.123456789012',
    );
  });

  it('keeps the rate history append-only in the database', async () => {
    await expect(db.db.execute(sql`UPDATE fx_rates SET rate = '1'`)).rejects.toThrow();
    await expect(db.db.execute(sql`DELETE FROM fx_rates`)).rejects.toThrow();
  });

  it('validates the data files and refuses a bad one loudly', () => {
    expect(readDataFile('markets.json', MarketsFile).markets).toHaveLength(11);
    expect(readDataFile('fx-rates.json', FxRatesFile).rates.length).toBeGreaterThan(0);
    expect(() => readDataFile('no-such-file.json', MarketsFile)).toThrow(/cannot be read/);
    const good = readDataFile('markets.json', MarketsFile);
    const dup = { ...good, markets: [...good.markets.slice(1), good.markets[1]] };
    expect(MarketsFile.safeParse(dup).success).toBe(false);
    const badLocale = {
      ...good,
      markets: good.markets.map((m, i) => (i === 0 ? { ...m, defaultLocale: 'ja' } : m)),
    };
    expect(MarketsFile.safeParse(badLocale).success).toBe(false);
    expect(
      FxRatesFile.safeParse({
        about: '',
        rates: [{ quote: 'CNY', rate: '0', source: 's', asOf: '2026-11-01T00:00:00Z' }],
      }).success,
    ).toBe(false);
  });
});
