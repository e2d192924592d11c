-- Catalog: categories, products, variants (SKUs), translations, images, stock.
-- Citus: every product row carries seller_id, the distribution key; keys and unique constraints
-- include it so they stay enforceable per shard, and foreign keys between catalog tables are
-- colocated. Ids are time-ordered UUIDv7 (never reused), looked up through plain indexes.
-- `categories` and `catalog_sellers` are small: reference tables under Citus.

CREATE TABLE categories (
  slug        text        PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 64),
  parent_slug text        REFERENCES categories (slug) DEFERRABLE INITIALLY DEFERRED,
  names       jsonb       NOT NULL CHECK (names ?& ARRAY['en', 'zh-Hans', 'zh-Hant', 'ja', 'ko']),
  -- Services cross no border as goods: their categories have no HS code.
  hs_code     text        CHECK (hs_code ~ '^[0-9]{6,10}$'),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_slug IS NULL OR parent_slug <> slug)
);

-- Whether a seller's listings may be shown (written by the seller-verification flow). Product
-- creation reads it under a share lock, so a listing created while its seller is being suspended
-- cannot come out visible.
CREATE TABLE catalog_sellers (
  seller_id  text        PRIMARY KEY,
  visible    boolean     NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  seller_id      text        NOT NULL,
  id             text        NOT NULL CHECK (id ~ '^prd_[0-9a-f]{32}$'),
  kind           text        NOT NULL CHECK (kind IN ('goods', 'service')),
  category_slug  text        NOT NULL REFERENCES categories (slug),
  brand          text        CHECK (brand IS NULL OR char_length(brand) BETWEEN 1 AND 100),
  origin_state   text        NOT NULL CHECK (origin_state ~ '^[A-Z]{2}$'),
  hs_code        text        CHECK (hs_code ~ '^[0-9]{6,10}$'),
  status         text        NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  seller_visible boolean     NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (seller_id, id),
  -- Goods are classified for customs; services are not.
  CHECK ((kind = 'goods') = (hs_code IS NOT NULL))
);
CREATE INDEX products_by_id ON products (id);
CREATE INDEX products_by_category ON products (category_slug) WHERE status = 'active' AND seller_visible;

CREATE TABLE product_translations (
  seller_id   text NOT NULL,
  product_id  text NOT NULL,
  locale      text NOT NULL CHECK (locale IN ('en', 'zh-Hans', 'zh-Hant', 'ja', 'ko')),
  title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 5000),
  PRIMARY KEY (seller_id, product_id, locale),
  FOREIGN KEY (seller_id, product_id) REFERENCES products (seller_id, id) ON DELETE CASCADE
);

CREATE TABLE product_images (
  seller_id  text    NOT NULL,
  product_id text    NOT NULL,
  position   integer NOT NULL CHECK (position >= 0),
  url        text    NOT NULL CHECK (char_length(url) <= 2048 AND (url ~ '^https://' OR url ~ '^/[^/]')),
  alt        text    CHECK (alt IS NULL OR char_length(alt) <= 300),
  PRIMARY KEY (seller_id, product_id, position),
  FOREIGN KEY (seller_id, product_id) REFERENCES products (seller_id, id) ON DELETE CASCADE
);

-- A variant is never deleted (orders keep its id): one dropped from its product is retired.
CREATE TABLE variants (
  seller_id    text        NOT NULL,
  id           text        NOT NULL CHECK (id ~ '^var_[0-9a-f]{32}$'),
  product_id   text        NOT NULL,
  sku          text        NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  price_usd    bigint      NOT NULL CHECK (price_usd > 0),
  stock        integer     NOT NULL CHECK (stock >= 0),
  weight_grams integer     CHECK (weight_grams IS NULL OR weight_grams > 0),
  attributes   jsonb       NOT NULL DEFAULT '{}',
  position     integer     NOT NULL CHECK (position >= 0),
  retired_at   timestamptz,
  PRIMARY KEY (seller_id, id),
  CONSTRAINT variants_sku_unique UNIQUE (seller_id, sku),
  FOREIGN KEY (seller_id, product_id) REFERENCES products (seller_id, id)
);
CREATE INDEX variants_by_id ON variants (id);
CREATE INDEX variants_by_product ON variants (seller_id, product_id, position);
