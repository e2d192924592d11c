/**
 * Impact: the public report of what Heartland enables — businesses verified (farms, small
 * businesses, the Midwest share), goods exported by home state and destination market, and the
 * jobs those exports support by the ITA's jobs-per-export ratio. Reads the sellers' census and the
 * ledger's escrow releases through their modules' public faces; owns no tables.
 */
export { computeImpact, type ImpactFigures, jobsSupported, share } from './compute.ts';
export { type ImpactData, impactData } from './impact-data.ts';
export { EXPORT_ENTRY_KIND, type ImpactReport, impactReport } from './report.ts';
export { ImpactReportJson, impactJson, impactRoutes } from './routes.ts';
