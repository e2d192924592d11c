/**
 * `npm run bench:calibrate-fingerprints` — checks the image-match thresholds (≤ 10 bits the same
 * image, 11–16 review) on the demo catalog's pictures:
 *  (a) distances between different pictures: what an unrelated listing scores;
 *  (b) distances from each picture to its edited copies (re-compressed, resized, cropped,
 *      watermarked, mirrored, brightened): what a copied listing scores.
 * A distance is the nearer of hash-to-hash and hash-to-mirrored-hash, as the listing check compares.
 * Pure in-memory (no database). Results go to bench/results/fingerprint-calibration.json.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { readDemoImageSpecs, renderDemoCatalog, renderDemoImage } from '../src/demo/demo-images.ts';
import { watermark } from '../src/modules/trust/fingerprints/test-images.ts';
import {
  fingerprintImage,
  hammingDistance,
  type ImageFingerprint,
  REVIEW_MAX_DISTANCE,
  SAME_IMAGE_MAX_DISTANCE,
} from '../src/modules/trust/index.ts';
import { percentile } from './lib.ts';

const log = (s: string) => process.stdout.write(`${s}\n`);

/** As matchImage compares: the stored hash against the new image's hash and its mirror's. */
const distance = (stored: ImageFingerprint, copy: ImageFingerprint) =>
  Math.min(hammingDistance(stored.hash, copy.hash), hammingDistance(stored.hash, copy.mirrored));

const EDITS: [string, (b: Buffer) => Promise<Buffer>][] = [
  ['JPEG q40', (b) => sharp(b).jpeg({ quality: 40 }).toBuffer()],
  ['resized 50%', (b) => sharp(b).resize(400).jpeg().toBuffer()],
  ['resized 150%', (b) => sharp(b).resize(1200).jpeg().toBuffer()],
  // 5% of the width in all (as fingerprint.test.ts crops), and 5% off every side.
  [
    'cropped 2.5% each side',
    (b) => sharp(b).extract({ left: 20, top: 20, width: 760, height: 760 }).jpeg().toBuffer(),
  ],
  [
    'cropped 5% each side',
    (b) => sharp(b).extract({ left: 40, top: 40, width: 720, height: 720 }).jpeg().toBuffer(),
  ],
  ['watermarked', (b) => watermark(b)],
  ['mirrored', (b) => sharp(b).flop().jpeg().toBuffer()],
  ['brightness +10%', (b) => sharp(b).modulate({ brightness: 1.1 }).jpeg().toBuffer()],
];

function stats(ds: number[]) {
  const s = [...ds].sort((a, b) => a - b);
  return {
    count: s.length,
    min: s[0] ?? null,
    p1: percentile(s, 1),
    median: percentile(s, 50),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? null,
    sameImage: s.filter((d) => d <= SAME_IMAGE_MAX_DISTANCE).length,
    review: s.filter((d) => d > SAME_IMAGE_MAX_DISTANCE && d <= REVIEW_MAX_DISTANCE).length,
    above10: s.filter((d) => d > SAME_IMAGE_MAX_DISTANCE).length,
    above16: s.filter((d) => d > REVIEW_MAX_DISTANCE).length,
  };
}

/** Counts per bin of 2 bits, as a bar chart. */
function textHistogram(ds: number[], width = 50): string {
  const bins = new Map<number, number>();
  for (const d of ds) bins.set(d >> 1, (bins.get(d >> 1) ?? 0) + 1);
  const keys = [...bins.keys()];
  const max = Math.max(...bins.values());
  const lines: string[] = [];
  for (let k = Math.min(...keys); k <= Math.max(...keys); k++) {
    const c = bins.get(k) ?? 0;
    const bar = '█'.repeat(Math.ceil((c / max) * width));
    lines.push(`${String(2 * k).padStart(3)}–${String(2 * k + 1).padEnd(3)}│${bar} ${c}`);
  }
  return lines.join('\n');
}

const started = performance.now();
const specs = readDemoImageSpecs();
log(`Drawing and fingerprinting ${specs.length} demo pictures…`);
const catalog = await renderDemoCatalog(specs);
const drawnSeconds = (performance.now() - started) / 1000;

// The first drawing of every picture: the honest distribution of unrelated pictures.
const firstDrawn: ImageFingerprint[] = [];
for (const image of catalog) {
  firstDrawn.push(
    image.variant === 0 ? image.fingerprint : await fingerprintImage(await renderDemoImage(image.spec)),
  );
}
const pairs = (fps: ImageFingerprint[]) => {
  const out: { a: number; b: number; d: number }[] = [];
  for (let a = 0; a < fps.length; a++)
    for (let b = a + 1; b < fps.length; b++) out.push({ a, b, d: distance(fps[a]!, fps[b]!) });
  return out;
};
const rawPairs = pairs(firstDrawn);
const finalPairs = pairs(catalog.map((c) => c.fingerprint));
const closest = [...rawPairs]
  .sort((x, y) => x.d - y.d)
  .slice(0, 5)
  .map((p) => ({ a: specs[p.a]!.url, b: specs[p.b]!.url, distance: p.d }));
const redrawn = catalog.filter((c) => c.variant > 0).map((c) => ({ url: c.spec.url, variant: c.variant }));

log(`Editing each picture ${EDITS.length} ways…`);
const edits: Record<string, ReturnType<typeof stats> & { worst: string | null }> = {};
for (const [name, edit] of EDITS) {
  const ds: number[] = [];
  for (const image of catalog)
    ds.push(distance(image.fingerprint, await fingerprintImage(await edit(image.bytes))));
  const worst = ds.indexOf(Math.max(...ds));
  edits[name] = { ...stats(ds), worst: catalog[worst]?.spec.url ?? null };
}
const sizes = catalog.map((c) => c.bytes.length).sort((a, b) => a - b);

const result = {
  at: new Date().toISOString(),
  pictures: catalog.length,
  thresholds: { sameImageMaxDistance: SAME_IMAGE_MAX_DISTANCE, reviewMaxDistance: REVIEW_MAX_DISTANCE },
  jpegKB: {
    min: sizes[0]! / 1024,
    median: percentile(sizes, 50) / 1024,
    max: sizes[sizes.length - 1]! / 1024,
  },
  drawAndFingerprintSeconds: drawnSeconds,
  unrelatedPairs: {
    firstDrawing: { ...stats(rawPairs.map((p) => p.d)), closest },
    redrawn,
    catalog: stats(finalPairs.map((p) => p.d)),
    histogram: Object.fromEntries(
      Array.from({ length: 65 }, (_, d) => [d, rawPairs.filter((p) => p.d === d).length]).filter(
        ([, c]) => c,
      ),
    ),
  },
  edits,
  seconds: (performance.now() - started) / 1000,
};

const raw = result.unrelatedPairs.firstDrawing;
log('');
log(`Unrelated pairs (${raw.count}, first drawing): min ${raw.min}, p1 ${raw.p1}, median ${raw.median}`);
log(
  `  ≤ ${SAME_IMAGE_MAX_DISTANCE}: ${raw.sameImage}   11–${REVIEW_MAX_DISTANCE}: ${raw.review}   closest: ${closest[0]?.distance} (${closest[0]?.a} ~ ${closest[0]?.b})`,
);
log(
  `  redrawn by the generator: ${redrawn.length}; catalog min after redraws: ${result.unrelatedPairs.catalog.min}`,
);
log(textHistogram(rawPairs.map((p) => p.d)));
log('');
log('Edited copy            max   p99  median  >10  >16');
for (const [name, s] of Object.entries(edits)) {
  log(
    `${name.padEnd(22)} ${String(s.max).padStart(3)}  ${String(s.p99).padStart(4)}  ${String(s.median).padStart(6)}  ${String(s.above10).padStart(3)}  ${String(s.above16).padStart(3)}`,
  );
}
log('');
log(
  `JPEG size ${result.jpegKB.min.toFixed(0)}–${result.jpegKB.max.toFixed(0)} KB; drawn+fingerprinted in ${drawnSeconds.toFixed(1)} s; total ${result.seconds.toFixed(1)} s`,
);
const file = path.resolve(import.meta.dirname, 'results', 'fingerprint-calibration.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
log(`Written to ${path.relative(process.cwd(), file)}`);
