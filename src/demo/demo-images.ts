/**
 * Demo listing pictures: the demo catalog names /demo-images/<slug>.jpg for every product, and no
 * photographs ship with it. Each is drawn here from its product (category tint, shapes seeded from
 * the file name, the English title), so nothing is downloaded and the same name always gives the
 * same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { inTransaction } from '../db/transaction.ts';
import type { FlowCtx } from '../flows/context.ts';
import { seededRandom as rng } from '../kernel/seeded-random.ts';
import * as catalog from '../modules/catalog/index.ts';
import * as trust from '../modules/trust/index.ts';

export const DEMO_IMAGE_SIZE = 800;
const JPEG_QUALITY = 88;

export interface DemoImageSpec {
  /** The URL the demo catalog uses, e.g. /demo-images/wisconsin-ginseng-long-prong-4oz.jpg. */
  url: string;
  title: string;
  category: string;
}

/** A 32-bit seed from a name (the first bytes of its SHA-256: stable across platforms). */
function seedOf(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0);
}

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Greedy word wrap by an estimate of glyph width (DejaVu Sans Bold ≈ 0.62 em). */
function wrap(text: string, fontSize: number, width: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (fontSize * 0.62)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/**
 * The picture as SVG. The perceptual hash sees only coarse greyscale structure, so what makes two
 * pictures distinct is where light and dark fall: that comes from the file name's seed; the
 * category only tints it, and the title band is drawn light so it adds little shared structure.
 */
export function demoImageSvg(spec: DemoImageSpec, variant = 0): string {
  const S = DEMO_IMAGE_SIZE;
  const r = rng(seedOf(variant === 0 ? spec.url : `${spec.url}#${variant}`));
  const hue = seedOf(spec.category) % 360;
  const at = (n: number) => Math.floor(r() * n);
  const tint = (l: number, dh = 0, s = 35 + at(30)) => `hsl(${(hue + dh + 360) % 360},${s}%,${l}%)`;
  const shapes: string[] = [];
  // A quilt of 8 × 8 light and dark patches under a few large shapes. Independent patch lightness
  // spreads the picture's energy over all the coefficients the hash reads (up to 4 cycles across),
  // so hashes come out near-random: measured, unrelated pictures sit 16–43 bits apart (median 30),
  // where a 3 × 3 layout of large shapes alone gave pairs 12 bits apart (bench/fingerprint-calibration.ts).
  const quilt = 8;
  const patch = S / quilt;
  for (let gy = 0; gy < quilt; gy++) {
    for (let gx = 0; gx < quilt; gx++) {
      shapes.push(
        `<rect x="${(gx * patch).toFixed(0)}" y="${(gy * patch).toFixed(0)}" width="${patch.toFixed(0)}" height="${patch.toFixed(0)}" fill="${tint(12 + at(76), at(40) - 20)}"/>`,
      );
    }
  }
  for (let i = 0; i < 3 + at(3); i++) {
    const cx = at(S);
    const cy = at(S);
    const size = (0.15 + r() * 0.2) * S;
    const fill = tint(r() < 0.5 ? 8 + at(20) : 74 + at(20), at(60) - 30);
    const kind = at(3);
    if (kind === 0)
      shapes.push(`<circle cx="${cx}" cy="${cy}" r="${(size * 0.6).toFixed(0)}" fill="${fill}"/>`);
    else if (kind === 1)
      shapes.push(
        `<rect x="${(cx - size / 2).toFixed(0)}" y="${(cy - size / 2).toFixed(0)}" width="${size.toFixed(0)}" height="${(size * (0.6 + r() * 0.8)).toFixed(0)}" rx="${at(60)}" fill="${fill}" transform="rotate(${at(90) - 45} ${cx} ${cy})"/>`,
      );
    else
      shapes.push(
        `<ellipse cx="${cx}" cy="${cy}" rx="${(size * 0.7).toFixed(0)}" ry="${(size * 0.35).toFixed(0)}" fill="${fill}" transform="rotate(${at(180)} ${cx} ${cy})"/>`,
      );
  }
  // Small accents (seeds, berries, kernels): texture for the eye, and bytes for the JPEG.
  for (let i = 0; i < 40 + at(40); i++) {
    shapes.push(
      `<circle cx="${at(S)}" cy="${at(S)}" r="${4 + at(14)}" fill="${tint(20 + at(70), at(120) - 60)}" fill-opacity="0.8"/>`,
    );
  }
  const fontSize = 40;
  const lines = wrap(spec.title, fontSize, S - 120);
  const bandH = lines.length * fontSize * 1.25 + 40;
  const bandY = r() < 0.5 ? 40 + at(60) : S - bandH - 40 - at(60);
  const text = lines
    .map(
      (l, i) =>
        `<text x="60" y="${(bandY + 20 + fontSize * (1 + i * 1.25)).toFixed(0)}" font-family="DejaVu Sans" font-weight="bold" font-size="${fontSize}" fill="#1d1d1b">${escapeXml(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}">
${shapes.join('\n')}
<rect x="40" y="${bandY.toFixed(0)}" width="${S - 80}" height="${bandH.toFixed(0)}" rx="18" fill="#ffffff" fill-opacity="0.6"/>
${text}
</svg>`;
}

/** The picture as an 800×800 JPEG. Deterministic: the same spec gives the same bytes. */
export async function renderDemoImage(spec: DemoImageSpec, variant = 0): Promise<Buffer> {
  return sharp(Buffer.from(demoImageSvg(spec, variant)))
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
    .toBuffer();
}

const DEMO_PRODUCTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../data/demo/products.json',
);

/** Every image the demo catalog names, with what its picture is drawn from. */
export function readDemoImageSpecs(): DemoImageSpec[] {
  const products = JSON.parse(readFileSync(DEMO_PRODUCTS, 'utf8')) as {
    category: string;
    translations: { en: { title: string } };
    images: { url: string }[];
  }[];
  return products.flatMap((p) =>
    p.images.map((i) => ({ url: i.url, title: p.translations.en.title, category: p.category })),
  );
}

/** Runs `work` over `items` with at most `concurrency` at a time, results in input order. */
async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (t: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

export interface RenderedDemoImage {
  spec: DemoImageSpec;
  bytes: Buffer;
  fingerprint: trust.ImageFingerprint;
  /** 0 unless the first drawing came within review distance of an earlier picture (see below). */
  variant: number;
}

/**
 * Draws and fingerprints every picture. Unrelated pictures whose 64-bit hashes are near-random
 * still meet within 16 bits by chance (about 1 pair in 13,000 when the mirror is looked up too):
 * a picture that lands within review distance of an earlier one is drawn again from the next
 * variant, so the demo catalog never trips its own listing check. Deterministic for a catalog.
 */
export async function renderDemoCatalog(
  specs: readonly DemoImageSpec[],
  opts: { concurrency?: number } = {},
): Promise<RenderedDemoImage[]> {
  const first = await mapLimit(specs, opts.concurrency ?? 2, async (spec) => {
    const bytes = await renderDemoImage(spec);
    return { spec, bytes, fingerprint: await trust.fingerprintImage(bytes), variant: 0 };
  });
  const index = new trust.FingerprintIndex();
  for (const [i, image] of first.entries()) {
    let current = image;
    while (trust.matchImage(index, current.fingerprint).length > 0) {
      const variant = current.variant + 1;
      const bytes = await renderDemoImage(image.spec, variant);
      current = { spec: image.spec, bytes, fingerprint: await trust.fingerprintImage(bytes), variant };
    }
    first[i] = current;
    index.add(String(i), current.fingerprint.hash);
  }
  return first;
}

export interface DemoListingImage {
  sellerId: string;
  image: DemoImageSpec;
}

/**
 * Stores the demo catalog's pictures (platform images, served at their /demo-images/… path) and
 * records each one's fingerprint for its seller, as an upload would; the listing check gives it to
 * the listing that uses it. Returns the pictures by URL.
 */
export async function storeDemoImages(
  ctx: FlowCtx,
  listings: readonly DemoListingImage[],
  opts: { concurrency?: number } = {},
): Promise<Map<string, Buffer>> {
  const rendered = await renderDemoCatalog(
    listings.map((l) => l.image),
    opts,
  );
  const pictures = new Map<string, Buffer>();
  for (const [i, { bytes, fingerprint }] of rendered.entries()) {
    const listing = listings[i]!;
    await inTransaction(ctx.db, async (tx) => {
      await catalog.storeImage(tx, { sellerId: null, bytes, publicPath: listing.image.url });
      await trust.recordFingerprint(tx, {
        imageRef: listing.image.url,
        ownerKind: 'listing',
        ownerId: listing.sellerId,
        sellerId: listing.sellerId,
        hash: fingerprint.hash,
        mirrored: fingerprint.mirrored,
      });
    });
    pictures.set(listing.image.url, bytes);
  }
  return pictures;
}
