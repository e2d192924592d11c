-- Search read model: one row per catalog product, fed from catalog's outbox events
-- ('catalog.product_changed'). Tokens are computed in the application (src/modules/search/analyze.ts:
-- NFKC, lowercase, Traditional→Simplified, ICU words, CJK/Hangul bigrams, English plural stems) and
-- stored space-separated, so the 'simple' configuration only has to split on spaces.
-- Needs pg_trgm (platform migration) and a UTF-8 ctype, so trigrams keep CJK characters.
CREATE TABLE search_documents (
  product_id        text        PRIMARY KEY,
  seller_id         text        NOT NULL,
  category_slug     text        NOT NULL,
  category_path     text[]      NOT NULL DEFAULT '{}',
  origin_state      text        NOT NULL,
  visible           boolean     NOT NULL,
  min_price_usd     bigint      NOT NULL CHECK (min_price_usd >= 0),
  max_price_usd     bigint      NOT NULL CHECK (max_price_usd >= min_price_usd),
  in_stock          boolean     NOT NULL,
  -- Weight A: titles in every locale and the brand; B: category names and origin state; C: descriptions.
  title_tokens      text        NOT NULL,
  meta_tokens       text        NOT NULL,
  body_tokens       text        NOT NULL,
  tsv               tsvector    GENERATED ALWAYS AS (
                      setweight(to_tsvector('simple', title_tokens), 'A') ||
                      setweight(to_tsvector('simple', meta_tokens), 'B') ||
                      setweight(to_tsvector('simple', body_tokens), 'C')) STORED,
  -- Latin words of the English title and the brand, for pg_trgm typo matching (ginsing → ginseng).
  latin_text        text        NOT NULL,
  -- Display titles by locale ({"en": "...", "zh-Hans": "..."}), as the seller wrote them.
  titles            jsonb       NOT NULL,
  -- Normalized titles by locale, for prefix suggestions.
  titles_normalized jsonb       NOT NULL,
  -- The catalog's updatedAt: a slower indexer never overwrites a newer document with an older one.
  source_updated_at timestamptz NOT NULL,
  indexed_at        timestamptz NOT NULL DEFAULT now(),
  analyzer          text        NOT NULL
);

CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv);
CREATE INDEX search_documents_latin_trgm ON search_documents USING gin (latin_text gin_trgm_ops);
CREATE INDEX search_documents_category_path ON search_documents USING gin (category_path);
CREATE INDEX search_documents_visible_price ON search_documents (min_price_usd) WHERE visible;
CREATE INDEX search_documents_visible_newest ON search_documents (source_updated_at DESC) WHERE visible;
CREATE INDEX search_documents_indexed_at ON search_documents (indexed_at);

-- Vocabulary of Latin words in titles and brands, for typo correction: a query word that
-- finds nothing is replaced by the indexed words most similar to it (pg_trgm), the way the
-- PostgreSQL manual suggests for spelling suggestions. Rebuilt by a full reindex.
CREATE TABLE search_terms (
  term text PRIMARY KEY
);
CREATE INDEX search_terms_trgm ON search_terms USING gin (term gin_trgm_ops);

-- What built the index (analyzer version and ICU version): a different one means rebuild.
CREATE TABLE search_index_state (
  key   text PRIMARY KEY,
  value text NOT NULL,
  at    timestamptz NOT NULL DEFAULT now()
);
