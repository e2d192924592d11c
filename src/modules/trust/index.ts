/**
 * Trust: counterfeit-free by design. Image fingerprints of listings and brand references, and
 * per-unit authenticity codes with the provenance of their lot.
 */

// Authenticity codes, lots and their provenance, scans, alerts, QR label sheets.
export * from './authenticity/index.js';
export * from './fingerprints/index.js';
