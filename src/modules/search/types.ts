import type { Locale } from '../../kernel/locales.ts';
import type { UsState } from '../../kernel/us-states.ts';
import type { Money } from '../../money/index.ts';

/**
 * What search reads about a product: the shape of catalog's `ProductIndexDoc`
 * (catalog's type is assignable to it). Search keeps no other copy of catalog data.
 */
export interface IndexableProduct {
  productId: string;
  sellerId: string;
  categorySlug: string;
  /** Slugs from the root to the product's category; a category filter matches any of them. */
  categoryPath: readonly string[];
  categoryNames: Partial<Record<Locale, string>>;
  brand: string | null;
  originState: UsState;
  visible: boolean;
  minPriceUsd: Money;
  maxPriceUsd: Money;
  inStock: boolean;
  translations: Partial<Record<Locale, { title: string; description: string }>>;
  /** The URL of the listing's first picture, for result grids; null or absent when it has none. */
  pictureUrl?: string | null;
  /** ISO 8601 timestamp of the catalog change this document reflects. */
  updatedAt: string;
}

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest';
export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;

export interface SearchQuery {
  q?: string;
  locale: Locale;
  /** A category slug; matches products in that category or any category below it. */
  category?: string;
  /** Only products that may be shown in this market (their listing is eligible there) at `at`. */
  market?: string;
  /** The instant the market filter is for; the caller's clock (now when omitted). */
  at?: Date;
  state?: UsState;
  /** Inclusive bounds on the product's lowest price, in USD cents. */
  minPriceUsd?: bigint;
  maxPriceUsd?: bigint;
  inStock?: boolean;
  sort?: SearchSort;
  /** 1-based. */
  page?: number;
  /** At most 50. */
  pageSize?: number;
}

export interface SearchHit {
  productId: string;
  sellerId: string;
  /** In the requested locale, falling back to English, then to any translation. */
  title: string;
  /** The language `title` is in. */
  titleLocale: Locale;
  categorySlug: string;
  originState: UsState;
  minPriceUsd: Money;
  /** The listing's first picture, from the index document (no catalog read per hit); null: none. */
  pictureUrl: string | null;
  score: number;
}

export interface PriceRangeFacet {
  /** USD cents, inclusive. */
  min: number;
  /** USD cents, exclusive; null for the open top bucket. */
  max: number | null;
  count: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: {
    categories: { slug: string; count: number }[];
    states: { code: string; count: number }[];
    priceRangesUsd: PriceRangeFacet[];
  };
  tookMs: number;
}

export interface Suggestion {
  productId: string;
  title: string;
}
