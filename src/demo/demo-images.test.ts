import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprintImage,
  hammingDistance,
  type ImageFingerprint,
  REVIEW_MAX_DISTANCE,
} from '../modules/trust/index.ts';
import { type DemoImageSpec, readDemoImageSpecs, renderDemoImage } from './demo-images.ts';

describe('demo pictures', () => {
  const specs = readDemoImageSpecs();
  // Every sixth of the catalog: 19–20 pictures across all categories.
  const sample = specs.filter((_, i) => i % 6 === 0).slice(0, 20);
  const drawn: { spec: DemoImageSpec; bytes: Buffer; fp: ImageFingerprint }[] = [];
  beforeAll(async () => {
    for (const spec of sample) {
      const bytes = await renderDemoImage(spec);
      drawn.push({ spec, bytes, fp: await fingerprintImage(bytes) });
    }
  });

  it('names one picture per demo image URL', () => {
    expect(specs).toHaveLength(114);
    expect(new Set(specs.map((s) => s.url)).size).toBe(specs.length);
    expect(sample.length).toBeGreaterThanOrEqual(19);
  });

  it('draws the same bytes every time, an 800 × 800 JPEG of a reasonable size', async () => {
    const { spec, bytes } = drawn[0]!;
    expect((await renderDemoImage(spec)).equals(bytes)).toBe(true);
    for (const d of drawn) {
      expect(await sharp(d.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 800, height: 800 });
      expect(d.bytes.length).toBeGreaterThan(20_000);
      expect(d.bytes.length).toBeLessThan(100_000);
    }
  });

  it('draws unrelated pictures more than the review distance apart (mirror included)', () => {
    const close: string[] = [];
    for (let a = 0; a < drawn.length; a++) {
      for (let b = a + 1; b < drawn.length; b++) {
        const x = drawn[a]!.fp;
        const y = drawn[b]!.fp;
        const d = Math.min(hammingDistance(x.hash, y.hash), hammingDistance(x.hash, y.mirrored));
        if (d <= REVIEW_MAX_DISTANCE) close.push(`${drawn[a]!.spec.url} ~ ${drawn[b]!.spec.url}: ${d}`);
      }
    }
    expect(close).toEqual([]);
  });

  it('draws another picture for another variant (how a chance collision is resolved)', async () => {
    const { spec, bytes } = drawn[1]!;
    expect((await renderDemoImage(spec, 1)).equals(bytes)).toBe(false);
  });
});
