/** Catalog: categories, products, variants (SKUs), translations, images, stock and prices in USD. */
export { type CategoryInput, type CategoryView, listCategories, loadCategories } from './categories.js';
export { createProduct, PRODUCT_CHANGED } from './create-product.js';
export { allProductIds, type ProductIndexDoc, productsForIndex } from './index-docs.js';
export {
  IMAGE_CONTENT_TYPES,
  type ImageContentType,
  type ImageFile,
  type ImageId,
  type InspectedImage,
  imageUrl,
  inspectImage,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  readImage,
  readImageByPublicPath,
  readImageFile,
  type StoredImage,
  sniffImageType,
  storeImage,
  withoutMetadata,
} from './media.js';
export {
  ECCN_PATTERN,
  isCountryCode,
  isImageUrl,
  MAX_PRICE_USD_MINOR,
  MAX_STOCK,
  type ProductInput,
  ProductInputSchema,
  type ProductKind,
  type ProductPatch,
  ProductPatchSchema,
  type ProductStatus,
  SCHEDULE_B_PATTERN,
  type TranslationInput,
  type VariantInput,
} from './product-input.js';
export { type ProductView, TRUST_HOLDS, type TrustHold, type VariantView } from './product-view.js';
export {
  type CheckoutVariant,
  getProduct,
  getVariantsForCheckout,
  listSellerProducts,
  type VariantExportFacts,
  variantExportFacts,
} from './read-products.js';
export { catalogRoutes } from './routes.js';
export { setSellerVisibility } from './seller-visibility.js';
export { releaseStock, reserveStock, type StockLine, setStock } from './stock.js';
export { type ListingCheck, sellerListingsOfBrand, setTrustHold } from './trust-hold.js';
export { PRODUCT_STATUS_TRANSITIONS, updateProduct } from './update-product.js';
export { localizeAttributes, type VariantAttributes } from './variant-attributes.js';
