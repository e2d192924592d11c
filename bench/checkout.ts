/**
 * `npm run bench:checkout` — checkouts per second through the HTTP API (quote + place, with
 * the sandbox provider's webhooks capturing into escrow in the background), beside the same
 * bare writes as raw SQL (the database's own limit), and search latency.
 *
 * Options (env): CLIENTS (16), SECONDS (20), PROCESSES (1 server process; 2+ share one database),
 * DATABASE_URL (default: a fresh embedded PostgreSQL in a temp folder).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { trialBalance, verifyLedger } from '../src/modules/ledger/index.ts';
import { freshBenchDatabase, histogram, startServer, statementCounter, summarize } from './lib.ts';
import { rawCheckoutBaseline } from './raw-sql.ts';
import { seedBench } from './seed.ts';

const CLIENTS = Number(process.env.CLIENTS ?? 16);
const SECONDS = Number(process.env.SECONDS ?? 20);
const PROCESSES = Number(process.env.PROCESSES ?? 1);
const log = (s: string) => process.stdout.write(`${s}\n`);
/** Every bench buyer ships to the same fictional Shanghai address; it rides in the order insert. */
const PLACE_BODY = JSON.stringify({
  paymentMethod: 'pm_card_ok',
  deliveryAddress: {
    recipientName: '测试买家',
    phone: '+86 138 0013 8000',
    lines: ['浦东新区世纪大道 100 号'],
    city: '上海市',
    region: '上海市',
    postalCode: '200120',
    country: 'CN',
  },
});

async function main() {
  const { url, adminUrl, stop: stopPg } = await freshBenchDatabase('bench', { statementStats: true });
  const statements = await statementCounter(url);

  // The server processes derive their secrets from HEARTLAND_SECRET; the seeder must use the same ones.
  const secret = 'bench-secret';
  const config = loadConfig({ ...process.env, HEARTLAND_SECRET: secret });
  const database = openDatabase(url);
  const data = await seedBench(database.db, config, { sellers: 8, productsPerSeller: 5, buyers: 200 });

  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    servers.push(
      await startServer({
        DATABASE_URL: url,
        HEARTLAND_SECRET: secret,
        HEARTLAND_DB_POOL: String(Math.ceil(48 / PROCESSES)),
      }),
    );
  }
  log(
    `\n${PROCESSES} server process(es), ${CLIENTS} clients, ${SECONDS} s; ${os.cpus().length} cores, Node ${process.version}`,
  );

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let stop = false;
  const client = async (c: number) => {
    const server = servers[c % servers.length]!;
    let n = 0;
    while (!stop) {
      const buyer = data.buyers[(c + n * CLIENTS) % data.buyers.length]!;
      const headers = { authorization: `Bearer ${buyer.token}`, 'content-type': 'application/json' };
      const a = data.variants[(c * 7 + n) % data.variants.length]!;
      const b = data.variants[(c * 13 + n * 3 + 1) % data.variants.length]!;
      const lines =
        a.variantId === b.variantId
          ? [{ variantId: a.variantId, quantity: 1 }]
          : [
              { variantId: a.variantId, quantity: 1 },
              { variantId: b.variantId, quantity: 1 },
            ];
      const t0 = performance.now();
      const q = await fetch(`${server.url}/api/v1/checkout/quotes`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ market: 'CN', shippingMethod: 'express', lines }),
      });
      const quote = (await q.json()) as { id?: string; code?: string };
      if (q.status !== 201) {
        errors.set(
          `quote ${q.status} ${quote.code}`,
          (errors.get(`quote ${q.status} ${quote.code}`) ?? 0) + 1,
        );
        n++;
        continue;
      }
      const p = await fetch(`${server.url}/api/v1/checkout/quotes/${quote.id}/place`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `bench-${c}-${n}-${quote.id}` },
        body: PLACE_BODY,
      });
      const placed = (await p.json()) as { code?: string };
      if (p.status === 201) {
        if (!stop) latencies.push(performance.now() - t0);
      } else {
        errors.set(
          `place ${p.status} ${placed.code}`,
          (errors.get(`place ${p.status} ${placed.code}`) ?? 0) + 1,
        );
      }
      n++;
    }
  };
  // Warm up, then measure.
  stop = false;
  const warm = Array.from({ length: CLIENTS }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, 3000));
  stop = true;
  await Promise.all(warm);
  latencies.length = 0;
  errors.clear();
  stop = false;
  await statements?.reset();
  const started = performance.now();
  const runs = Array.from({ length: CLIENTS }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stop = true;
  await Promise.all(runs);
  const elapsed = (performance.now() - started) / 1000;
  const checkout = summarize(latencies, elapsed);
  // Every attempt's quote and place, and the webhook captures running meanwhile, per placed checkout.
  const counted = await statements?.read();
  await statements?.close();
  const perCheckout = counted && {
    statements: counted.app / Math.max(1, checkout.count),
    jobStatements: counted.jobs / Math.max(1, checkout.count),
  };

  // Search latency on the same servers.
  const queries = [
    '花旗参',
    '西洋参',
    'cheddar',
    '枫糖浆',
    'メープルシロップ',
    '인삼',
    'wild rice',
    '蜂蜜',
    'ginsing',
  ];
  const searchLat: number[] = [];
  stop = false;
  const searchClient = async (c: number) => {
    let n = 0;
    while (!stop) {
      const q = encodeURIComponent(queries[(c + n++) % queries.length]!);
      const t0 = performance.now();
      const r = await fetch(
        `${servers[c % servers.length]!.url}/api/v1/search?q=${q}&locale=zh-Hans&market=CN`,
      );
      await r.arrayBuffer();
      if (r.ok) searchLat.push(performance.now() - t0);
    }
  };
  const searchStart = performance.now();
  const sr = Array.from({ length: 8 }, (_, c) => searchClient(c));
  await new Promise((r) => setTimeout(r, 8000));
  stop = true;
  await Promise.all(sr);
  const searchStats = summarize(searchLat, (performance.now() - searchStart) / 1000);

  // Let the webhooks capture what was placed, then stop the servers and check the books.
  await new Promise((r) => setTimeout(r, 3000));
  for (const s of servers) await s.stop();
  const report = await verifyLedger(database.db);
  const balances = await trialBalance(database.db);
  await database.close();

  const raw = await rawCheckoutBaseline(adminUrl, { clients: CLIENTS, seconds: Math.min(SECONDS, 10) });
  const rawOneTrip = await rawCheckoutBaseline(adminUrl, {
    clients: CLIENTS,
    seconds: Math.min(SECONDS, 10),
    oneRoundTrip: true,
  });

  const result = {
    at: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      node: process.version,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    settings: { clients: CLIENTS, seconds: SECONDS, processes: PROCESSES },
    checkout: { ...checkout, errors: Object.fromEntries(errors), roundTrips: perCheckout ?? null },
    rawSql: raw,
    rawSqlOneRoundTrip: rawOneTrip,
    ratio: checkout.perSecond / raw.perSecond,
    ratioToOneRoundTrip: checkout.perSecond / rawOneTrip.perSecond,
    search: searchStats,
    ledger: {
      ok: report.ok,
      entries: report.entries,
      problems: report.problems.length,
      balanced: balances.every((b) => b.balanced),
    },
  };
  log('\nquote + place latency (ms):');
  log(histogram(latencies));
  log(
    `\ncheckouts/s ${checkout.perSecond.toFixed(1)}  p50 ${checkout.p50.toFixed(1)} ms  p99 ${checkout.p99.toFixed(1)} ms  (${checkout.count} in ${elapsed.toFixed(1)} s)`,
  );
  if (errors.size) log(`errors: ${JSON.stringify(Object.fromEntries(errors))}`);
  if (perCheckout)
    log(
      `round trips per checkout (quote + place + capture): ${perCheckout.statements.toFixed(1)} statements, plus ${perCheckout.jobStatements.toFixed(1)} of the job queue's`,
    );
  log(
    `raw SQL checkout writes/s ${raw.perSecond.toFixed(0)}  p50 ${raw.p50.toFixed(1)} ms  p99 ${raw.p99.toFixed(1)} ms`,
  );
  log(
    `raw SQL, one round trip each  ${rawOneTrip.perSecond.toFixed(0)}/s  p50 ${rawOneTrip.p50.toFixed(1)} ms  p99 ${rawOneTrip.p99.toFixed(1)} ms`,
  );
  log(
    `ratio HTTP/raw ${(result.ratio * 100).toFixed(1)} %, HTTP/raw-one-round-trip ${(result.ratioToOneRoundTrip * 100).toFixed(1)} %`,
  );
  log(
    `search q/s ${searchStats.perSecond.toFixed(0)}  p50 ${searchStats.p50.toFixed(1)} ms  p99 ${searchStats.p99.toFixed(1)} ms`,
  );
  log(
    `ledger verify: ${report.ok ? 'sound' : 'UNSOUND'} (${report.entries} entries), every currency balanced: ${result.ledger.balanced}`,
  );
  const file = `bench/results/checkout-${result.at.slice(0, 19).replaceAll(':', '')}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`written to ${file}`);
  await stopPg();
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
