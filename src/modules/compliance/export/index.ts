/** US export side: whether EEI must be filed, and the commercial invoice and packing list of a parcel. */
export {
  determineEei,
  type EeiDetermination,
  type EeiGroup,
  type EeiInput,
  type EeiReason,
  type EeiRuleRef,
  type ExportLine,
} from './eei.ts';
export { EXPORT_RULES, type ExportRule, type ExportRules, parseExportRules } from './export-rules.ts';
export type {
  CommercialInvoiceJson,
  PackingListJson,
  PapersInput,
  PapersLine,
  PartyJson,
  ShipmentRefJson,
} from './papers-types.ts';
export {
  buildCommercialInvoice,
  buildPackingList,
  invoiceNumber,
  packingListNumber,
} from './shipping-papers.ts';
