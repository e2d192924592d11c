import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../bench/lib.ts';
import { seedBench } from '../bench/seed.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/kernel/clock.ts';
import type { SellerId } from '../src/kernel/ids.ts';
import { setStock } from '../src/modules/catalog/index.ts';
import { placeBody } from './support/addresses.ts';
import { createTestDatabase } from './support/db.ts';

/**
 * Medusa, run as two processes, oversold 17 units of a stock of 10. Heartland's limits live in
 * the database, so two real `heartland serve` processes on one database sell exactly 10.
 */
describe('two server processes, one database, 10 in stock', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let servers: Awaited<ReturnType<typeof startServer>>[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await db.close();
  });

  it('sells exactly 10 across both processes', async () => {
    const secret = 'multi-process-test';
    const config = loadConfig({ HEARTLAND_SECRET: secret, HEARTLAND_DATA: '/tmp/heartland-multi' });
    const data = await seedBench(db.db, config, {
      sellers: 1,
      productsPerSeller: 1,
      buyers: 40,
      quiet: true,
    });
    const variant = data.variants[0]!;
    await setStock({ db: db.db, clock: systemClock }, variant.sellerId as SellerId, variant.variantId, 10);
    servers = await Promise.all(
      [0, 1].map(() =>
        startServer({ DATABASE_URL: db.url, HEARTLAND_SECRET: secret, HEARTLAND_DB_POOL: '20' }),
      ),
    );
    const results = await Promise.all(
      data.buyers.map(async (buyer, i) => {
        const base = servers[i % 2]!.url;
        const headers = { authorization: `Bearer ${buyer.token}`, 'content-type': 'application/json' };
        const q = await fetch(`${base}/api/v1/checkout/quotes`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ market: 'CN', lines: [{ variantId: variant.variantId, quantity: 1 }] }),
        });
        const quote = (await q.json()) as { id: string };
        const p = await fetch(`${base}/api/v1/checkout/quotes/${quote.id}/place`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': `multi-${i}-place` },
          body: JSON.stringify(placeBody('CN')),
        });
        return p.status;
      }),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(10);
    expect(results.filter((s) => s === 409)).toHaveLength(30);
    const { rows } = await db.pool.query('SELECT stock FROM variants WHERE id = $1', [variant.variantId]);
    expect(rows[0].stock).toBe(0);
    const orders = await db.pool.query('SELECT count(*)::int AS n FROM orders');
    expect(orders.rows[0].n).toBe(10);
  }, 120_000);
});
