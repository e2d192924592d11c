import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isDomainError } from '../../kernel/errors.ts';
import { money } from '../../money/index.ts';
import {
  annualAllowance,
  cnAllowanceYear,
  cnAnnualLimit,
  cnSingleLimit,
  releaseAnnualAllowance,
  reserveAnnualAllowance,
} from './index.ts';

const cny = (yuan: number) => money(BigInt(yuan) * 100n, 'CNY');

describe('China annual allowance (CNY 26,000, reference §1a)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const reserve = (buyerId: string, yuan: number, reference: string, year = 2026) =>
    inTransaction(db.db, (tx) => reserveAnnualAllowance(tx, { buyerId, year, amount: cny(yuan), reference }));
  const release = (buyerId: string, reference: string, year = 2026) =>
    inTransaction(db.db, (tx) => releaseAnnualAllowance(tx, { buyerId, year, reference }));
  const used = async (buyerId: string, year = 2026) =>
    (await annualAllowance(db.db, buyerId, year)).used.amount;

  it('has the reference limits', () => {
    expect(cnSingleLimit(new Date('2026-06-01'))).toEqual(cny(5000));
    expect(cnAnnualLimit(new Date('2026-06-01'))).toEqual(cny(26000));
  });

  it('starts a buyer with the whole allowance', async () => {
    expect(await annualAllowance(db.db, 'usr_new', 2026)).toEqual({
      limit: cny(26000),
      used: cny(0),
      remaining: cny(26000),
    });
  });

  it('lets exactly 13 of 20 parallel ¥2,000 reservations through', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => reserve('usr_race', 2000, `ord_race_${i}`)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason);
    expect(ok).toHaveLength(13);
    expect(refused).toHaveLength(7);
    for (const e of refused) {
      expect(isDomainError(e) && e.code).toBe('compliance.cn_annual_limit_exceeded');
      expect(e.details).toEqual({
        remaining: { amount: 0, currency: 'CNY' },
        needed: { amount: 200000, currency: 'CNY' },
        limit: { amount: 2600000, currency: 'CNY' },
        year: 2026,
      });
    }
    expect(await annualAllowance(db.db, 'usr_race', 2026)).toEqual({
      limit: cny(26000),
      used: cny(26000),
      remaining: cny(0),
    });
    const { rows } = await db.db.execute<{ n: string }>(
      sql`SELECT count(*)::text AS n FROM cn_allowance_reservations WHERE buyer_id = 'usr_race'`,
    );
    expect(rows[0]!.n).toBe('13');
  });

  it('counts a reference once, even when retried in parallel, and refuses it with another amount', async () => {
    await Promise.all(Array.from({ length: 8 }, () => reserve('usr_idem', 3000, 'ord_idem_1')));
    expect(await used('usr_idem')).toBe(300000n);
    await reserve('usr_idem', 3000, 'ord_idem_1');
    expect(await used('usr_idem')).toBe(300000n);
    await expect(reserve('usr_idem', 3001, 'ord_idem_1')).rejects.toMatchObject({
      code: 'compliance.allowance_reference_reused',
    });
    await expect(reserve('usr_other', 3000, 'ord_idem_1')).rejects.toMatchObject({
      code: 'compliance.allowance_reference_reused',
    });
  });

  it('reports what remains when an order does not fit', async () => {
    await reserve('usr_near', 25000, 'ord_near_1');
    // Worded exactly as the landed cost words it (cn-limits.ts), so checkout and placing agree.
    await expect(reserve('usr_near', 1500, 'ord_near_2')).rejects.toMatchObject({
      code: 'compliance.cn_annual_limit_exceeded',
      kind: 'unprocessable',
      message:
        'This order’s dutiable value is CNY 1,500.00 but only CNY 1,000.00 of your CNY 26,000.00 cross-border allowance for 2026 is left. China requires a purchase past the allowance to be imported as general trade, which Heartland’s consumer checkout does not offer.',
      details: {
        remaining: { amount: 100000, currency: 'CNY' },
        needed: { amount: 150000, currency: 'CNY' },
        limit: { amount: 2600000, currency: 'CNY' },
        year: 2026,
      },
    });
    await reserve('usr_near', 1000, 'ord_near_3');
    expect((await annualAllowance(db.db, 'usr_near', 2026)).remaining).toEqual(cny(0));
    await expect(reserve('usr_big', 26001, 'ord_big')).rejects.toMatchObject({
      code: 'compliance.cn_annual_limit_exceeded',
    });
  });

  it('leaves no trace of a refused reservation even if the caller commits anyway', async () => {
    await reserve('usr_trace', 26000, 'ord_trace_1');
    await inTransaction(db.db, async (tx) => {
      await expect(
        reserveAnnualAllowance(tx, {
          buyerId: 'usr_trace',
          year: 2026,
          amount: cny(1),
          reference: 'ord_trace_2',
        }),
      ).rejects.toMatchObject({ code: 'compliance.cn_annual_limit_exceeded' });
    });
    const { rows } = await db.db.execute(
      sql`SELECT 1 FROM cn_allowance_reservations WHERE reference = 'ord_trace_2'`,
    );
    expect(rows).toHaveLength(0);
  });

  it('restores exactly what a reference reserved, once', async () => {
    await reserve('usr_refund', 4000, 'ord_refund_1');
    await reserve('usr_refund', 1234, 'ord_refund_2');
    await release('usr_refund', 'ord_refund_1');
    expect(await used('usr_refund')).toBe(123400n);
    await release('usr_refund', 'ord_refund_1');
    await Promise.all([release('usr_refund', 'ord_refund_2'), release('usr_refund', 'ord_refund_2')]);
    expect(await used('usr_refund')).toBe(0n);
    await release('usr_refund', 'ord_never_reserved');
    await expect(reserve('usr_refund', 4000, 'ord_refund_1')).rejects.toMatchObject({
      code: 'compliance.allowance_released',
    });
    await expect(release('usr_someone_else', 'ord_refund_1')).rejects.toMatchObject({
      code: 'compliance.allowance_reference_reused',
    });
  });

  it('keeps years apart', async () => {
    await reserve('usr_years', 26000, 'ord_y_2026', 2026);
    await reserve('usr_years', 26000, 'ord_y_2027', 2027);
    expect([await used('usr_years', 2026), await used('usr_years', 2027)]).toEqual([2600000n, 2600000n]);
  });

  it('refuses bad input', async () => {
    await expect(reserve('usr_bad', 0, 'ord_bad')).rejects.toMatchObject({
      code: 'compliance.invalid_amount',
    });
    await expect(
      inTransaction(db.db, (tx) =>
        reserveAnnualAllowance(tx, {
          buyerId: 'usr_bad',
          year: 2026,
          amount: money(100n, 'USD'),
          reference: 'ord_bad',
        }),
      ),
    ).rejects.toMatchObject({ code: 'compliance.invalid_amount' });
    await expect(reserve('usr_bad', 1, 'ord_bad', 2018)).rejects.toMatchObject({
      code: 'compliance.invalid_year',
    });
    await expect(reserve('', 1, 'ord_bad')).rejects.toMatchObject({ code: 'compliance.invalid_buyer' });
    await expect(reserve('usr_bad', 1, '')).rejects.toMatchObject({ code: 'compliance.invalid_reference' });
  });

  it('counts the year in China time (UTC+8)', () => {
    expect(cnAllowanceYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(cnAllowanceYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});
