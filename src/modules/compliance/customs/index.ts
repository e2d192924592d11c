/** China CBEC "three documents": CEB311 order, CEB411 payment, CEB511 waybill, and their cross-check. */
export { buildCeb311, buildCeb411, buildCeb511 } from './build-records.ts';
export { crossCheckCustomsRecords } from './cross-check.ts';
export { type CustomsCurrencyRow, customsCurrencyCode, customsCurrencyRows } from './currency-codes.ts';
export type {
  CbecConsignee,
  CbecOrderLineInput,
  CbecOrderRecordInput,
  CbecParty,
  CbecPaymentRecordInput,
  CbecWaybillRecordInput,
  CustomsCrossCheck,
  CustomsProblem,
} from './types.ts';
export {
  CEB_NAMESPACE,
  CEB_VERSION,
  chinaTime,
  customsAmount,
  kilograms,
  parseCustomsAmount,
  UNVERIFIED_NOTE,
  USA_COUNTRY_CODE,
} from './xml.ts';
