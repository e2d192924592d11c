/** China CBEC "three documents": CEB311 order, CEB411 payment, CEB511 waybill, and their cross-check. */
export { buildCeb311, buildCeb411, buildCeb511 } from './build-records.js';
export { crossCheckCustomsRecords } from './cross-check.js';
export { type CustomsCurrencyRow, customsCurrencyCode, customsCurrencyRows } from './currency-codes.js';
export type {
  CbecConsignee,
  CbecOrderLineInput,
  CbecOrderRecordInput,
  CbecParty,
  CbecPaymentRecordInput,
  CbecWaybillRecordInput,
  CustomsCrossCheck,
  CustomsProblem,
} from './types.js';
export {
  CEB_NAMESPACE,
  CEB_VERSION,
  chinaTime,
  customsAmount,
  kilograms,
  parseCustomsAmount,
  UNVERIFIED_NOTE,
  USA_COUNTRY_CODE,
} from './xml.js';
