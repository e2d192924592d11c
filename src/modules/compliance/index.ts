/** Compliance: eligibility per market, landed cost (duties and import taxes) and China's buyer limits. */
export {
  annualAllowance,
  cnAllowanceYear,
  releaseAnnualAllowance,
  reserveAnnualAllowance,
} from './annual-allowance.js';
export { CN_ANNUAL_LIMIT, CN_SINGLE_LIMIT } from './cn-landed-cost.js';
export {
  buildCeb311,
  buildCeb411,
  buildCeb511,
  type CbecConsignee,
  type CbecOrderLineInput,
  type CbecOrderRecordInput,
  type CbecParty,
  type CbecPaymentRecordInput,
  type CbecWaybillRecordInput,
  CEB_NAMESPACE,
  CEB_VERSION,
  type CustomsCrossCheck,
  type CustomsCurrencyRow,
  type CustomsProblem,
  chinaTime,
  crossCheckCustomsRecords,
  customsAmount,
  customsCurrencyCode,
  customsCurrencyRows,
  kilograms,
  parseCustomsAmount,
  UNVERIFIED_NOTE,
  USA_COUNTRY_CODE,
} from './customs/index.js';
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
