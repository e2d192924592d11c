import type { ImageFingerprint } from './fingerprint.ts';
import {
  classifyDistance,
  type FingerprintIndex,
  type ImageMatchClass,
  REVIEW_MAX_DISTANCE,
} from './fingerprint-index.ts';

export interface ImageMatch {
  id: string;
  distance: number;
  /** True when the nearest hit came through the mirrored hash (a flipped copy). */
  mirrored: boolean;
  verdict: Exclude<ImageMatchClass, 'different'>;
}

/**
 * Stored images that are the same as or worth reviewing against a new image: its hash and its
 * mirror's hash are both looked up; per stored image the nearer of the two counts.
 */
export function matchImage(index: FingerprintIndex, fp: ImageFingerprint): ImageMatch[] {
  const best = new Map<string, { distance: number; mirrored: boolean }>();
  for (const [hash, mirrored] of [
    [fp.hash, false],
    [fp.mirrored, true],
  ] as const) {
    for (const m of index.near(hash, REVIEW_MAX_DISTANCE)) {
      const prior = best.get(m.id);
      if (!prior || m.distance < prior.distance) best.set(m.id, { distance: m.distance, mirrored });
    }
  }
  return [...best]
    .map(([id, b]) => ({ id, ...b, verdict: classifyDistance(b.distance) as ImageMatch['verdict'] }))
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1));
}
