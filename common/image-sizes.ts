/**
 * The sizes listing pictures are served at, shared by the server (which makes them) and the web
 * app (which names them in srcset, web/src/picture.tsx) and its preload hint (src/http/web-app.ts).
 * Plain constants: the browser bundle imports this file.
 *
 * Widths from the layouts: a card in the two-column phone grid is ~190 CSS px (≈ 330 device px at
 * 1.75×), a product picture ~390 CSS px (≈ 680); on a desktop at 2× a card is 480 and a product
 * picture 960. A short fixed list keeps the server's cache bounded: nobody can ask for a thousand sizes.
 */
export const IMAGE_VARIANT_WIDTHS = [360, 540, 720, 960] as const;
export type ImageVariantWidth = (typeof IMAGE_VARIANT_WIDTHS)[number];
/** Best first: a browser takes the first <source> type it can show. */
export const IMAGE_VARIANT_FORMATS = ['avif', 'webp'] as const;
export type ImageVariantFormat = (typeof IMAGE_VARIANT_FORMATS)[number];

/** The product page's picture width (web/src/styles.css: main's 12 px padding, 480 px column from 960 px). */
export const PRODUCT_PICTURE_SIZES = '(min-width: 960px) 480px, calc(100vw - 24px)';

/** Only the store's own pictures (/media/…, /demo-images/…) have variants; a seller's https URL has none. */
export const hasImageVariants = (url: string) =>
  /^\/(media|demo-images)\/[^/?#]+\.(jpe?g|png|webp)$/.test(url);

/** A `srcset` of the picture's variants in one format. */
export const imageSrcSet = (url: string, format: ImageVariantFormat) =>
  IMAGE_VARIANT_WIDTHS.map((w) => `${url}?w=${w}&format=${format} ${w}w`).join(', ');
