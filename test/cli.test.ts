import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.ts';
import { ensureAccounts, postEntry } from '../src/modules/ledger/index.ts';
import { createTestDatabase } from './support/db.ts';

const run = promisify(execFile);

/** `heartland ledger verify` is what an auditor runs: exit 0 when sound, 1 naming what is wrong. */
describe('the heartland command', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const heartland = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, ['bin/heartland.js', ...args], {
        env: { ...process.env, DATABASE_URL: db.url, HEARTLAND_SECRET: 'cli-test' },
      });
      return { code: 0, out: r.stdout + r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout + err.stderr };
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const clock = new ManualClock();
    await ensureAccounts(db.db, [
      { key: 'psp_receivable:CNY', type: 'psp_receivable', currency: 'CNY' },
      { key: 'escrow:ord_cli:CNY', type: 'escrow', currency: 'CNY' },
    ]);
    await postEntry(
      db.db,
      {
        id: 'capture:cli-1',
        kind: 'capture',
        reference: 'ord_cli',
        postings: [
          { account: 'psp_receivable:CNY', direction: 'debit', amount: { amount: 63368n, currency: 'CNY' } },
          { account: 'escrow:ord_cli:CNY', direction: 'credit', amount: { amount: 63368n, currency: 'CNY' } },
        ],
      },
      clock,
    );
  });
  afterAll(() => db.close());

  it('prints the trial balance per currency', async () => {
    const r = await heartland('ledger', 'balances');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CNY\s+633\.68 CNY\s+633\.68 CNY/);
  });

  it('verifies a sound ledger with exit 0, and a tampered one with exit 1 naming the entry', async () => {
    const sound = await heartland('ledger', 'verify');
    expect(sound.code, sound.out).toBe(0);
    await db.pool.query('ALTER TABLE ledger_postings DISABLE TRIGGER USER');
    await db.pool.query(
      `UPDATE ledger_postings SET amount = amount + 1 WHERE entry_id = 'capture:cli-1' AND direction = 'credit'`,
    );
    await db.pool.query('ALTER TABLE ledger_postings ENABLE TRIGGER USER');
    const tampered = await heartland('ledger', 'verify');
    expect(tampered.code, tampered.out).toBe(1);
    expect(tampered.out).toContain('capture:cli-1');
  });

  it('reports migrations as up to date', async () => {
    const r = await heartland('migrate');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('up to date');
  });

  it('prints the impact report, with the jobs ratio and its source', async () => {
    const text = await heartland('impact');
    expect(text.code, text.out).toBe(0);
    expect(text.out).toContain('businesses enabled   0');
    expect(text.out).toContain('4100 per $1 bn, ITA 2022, https://trade.gov/');
    const json = await heartland('impact', '--json');
    expect(json.code, json.out).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      businessesEnabled: 0,
      exports: { amount: 0, currency: 'USD' },
    });
  });
});
