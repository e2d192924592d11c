/** Sellers: US businesses on Heartland, their onboarding, verification state and small-business facts. */
export {
  type SellerCensusRow,
  SMALL_BUSINESS_MAX_EMPLOYEES,
  sellerCensus,
} from './census.ts';
export { EIN_FORMAT, einProblem, maskEin, VALID_EIN_PREFIXES } from './ein.ts';
export { OnboardSellerInput, onboardSeller } from './onboard-seller.ts';
export { getSeller, listSellers, MAX_LIST_LIMIT, type SellerFacts, sellerFacts } from './read-sellers.ts';
export { BadgesView, SellerViewSchema, sellersRoutes } from './routes.ts';
export { type PublicBadges, publicSellerBadges } from './seller-badges.ts';
export {
  publicSellerView,
  SELLER_STATES,
  SELLER_TRANSITIONS,
  type SellerState,
  type SellerView,
} from './seller-view.ts';
export { transitionSeller } from './transition-seller.ts';
export { getVerificationDocument, type VerificationDocument } from './verification-documents.ts';
export {
  FARM_DOCUMENT_KINDS,
  type FarmDocumentKind,
  isValidAbaRoutingNumber,
  isValidZip,
  MAX_DOCUMENT_BYTES,
  VERIFICATION_KINDS,
  VerificationItemInput,
  type VerificationKind,
} from './verification-evidence.ts';
export {
  decideVerificationItem,
  getVerificationItem,
  listVerificationItems,
  type SellerVerification,
  sellerVerification,
  submitVerificationItem,
  type VerificationItem,
  type VerificationItemStatus,
} from './verification-items.ts';
export {
  badgeLabel,
  computeVerification,
  REQUIREMENTS,
  type Requirement,
  type VerificationStanding,
  verificationDefinitions,
} from './verification-levels.ts';
