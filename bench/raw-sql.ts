import pg from 'pg';
import { withDatabase } from '../src/db/database.ts';
import { summarize } from './lib.ts';

/** A delivery address like the one checkout stores with each order (jsonb), so the rows weigh the same. */
const ADDRESS = JSON.stringify({
  recipientName: '李伟',
  phone: '+86 138 0013 8000',
  lines: ['浦东新区世纪大道100号', '15楼'],
  city: '上海市',
  region: '上海市',
  postalCode: '200120',
  country: 'CN',
});

/**
 * The database's own limit: the bare writes of one checkout (stock, order, payment, journal
 * entry, postings, balances) as raw SQL in one transaction, with no HTTP, no validation and no
 * application code, at the same concurrency. Heartland's HTTP figure is read against this.
 */
export async function rawCheckoutBaseline(
  adminUrl: string,
  opts: { clients: number; seconds: number; oneRoundTrip?: boolean },
) {
  const name = `bench_raw_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, name), max: opts.clients });
  await pool.query(`
    CREATE TABLE stock (variant_id int PRIMARY KEY, stock int NOT NULL CHECK (stock >= 0));
    CREATE TABLE orders (id bigserial PRIMARY KEY, buyer int, seller int, total bigint, address jsonb, created_at timestamptz DEFAULT now());
    CREATE TABLE order_lines (order_id bigint, variant_id int, qty int, price bigint);
    CREATE TABLE payments (id bigserial PRIMARY KEY, order_id bigint, amount bigint, status text);
    CREATE TABLE entries (id bigserial PRIMARY KEY, ref text, created_at timestamptz DEFAULT now());
    CREATE TABLE postings (entry_id bigint, account text, amount bigint);
    CREATE TABLE balances (account text, shard int, debits bigint NOT NULL DEFAULT 0, credits bigint NOT NULL DEFAULT 0, PRIMARY KEY (account, shard));
    INSERT INTO stock SELECT g, 100000000 FROM generate_series(1, 40) g;
    INSERT INTO balances (account, shard) SELECT 'psp', g FROM generate_series(0, 15) g;
  `);
  const latencies: number[] = [];
  let stop = false;
  const worker = async (c: number) => {
    const client = await pool.connect();
    let n = 0;
    try {
      while (!stop) {
        const v = ((c * 7 + n++) % 40) + 1;
        const t0 = performance.now();
        if (opts.oneRoundTrip) {
          // The same writes sent as one multi-statement string: the database's limit without
          // per-statement round trips (values are the bench's own integers, not user input).
          const o = c * 1_000_000_000 + n;
          await client.query(`BEGIN;
            UPDATE stock SET stock = stock - 1 WHERE variant_id = ${v} AND stock >= 1;
            INSERT INTO orders (id, buyer, seller, total, address) VALUES (${o}, ${c}, ${v % 8}, 12345, '${ADDRESS}');
            INSERT INTO order_lines VALUES (${o}, ${v}, 1, 12345);
            INSERT INTO payments (order_id, amount, status) VALUES (${o}, 12345, 'processing');
            WITH e AS (INSERT INTO entries (ref) VALUES ('ord_${o}') RETURNING id)
              INSERT INTO postings SELECT id, 'psp', 12345 FROM e UNION ALL SELECT id, 'escrow:${o}', -12345 FROM e;
            INSERT INTO balances (account, shard, credits) VALUES ('escrow:${o}', 0, 12345);
            UPDATE balances SET debits = debits + 12345 WHERE account = 'psp' AND shard = ${n % 16};
            COMMIT;`);
          if (!stop) latencies.push(performance.now() - t0);
          continue;
        }
        await client.query('BEGIN');
        const s = await client.query(
          'UPDATE stock SET stock = stock - 1 WHERE variant_id = $1 AND stock >= 1',
          [v],
        );
        if (s.rowCount !== 1) throw new Error('out of stock');
        const o = await client.query(
          'INSERT INTO orders (buyer, seller, total, address) VALUES ($1, $2, 12345, $3) RETURNING id',
          [c, v % 8, ADDRESS],
        );
        const orderId = o.rows[0].id;
        await client.query('INSERT INTO order_lines VALUES ($1, $2, 1, 12345)', [orderId, v]);
        await client.query(
          `INSERT INTO payments (order_id, amount, status) VALUES ($1, 12345, 'processing')`,
          [orderId],
        );
        const e = await client.query('INSERT INTO entries (ref) VALUES ($1) RETURNING id', [
          `ord_${orderId}`,
        ]);
        await client.query('INSERT INTO postings VALUES ($1, $2, 12345), ($1, $3, -12345)', [
          e.rows[0].id,
          'psp',
          `escrow:${orderId}`,
        ]);
        await client.query(
          `INSERT INTO balances (account, shard, debits) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING`,
          [`escrow:${orderId}`],
        );
        await client.query(
          `UPDATE balances SET debits = debits + CASE WHEN account = 'psp' THEN 12345 ELSE 0 END,
             credits = credits + CASE WHEN account = 'psp' THEN 0 ELSE 12345 END
           WHERE (account = 'psp' AND shard = $1) OR (account = $2 AND shard = 0)`,
          [n % 16, `escrow:${orderId}`],
        );
        await client.query('COMMIT');
        if (!stop) latencies.push(performance.now() - t0);
      }
    } finally {
      client.release();
    }
  };
  const started = performance.now();
  const runs = Array.from({ length: opts.clients }, (_, c) => worker(c));
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  stop = true;
  await Promise.all(runs);
  const result = summarize(latencies, (performance.now() - started) / 1000);
  await pool.end();
  return result;
}
