/**
 * Search: a multilingual product index in PostgreSQL full-text search (CJK bigrams, Traditional→
 * Simplified folding, synonyms across languages, trigram typo matching), fed from catalog's
 * outbox as a read model. Queries, facets, suggestions and the public routes.
 */
export { ANALYZER_ID, normalize, tokenize } from './analyze.ts';
export { indexDocuments, removeDocuments } from './index-documents.ts';
export {
  clearListingMarkets,
  type ListingMarkets,
  type ListingMarketsRefresher,
  type ListingMarketWindow,
  setListingMarkets,
} from './listing-markets.ts';
export { SearchResponse, SuggestResponse, searchRoutes } from './routes.ts';
export { MAX_PAGE_SIZE, PRICE_BUCKETS_USD, searchProducts } from './search-products.ts';
export { suggest } from './suggest.ts';
export {
  PRODUCT_CHANGED_TOPIC,
  reindexAll,
  searchIndexIsStale,
  syncSearchIndex,
} from './sync-search-index.ts';
export type {
  IndexableProduct,
  PriceRangeFacet,
  SearchHit,
  SearchQuery,
  SearchResult,
  SearchSort,
  Suggestion,
} from './types.ts';
