export {
  fingerprintImage,
  type ImageFingerprint,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
} from './fingerprint.js';
export {
  classifyDistance,
  DEFAULT_BANDS,
  FingerprintIndex,
  type FingerprintMatch,
  hammingDistance,
  type ImageMatchClass,
  REVIEW_MAX_DISTANCE,
  SAME_IMAGE_MAX_DISTANCE,
} from './fingerprint-index.js';
export { type ImageMatch, matchImage } from './match.js';
export {
  type FingerprintOwnerKind,
  loadFingerprintIndex,
  type RecordFingerprintInput,
  recordFingerprint,
} from './store.js';
export {
  assignListingImages,
  LiveFingerprintIndex,
  type StoredFingerprint,
  storedFingerprints,
} from './stored-images.js';
