-- Listing images: the bytes a seller uploaded (or the platform generated, seller_id NULL), served
-- at /media/<id>.<ext>. The type is what the bytes' magic numbers say, never the upload's header.
-- One row per (seller, content): a re-upload of the same bytes returns the stored image.
-- `public_path` is an extra URL a platform image is served at (the demo catalog's
-- /demo-images/<slug>.jpg), NULL for uploads.
-- Citus: seller_id is NULL for platform images, so this table stays a local (or reference) table
-- rather than being distributed by seller.
CREATE TABLE catalog_media (
  id           text        PRIMARY KEY CHECK (id ~ '^img_[0-9a-f]{32}$'),
  seller_id    text        CHECK (seller_id ~ '^sel_[0-9a-f]{32}$'),
  content_type text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes        bytea       NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 10485760),
  sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  width        integer     NOT NULL CHECK (width > 0),
  height       integer     NOT NULL CHECK (height > 0),
  public_path  text        UNIQUE CHECK (public_path ~ '^/[a-z0-9-]+/[a-z0-9._-]+$'),
  created_at   timestamptz NOT NULL,
  CHECK (width::bigint * height <= 40000000)
);
CREATE UNIQUE INDEX catalog_media_content ON catalog_media (seller_id, sha256) NULLS NOT DISTINCT;
