/**
 * Trust: counterfeit-free by design. Image fingerprints of listings and brand references, and
 * per-unit authenticity codes with the provenance of their lot.
 */

// Authenticity codes, lots and their provenance, scans, alerts, QR label sheets.
export * from './authenticity/index.js';
export * from './brands/index.js';
export { addBusinessDays, isBusinessDay } from './business-days.js';
export * from './fingerprints/index.js';
export * from './notices/index.js';
export { TRUST_QUEUES, type TrustPolicy, type TrustQueue, trustPolicy } from './policy.js';
export * from './queues/index.js';
export * from './reviews/index.js';
