/** Compliance: eligibility per market, landed cost (duties and import taxes) and China's buyer limits. */
export {
  annualAllowance,
  cnAllowanceYear,
  releaseAnnualAllowance,
  reserveAnnualAllowance,
} from './annual-allowance.js';
export { twHalfYear } from './asia-landed-cost.js';
export { cnAnnualLimit, cnSingleLimit, formatCny } from './cn-limits.js';
export { cnQuantityCapUsage, isQuantityCapId } from './cn-positive-list.js';
export { quantityCapsUsed, releaseQuantityCaps, reserveQuantityCaps } from './cn-quantity-caps.js';
export { cnQuotaRestoredOnRefund } from './cn-returns.js';
export {
  type CnCbecRoute,
  chooseCnRoute,
  defaultRoute,
  isCnCbecRoute,
  resolveRoute,
  routesFor,
} from './cn-routes.js';
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
export {
  type DocumentRequirement,
  type DocumentTypeInfo,
  documentRequirements,
  documentTypes,
  parseRequirementsFile,
} from './document-requirements.js';
export { checkEligibility, type Eligibility } from './eligibility.js';
export {
  buildCommercialInvoice,
  buildPackingList,
  type CommercialInvoiceJson,
  determineEei,
  type EeiDetermination,
  type EeiReason,
  EXPORT_RULES,
  type ExportLine,
  invoiceNumber,
  type PackingListJson,
  type PapersInput,
  type PapersLine,
  packingListNumber,
  parseExportRules,
} from './export/index.js';
export { computeLandedCost } from './landed-cost.js';
export {
  type EligibilityReason,
  type EligibilityStatus,
  eligibleWindows,
  evaluateListing,
  type ListingFacts,
  type MarketEligibility,
  type MissingDocument,
} from './listing-documents.js';
export { addDays, isCalendarDate, marketDate, marketDayStart } from './market-days.js';
export { complianceRoutes } from './routes.js';
export {
  allSources,
  describeRule,
  getSource,
  hasRule,
  listRulesInForce,
  parseRuleDate,
  type RuleDescription,
  type RuleRole,
  type SourceEntry,
  sourceIdsOf,
} from './rule-catalog.js';
export {
  type DocumentFileType,
  type DocumentStatus,
  detectFileType,
  documentStatus,
  documentsOfSellers,
  documentToday,
  getSellerDocument,
  getSellerDocumentFile,
  listSellerDocuments,
  lockSellerDocuments,
  MAX_FILE_BASE64,
  MAX_FILE_BYTES,
  type RecordDocumentInput,
  RecordDocumentSchema,
  recordSellerDocument,
  revokeSellerDocument,
  type SellerDocument,
} from './seller-documents.js';
export type {
  AppliedRule,
  BuyerHistory,
  ClearanceRoute,
  LandedCost,
  LandedCostInput,
  LandedCostLine,
  LineTax,
  ProductKind,
} from './types.js';
