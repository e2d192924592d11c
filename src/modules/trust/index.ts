/**
 * Trust: counterfeit-free by design. Image fingerprints of listings and brand references, and
 * per-unit authenticity codes with the provenance of their lot.
 */

// Authenticity codes, lots and their provenance, scans, alerts, QR label sheets.
export * from './authenticity/index.ts';
export * from './brands/index.ts';
export { addBusinessDays, isBusinessDay } from './business-days.ts';
export * from './fingerprints/index.ts';
export * from './notices/index.ts';
export { TRUST_QUEUES, type TrustPolicy, type TrustQueue, trustPolicy } from './policy.ts';
export * from './queues/index.ts';
export * from './reviews/index.ts';
export { trustRoutes } from './routes.ts';
// The API's response shapes, shared by the module's routes and the trust flows.
export * from './schemas.ts';
