/** Compliance: eligibility per market, landed cost (duties and import taxes) and China's buyer limits. */
export {
  annualAllowance,
  cnAllowanceYear,
  releaseAnnualAllowance,
  reserveAnnualAllowance,
} from './annual-allowance.ts';
export { twHalfYear } from './asia-landed-cost.ts';
export { cnAnnualLimit, cnSingleLimit, formatCny } from './cn-limits.ts';
export { cnQuantityCapUsage, isQuantityCapId } from './cn-positive-list.ts';
export { quantityCapsUsed, releaseQuantityCaps, reserveQuantityCaps } from './cn-quantity-caps.ts';
export { cnQuotaRestoredOnRefund } from './cn-returns.ts';
export {
  type CnCbecRoute,
  chooseCnRoute,
  defaultRoute,
  isCbecParcel,
  isCnCbecRoute,
  parcelCustoms,
  regimeCustoms,
  resolveRoute,
  routesFor,
} from './cn-routes.ts';
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
} from './customs/index.ts';
export {
  type DocumentRequirement,
  type DocumentTypeInfo,
  documentRequirements,
  documentTypes,
  parseRequirementsFile,
} from './document-requirements.ts';
export { checkEligibility, type Eligibility } from './eligibility.ts';
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
} from './export/index.ts';
export { computeLandedCost } from './landed-cost.ts';
export {
  type EligibilityReason,
  type EligibilityStatus,
  eligibleWindows,
  evaluateListing,
  type ListingFacts,
  type MarketEligibility,
  type MissingDocument,
} from './listing-documents.ts';
export { addDays, isCalendarDate, marketDate, marketDayStart } from './market-days.ts';
export { AllowanceView, complianceRoutes } from './routes.ts';
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
} from './rule-catalog.ts';
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
  MAX_FILE_BYTES,
  type RecordDocumentInput,
  RecordDocumentSchema,
  recordSellerDocument,
  revokeSellerDocument,
  type SellerDocument,
} from './seller-documents.ts';
export type {
  AppliedRule,
  BuyerHistory,
  ClearanceRoute,
  Customs,
  LandedCost,
  LandedCostInput,
  LandedCostLine,
  LineTax,
  LineWorking,
  ProductKind,
  TaxWorking,
} from './types.ts';
