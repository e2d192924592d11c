-- Perceptual hashes of listing images and of verified brands' reference images. The 64-bit hash
-- is stored as int8 two's complement (the code converts to and from unsigned bigint); lookups go
-- through the in-memory multi-index, so there is no index on the hash itself.
CREATE TABLE image_fingerprints (
  image_ref   text        PRIMARY KEY CHECK (char_length(image_ref) BETWEEN 1 AND 500),
  owner_kind  text        NOT NULL CHECK (owner_kind IN ('listing', 'brand_reference')),
  owner_id    text        NOT NULL CHECK (char_length(owner_id) BETWEEN 1 AND 200),
  seller_id   text,
  hash        bigint      NOT NULL,
  mirrored    bigint      NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX image_fingerprints_owner ON image_fingerprints (owner_kind, owner_id);
