/** Sellers: US businesses on Heartland, their onboarding, verification state and small-business facts. */
export {
  type SellerCensusRow,
  SMALL_BUSINESS_MAX_EMPLOYEES,
  sellerCensus,
} from './census.js';
export { EIN_FORMAT, einProblem, maskEin, VALID_EIN_PREFIXES } from './ein.js';
export { OnboardSellerInput, onboardSeller } from './onboard-seller.js';
export { getSeller, listSellers, type SellerFacts, sellerFacts } from './read-sellers.js';
export { SellerIdParam, SellerViewSchema, sellersRoutes } from './routes.js';
export {
  publicSellerView,
  SELLER_STATES,
  SELLER_TRANSITIONS,
  type SellerState,
  type SellerView,
} from './seller-view.js';
export { transitionSeller } from './transition-seller.js';
export { getVerificationDocument, type VerificationDocument } from './verification-documents.js';
export {
  FARM_DOCUMENT_KINDS,
  type FarmDocumentKind,
  isValidAbaRoutingNumber,
  isValidZip,
  MAX_DOCUMENT_BYTES,
  VERIFICATION_KINDS,
  VerificationItemInput,
  type VerificationKind,
} from './verification-evidence.js';
export {
  decideVerificationItem,
  getVerificationItem,
  listVerificationItems,
  type SellerVerification,
  sellerVerification,
  submitVerificationItem,
  type VerificationItem,
  type VerificationItemStatus,
} from './verification-items.js';
export {
  badgeLabel,
  computeVerification,
  REQUIREMENTS,
  type Requirement,
  type VerificationStanding,
  verificationDefinitions,
} from './verification-levels.js';
