/** Catalog: categories, products, variants (SKUs), translations, images, stock and prices in USD. */

export {
  hasImageVariants,
  IMAGE_VARIANT_FORMATS,
  IMAGE_VARIANT_WIDTHS,
  type ImageVariantFormat,
  type ImageVariantWidth,
  imageSrcSet,
  PRODUCT_PICTURE_SIZES,
} from '../../../common/image-sizes.ts';
export { type CategoryInput, type CategoryView, listCategories, loadCategories } from './categories.ts';
export { createProduct, PRODUCT_CHANGED } from './create-product.ts';
export { type ImageVariant, imageVariant, imageVariantEtag } from './image-variants.ts';
export { allProductIds, type ProductIndexDoc, productsForIndex } from './index-docs.ts';
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
} from './media.ts';
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
} from './product-input.ts';
export { type ProductView, TRUST_HOLDS, type TrustHold, type VariantView } from './product-view.ts';
export {
  type CheckoutVariant,
  getProduct,
  getProducts,
  getVariantsForCheckout,
  listSellerProducts,
  MAX_PAGE,
  type VariantExportFacts,
  variantExportFacts,
} from './read-products.ts';
export { CategoryViewSchema, catalogRoutes, ProductViewSchema } from './routes.ts';
export { setSellerVisibility } from './seller-visibility.ts';
export { releaseStock, reserveStock, type StockLine, setStock } from './stock.ts';
export { type ListingCheck, sellerListingsOfBrand, setTrustHold } from './trust-hold.ts';
export { PRODUCT_STATUS_TRANSITIONS, updateProduct } from './update-product.ts';
export { localizeAttributes, type VariantAttributes } from './variant-attributes.ts';
