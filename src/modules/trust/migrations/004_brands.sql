-- The brand registry: brands with their trademark, the documents that prove it, reference products
-- (with reference prices) and images, the sellers a brand owner authorizes, and which listings name
-- which brand. Ids of other modules' rows (users, sellers, products) are stored, never joined.

-- Every change to a brand takes a new version from this sequence, so a process's in-memory brand
-- terms know they are stale with one index lookup (max(version)); values are never reused.
CREATE SEQUENCE brands_version_seq;

CREATE TABLE brands (
  id                   text        PRIMARY KEY,
  owner_user_id        text        NOT NULL,
  name                 text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- Brand terms per locale: {"en": ["Marathon Root"], "zh-Hans": ["马拉松根"], ...}.
  terms                jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(terms) = 'object'),
  tm_office            text        NOT NULL CHECK (tm_office IN ('USPTO', 'CNIPA', 'JPO', 'KIPO', 'EUIPO',
                                     'WIPO', 'TIPO', 'HKIPD', 'IPOS', 'IPVN', 'DIP', 'MYIPO', 'IPOPHL', 'DGIP')),
  tm_registration_number text      NOT NULL CHECK (char_length(tm_registration_number) BETWEEN 1 AND 40),
  tm_classes           int[]       NOT NULL CHECK (cardinality(tm_classes) BETWEEN 1 AND 45
                                     AND 1 <= ALL (tm_classes) AND 45 >= ALL (tm_classes)),
  tm_owner_name        text        NOT NULL CHECK (char_length(tm_owner_name) BETWEEN 1 AND 200),
  status               text        NOT NULL DEFAULT 'pending'
                                     CHECK (status IN ('pending', 'verified', 'rejected', 'suspended')),
  status_reason        text,
  reviewed_by          text,
  reviewed_at          timestamptz,
  version              bigint      NOT NULL DEFAULT nextval('brands_version_seq'),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
-- One live registration per trademark: a rejected claim does not block the real owner.
CREATE UNIQUE INDEX brands_one_per_trademark ON brands (tm_office, tm_registration_number)
  WHERE status <> 'rejected';
CREATE INDEX brands_owner ON brands (owner_user_id);
CREATE INDEX brands_version ON brands (version);
CREATE INDEX brands_verified ON brands (id) WHERE status = 'verified';

CREATE TABLE brand_documents (
  id            text        PRIMARY KEY,
  brand_id      text        NOT NULL REFERENCES brands (id),
  kind          text        NOT NULL CHECK (kind IN ('trademark_certificate', 'assignment', 'license', 'other')),
  file_name     text        NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
  content_type  text        NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size     int         NOT NULL CHECK (byte_size BETWEEN 1 AND 5242880),
  content       bytea       NOT NULL,
  uploaded_by   text        NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX brand_documents_brand ON brand_documents (brand_id, created_at);

CREATE TABLE brand_reference_products (
  id                   text        PRIMARY KEY,
  brand_id             text        NOT NULL REFERENCES brands (id),
  name                 text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  category_slug        text,
  -- USD minor units (cents).
  reference_price_usd  bigint      NOT NULL CHECK (reference_price_usd > 0),
  created_at           timestamptz NOT NULL
);
CREATE INDEX brand_reference_products_brand ON brand_reference_products (brand_id, created_at);

-- The fingerprint itself lives in image_fingerprints (owner_kind 'brand_reference'); this row says
-- whose image it is and which reference product it shows.
CREATE TABLE brand_reference_images (
  image_ref       text        PRIMARY KEY,
  brand_id        text        NOT NULL REFERENCES brands (id),
  product_ref_id  text        REFERENCES brand_reference_products (id),
  sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size       int         NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX brand_reference_images_brand ON brand_reference_images (brand_id);

CREATE TABLE brand_authorizations (
  id           text        PRIMARY KEY,
  brand_id     text        NOT NULL REFERENCES brands (id),
  seller_id    text        NOT NULL,
  -- null: every product of the seller; otherwise these product ids.
  product_ids  text[]      CHECK (product_ids IS NULL OR cardinality(product_ids) BETWEEN 1 AND 500),
  -- null: every market; otherwise these market codes.
  markets      text[]      CHECK (markets IS NULL OR cardinality(markets) BETWEEN 1 AND 20),
  valid_until  timestamptz,
  created_by   text        NOT NULL,
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  revoked_by   text,
  reason       text        CHECK (reason IS NULL OR char_length(reason) <= 500),
  -- Set when the expiry timer has hidden what this authorization no longer covers.
  expiry_handled_at timestamptz,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX brand_authorizations_brand_seller ON brand_authorizations (brand_id, seller_id);
CREATE INDEX brand_authorizations_seller ON brand_authorizations (seller_id);
CREATE INDEX brand_authorizations_expiring ON brand_authorizations (valid_until)
  WHERE revoked_at IS NULL AND valid_until IS NOT NULL AND expiry_handled_at IS NULL;

-- Which listings name which brand, written by the listing check.
CREATE TABLE brand_listing_links (
  brand_id      text        NOT NULL REFERENCES brands (id),
  seller_id     text        NOT NULL,
  product_id    text        NOT NULL,
  matched_term  text        NOT NULL CHECK (char_length(matched_term) BETWEEN 1 AND 200),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (brand_id, product_id)
);
CREATE INDEX brand_listing_links_seller ON brand_listing_links (brand_id, seller_id);
CREATE INDEX brand_listing_links_product ON brand_listing_links (product_id);
