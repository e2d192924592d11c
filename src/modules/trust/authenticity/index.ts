/** Authenticity codes, lots with their provenance, scans and alerts; QR label sheets. */
export { type AlertScan, type AuthenticityAlertDetail, getAuthenticityAlert } from './alert-detail.ts';
export {
  authenticityCodeKey,
  CODE_LENGTH,
  type CodeKey,
  codeFor,
  formatCode,
  issueCode,
  type ParsedCode,
  parseCode,
  verifyTag,
} from './codes.ts';
export { type IssuedBatch, issueCodes, MAX_CODES_PER_BATCH } from './issue-codes.ts';
export { LABELS_PER_PAGE, type LabelSheetOptions, labelSheetPdf, type PaperSize } from './label-sheet.ts';
export {
  type Certification,
  CertificationSchema,
  type CreateLotInput,
  CreateLotSchema,
  createLot,
  getLot,
  type Lot,
  listProductLots,
  US_STATES,
} from './lots.ts';
export {
  type AlertReason,
  type AuthenticityAlert,
  type LotProvenance,
  listAuthenticityAlerts,
  resolveAuthenticityAlert,
  type ScanResult,
  verifyScan,
} from './verify-scan.ts';
