/** Sellers: US businesses on Heartland, their onboarding, verification state and small-business facts. */
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
