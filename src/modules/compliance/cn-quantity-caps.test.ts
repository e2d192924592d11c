import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isDomainError } from '../../kernel/errors.ts';
import { cnQuantityCapUsage, quantityCapsUsed, releaseQuantityCaps, reserveQuantityCaps } from './index.ts';

const SUGAR = 'CN.positive_list.cap_sugar'; // 2 kg per person per year
const RICE = 'CN.positive_list.cap_long_grain_rice'; // 20 kg

describe('China Positive List quantity caps in the database (reference §1d)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const reserve = (buyerId: string, grams: Record<string, number>, reference: string, year = 2026) =>
    inTransaction(db.db, (tx) => reserveQuantityCaps(tx, { buyerId, year, reference, grams }));
  const release = (buyerId: string, reference: string, year = 2026) =>
    inTransaction(db.db, (tx) => releaseQuantityCaps(tx, { buyerId, year, reference }));
  const used = (buyerId: string, year = 2026) => quantityCapsUsed(db.db, buyerId, year);

  it('lets exactly 6 of 20 parallel 300 g sugar reservations through (6 × 300 g = 1.8 kg ≤ 2 kg)', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => reserve('usr_race', { [SUGAR]: 300 }, `ord_race_${i}`)),
    );
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
    expect(refused).toHaveLength(14);
    for (const e of refused) {
      expect(isDomainError(e) && e.code).toBe('compliance.cn_quantity_cap_exceeded');
      expect(e.details).toEqual({
        capId: SUGAR,
        year: 2026,
        capKg: '2',
        usedKg: '1.8',
        leftKg: '0.2',
        neededKg: '0.3',
      });
    }
    expect(await used('usr_race')).toEqual({ [SUGAR]: 1800 });
    const { rows } = await db.db.execute<{ n: string }>(
      sql`SELECT count(*)::text AS n FROM cn_quantity_cap_reservations WHERE buyer_id = 'usr_race'`,
    );
    expect(rows[0]!.n).toBe('6');
  });

  it('never oversubscribes two caps under parallel orders holding both', async () => {
    // Each order: 150 g sugar + 1,500 g rice. Sugar allows 13 (1,950 g), rice 13 (19,500 g).
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) =>
        reserve(
          'usr_both',
          i % 2 ? { [RICE]: 1500, [SUGAR]: 150 } : { [SUGAR]: 150, [RICE]: 1500 },
          `ord_both_${i}`,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(13);
    expect(await used('usr_both')).toEqual({ [RICE]: 19500, [SUGAR]: 1950 });
  });

  it('takes all caps or none, and leaves no trace of a refusal even if the caller commits', async () => {
    await reserve('usr_all', { [SUGAR]: 1900 }, 'ord_all_1');
    await inTransaction(db.db, async (tx) => {
      await expect(
        reserveQuantityCaps(tx, {
          buyerId: 'usr_all',
          year: 2026,
          reference: 'ord_all_2',
          grams: { [RICE]: 5000, [SUGAR]: 200 },
        }),
      ).rejects.toMatchObject({
        code: 'compliance.cn_quantity_cap_exceeded',
        details: { capId: SUGAR, usedKg: '1.9', leftKg: '0.1', neededKg: '0.2' },
      });
    });
    expect(await used('usr_all')).toEqual({ [RICE]: 0, [SUGAR]: 1900 });
    const { rows } = await db.db.execute(
      sql`SELECT 1 FROM cn_quantity_cap_reservations WHERE reference = 'ord_all_2'`,
    );
    expect(rows).toHaveLength(0);
    await reserve('usr_all', { [SUGAR]: 100 }, 'ord_all_3'); // exactly 2 kg
    expect((await used('usr_all'))[SUGAR]).toBe(2000);
  });

  it('counts a reference once, even retried in parallel, and refuses it with other grams', async () => {
    await Promise.all(Array.from({ length: 8 }, () => reserve('usr_idem', { [RICE]: 4000 }, 'ord_idem')));
    await reserve('usr_idem', { [RICE]: 4000 }, 'ord_idem');
    expect(await used('usr_idem')).toEqual({ [RICE]: 4000 });
    for (const [buyer, grams] of [
      ['usr_idem', { [RICE]: 4001 }],
      ['usr_idem', { [RICE]: 4000, [SUGAR]: 10 }],
      ['usr_other', { [RICE]: 4000 }],
    ] as const) {
      await expect(reserve(buyer, grams, 'ord_idem')).rejects.toMatchObject({
        code: 'compliance.caps_reference_reused',
        kind: 'conflict',
      });
    }
    expect(await used('usr_idem')).toEqual({ [RICE]: 4000 });
  });

  it('releases exactly what a reference reserved, once', async () => {
    await reserve('usr_rel', { [SUGAR]: 500, [RICE]: 2000 }, 'ord_rel_1');
    await reserve('usr_rel', { [SUGAR]: 250 }, 'ord_rel_2');
    await Promise.all([release('usr_rel', 'ord_rel_1'), release('usr_rel', 'ord_rel_1')]);
    expect(await used('usr_rel')).toEqual({ [RICE]: 0, [SUGAR]: 250 });
    await release('usr_rel', 'ord_rel_1');
    await release('usr_rel', 'ord_never');
    expect(await used('usr_rel')).toEqual({ [RICE]: 0, [SUGAR]: 250 });
    await expect(reserve('usr_rel', { [SUGAR]: 500, [RICE]: 2000 }, 'ord_rel_1')).rejects.toMatchObject({
      code: 'compliance.caps_released',
    });
    await expect(release('usr_someone', 'ord_rel_2')).rejects.toMatchObject({
      code: 'compliance.caps_reference_reused',
    });
  });

  it('keeps years apart and reserves nothing for an order without capped goods', async () => {
    await reserve('usr_years', { [SUGAR]: 2000 }, 'ord_y26', 2026);
    await reserve('usr_years', { [SUGAR]: 2000 }, 'ord_y27', 2027);
    await reserve('usr_years', {}, 'ord_nothing');
    expect([await used('usr_years', 2026), await used('usr_years', 2027)]).toEqual([
      { [SUGAR]: 2000 },
      { [SUGAR]: 2000 },
    ]);
  });

  it('computes what to reserve from an order’s lines', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(
      cnQuantityCapUsage({
        at,
        lines: [
          { lineRef: '1', hsCode: '1701.99', weightGrams: 900 },
          { lineRef: '2', hsCode: '1006.30', weightGrams: 5000 },
          { lineRef: '3', hsCode: '1701.14', weightGrams: 100 },
          { lineRef: '4', hsCode: '1602.50' }, // not capped: no weight needed
        ],
      }),
    ).toEqual({ [SUGAR]: 1000, [RICE]: 5000 });
    expect(() => cnQuantityCapUsage({ at, lines: [{ lineRef: '1', hsCode: '1701.99' }] })).toThrow(
      expect.objectContaining({ code: 'compliance.weight_required' }),
    );
  });

  it('refuses bad input', async () => {
    await expect(reserve('usr_bad', { 'CN.cbec.annual_limit': 1 }, 'ord_bad')).rejects.toMatchObject({
      code: 'compliance.unknown_quantity_cap',
      kind: 'invalid',
    });
    for (const g of [0, -1, 1.5, 1e12]) {
      await expect(reserve('usr_bad', { [SUGAR]: g }, 'ord_bad')).rejects.toMatchObject({
        code: 'compliance.invalid_grams',
      });
    }
    // The 2022 Positive List, whose caps Heartland holds, was not in force in 2021.
    await expect(reserve('usr_bad', { [SUGAR]: 1 }, 'ord_bad', 2021)).rejects.toMatchObject({
      code: 'compliance.rule_not_in_force',
    });
    await expect(reserve('usr_bad', { [SUGAR]: 1 }, 'ord_bad', 1999)).rejects.toMatchObject({
      code: 'compliance.invalid_year',
    });
    await expect(reserve('', { [SUGAR]: 1 }, 'ord_bad')).rejects.toMatchObject({
      code: 'compliance.invalid_buyer',
    });
    await expect(reserve('usr_bad', { [SUGAR]: 1 }, '')).rejects.toMatchObject({
      code: 'compliance.invalid_reference',
    });
    expect(await used('usr_bad')).toEqual({});
  });
});
