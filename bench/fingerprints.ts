/**
 * `npm run bench:fingerprints` — nearest-neighbour lookups over 1,000,000 stored 64-bit image
 * hashes with the multi-index FingerprintIndex: build time and memory, lookups/s and p50/p99 at
 * radius 10 (same image) and 16 (review), for several band counts, beside a full linear scan, and
 * checked against that scan on a sample. Pure in-memory: no database.
 *
 * Options (env): HASHES (1000000), QUERIES (10000 per radius), BANDS ("4,5,6").
 * Results go to bench/results/fingerprints-<time>.json.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SingleBar } from 'cli-progress';
import { FingerprintIndex } from '../src/modules/trust/index.ts';
import { summarize } from './lib.ts';

const HASHES = Number(process.env.HASHES ?? 1_000_000);
const QUERIES = Number(process.env.QUERIES ?? 10_000);
const BANDS = (process.env.BANDS ?? '4,5,6').split(',').map(Number);
const RADII = [10, 16];
const CLUSTERS = Math.floor(HASHES / 100); // 1% of the hashes are cluster centres …
const PER_CLUSTER = 4; // … each with 4 near-duplicates (1–16 bits away): 5% of the index
const log = (s: string) => process.stdout.write(`${s}\n`);

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// Deterministic xorshift32 so runs are comparable.
let state = 0x9e3779b9;
const rand32 = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
};
const randInt = (n: number) => rand32() % n;
const toBig = (hi: number, lo: number) => (BigInt(hi) << 32n) | BigInt(lo);

function perturb(hi: number, lo: number, bits: number): [number, number] {
  const flipped = new Set<number>();
  while (flipped.size < bits) flipped.add(randInt(64));
  for (const b of flipped) {
    if (b < 32) lo = (lo ^ (1 << b)) >>> 0;
    else hi = (hi ^ (1 << (b - 32))) >>> 0;
  }
  return [hi, lo];
}

// The stored set, as halves (for the linear-scan baseline) and as bigints (for the index).
const hi = new Uint32Array(HASHES);
const lo = new Uint32Array(HASHES);
let n = 0;
for (let c = 0; c < CLUSTERS; c++) {
  const [h, l] = [rand32(), rand32()];
  hi[n] = h;
  lo[n++] = l;
  for (let k = 0; k < PER_CLUSTER; k++) {
    [hi[n], lo[n]] = perturb(h, l, 1 + randInt(16));
    n++;
  }
}
while (n < HASHES) {
  hi[n] = rand32();
  lo[n++] = rand32();
}

// Queries: half are edited copies of a cluster centre (matches exist), half are unrelated images.
interface Query {
  hash: bigint;
  hi: number;
  lo: number;
}
const queries: Query[] = [];
for (let i = 0; i < QUERIES; i++) {
  let [h, l] = [rand32(), rand32()];
  if (i % 2 === 0) {
    const centre = randInt(CLUSTERS) * (PER_CLUSTER + 1);
    [h, l] = perturb(hi[centre]!, lo[centre]!, randInt(17));
  }
  queries.push({ hash: toBig(h, l), hi: h, lo: l });
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
function linearScan(q: Query, r: number): number {
  let found = 0;
  for (let i = 0; i < HASHES; i++) {
    if (popcount32((hi[i]! ^ q.hi) >>> 0) + popcount32((lo[i]! ^ q.lo) >>> 0) <= r) found++;
  }
  return found;
}

function timeQueries(label: string, count: number, run: (q: Query) => number) {
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, hideCursor: true });
  bar.start(count, 0);
  const latencies: number[] = [];
  let matches = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    matches += run(queries[i % queries.length]!);
    latencies.push(performance.now() - t0);
    if (i % 500 === 0) bar.update(i);
  }
  bar.update(count);
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(latencies, seconds);
  return {
    lookups: s.count,
    perSecond: Math.round(s.perSecond),
    p50Ms: +s.p50.toFixed(4),
    p99Ms: +s.p99.toFixed(4),
    maxMs: +s.max.toFixed(3),
    meanMatches: +(matches / count).toFixed(3),
  };
}

function measureBands(bands: number) {
  const bar = new SingleBar({ format: `build bands=${bands} [{bar}] {value}/{total}`, hideCursor: true });
  bar.start(HASHES, 0);
  const t0 = performance.now();
  const index = new FingerprintIndex({ bands });
  for (let i = 0; i < HASHES; i++) {
    index.add(`img_${i}`, toBig(hi[i]!, lo[i]!));
    if (i % 20_000 === 0) bar.update(i);
  }
  bar.update(HASHES);
  bar.stop();
  const buildSeconds = +((performance.now() - t0) / 1000).toFixed(2);
  gc();
  const held = process.memoryUsage();
  // Correctness on a sample: the index finds exactly as many as a full scan.
  let sampleMismatches = 0;
  for (const q of queries.slice(0, 40)) {
    for (const r of RADII) if (index.near(q.hash, r).length !== linearScan(q, r)) sampleMismatches++;
  }
  const byRadius: Record<string, ReturnType<typeof timeQueries>> = {};
  for (const r of RADII) {
    byRadius[`r${r}`] = timeQueries(`bands=${bands} r=${r}`, QUERIES, (q) => index.near(q.hash, r).length);
  }
  return {
    stats: { buildSeconds, sampleMismatches, byRadius },
    heldBytes: held.heapUsed + held.arrayBuffers,
  };
}

async function main() {
  log(`${HASHES} hashes (${CLUSTERS} clusters of ${PER_CLUSTER + 1}), ${QUERIES} queries per radius`);
  log(`${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}\n`);
  const runs = [];
  for (const bands of BANDS) {
    const { stats, heldBytes } = measureBands(bands);
    // Memory: what the heap gives back once the index (ids included) is unreachable.
    gc();
    const released = process.memoryUsage();
    const memoryMb = +((heldBytes - released.heapUsed - released.arrayBuffers) / 2 ** 20).toFixed(1);
    log(
      `bands=${bands}: build ${stats.buildSeconds} s, ~${memoryMb} MB, sample mismatches ${stats.sampleMismatches}; ` +
        RADII.map((r) => {
          const x = stats.byRadius[`r${r}`]!;
          return `r=${r}: ${x.perSecond}/s p50 ${x.p50Ms} ms p99 ${x.p99Ms} ms`;
        }).join('; '),
    );
    runs.push({ bands, memoryMb, ...stats });
  }
  // The baseline the index replaces: a full scan over typed arrays (no bigint, no ids).
  const scanCount = Math.min(200, QUERIES);
  const scan = timeQueries('linear scan r=16', scanCount, (q) => linearScan(q, 16));
  log(`linear scan: ${scan.perSecond}/s p50 ${scan.p50Ms} ms p99 ${scan.p99Ms} ms`);

  const at = new Date().toISOString();
  const result = {
    at,
    hashes: HASHES,
    clusters: { count: CLUSTERS, nearDuplicatesEach: PER_CLUSTER, maxBits: 16 },
    queriesPerRadius: QUERIES,
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version },
    runs,
    linearScan: scan,
  };
  const file = `bench/results/fingerprints-${at.slice(0, 19).replaceAll(':', '')}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`\nwrote ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
