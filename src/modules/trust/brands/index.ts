/**
 * The brand registry: brands with their trademarks and the documents proving them, reference
 * products (prices) and images, the sellers a brand owner authorizes, and which listings name
 * which brand.
 */
export {
  authorizationCovers,
  authorizeSeller,
  type BrandAuthorization,
  dueExpiredAuthorizations,
  getAuthorization,
  isSellerAuthorized,
  listAuthorizations,
  lockSellerAuthorizations,
  markExpiryHandled,
  revokeAuthorization,
  sellerAuthorizations,
  unauthorizedBrandLinks,
} from './authorizations.ts';
export { brandDetail } from './brand-detail.ts';
export {
  addBrandDocument,
  type Brand,
  type BrandDocument,
  brandOwnedBy,
  brandStatuses,
  getBrand,
  listBrandDocuments,
  listBrands,
  registerBrand,
  reviewBrand,
} from './brands.ts';
export {
  type BrandListingLink,
  brandLinksOfListings,
  linkListingToBrand,
  listingsLinkedToBrand,
  unlinkListingFromBrands,
} from './listing-links.ts';
export {
  BrandMatcher,
  type BrandMention,
  type BrandTerms,
  findBrandMentions,
  normalizeBrandText,
} from './mentions.ts';
export {
  addReferenceImage,
  addReferenceProduct,
  brandIdOfReferenceImageRef,
  brandReferenceProducts,
  type ReferenceImage,
  type ReferenceProduct,
  referenceImageRef,
  verifiedBrandReferenceImageRefs,
} from './reference.ts';
export {
  type AuthorizeSellerInput,
  AuthorizeSellerSchema,
  BRAND_DOCUMENT_KINDS,
  BRAND_STATUSES,
  type BrandDocumentKind,
  BrandDocumentSchema,
  type BrandStatus,
  MAX_BRAND_DOCUMENT_BYTES,
  MAX_REFERENCE_IMAGE_BYTES,
  ReferenceImageSchema,
  type ReferenceProductInput,
  ReferenceProductSchema,
  type RegisterBrandInput,
  RegisterBrandSchema,
  ReviewBrandSchema,
  TRADEMARK_OFFICES,
  type TrademarkOffice,
} from './schemas.ts';
