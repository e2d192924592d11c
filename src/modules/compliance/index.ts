/** Compliance: eligibility per market, landed cost (duties and import taxes) and China's buyer limits. */
export {
  annualAllowance,
  cnAllowanceYear,
  releaseAnnualAllowance,
  reserveAnnualAllowance,
} from './annual-allowance.js';
export { CN_ANNUAL_LIMIT, CN_SINGLE_LIMIT } from './cn-landed-cost.js';
export { checkEligibility } from './eligibility.js';
export { computeLandedCost } from './landed-cost.js';
export { complianceRoutes } from './routes.js';
export type {
  AppliedRule,
  LandedCost,
  LandedCostInput,
  LandedCostLine,
  LineTax,
  ProductKind,
} from './types.js';
