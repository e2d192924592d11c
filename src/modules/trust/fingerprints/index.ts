export {
  fingerprintImage,
  type ImageFingerprint,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
} from './fingerprint.ts';
export {
  classifyDistance,
  DEFAULT_BANDS,
  FingerprintIndex,
  type FingerprintMatch,
  hammingDistance,
  type ImageMatchClass,
  REVIEW_MAX_DISTANCE,
  SAME_IMAGE_MAX_DISTANCE,
} from './fingerprint-index.ts';
export { type ImageMatch, matchImage } from './match.ts';
export {
  type FingerprintOwnerKind,
  loadFingerprintIndex,
  type RecordFingerprintInput,
  recordFingerprint,
} from './store.ts';
export {
  assignListingImages,
  LiveFingerprintIndex,
  type StoredFingerprint,
  storedFingerprints,
} from './stored-images.ts';
