-- Evidence a seller submits for its verification levels (issue 4): business registration, business
-- address, payout bank account, farm documents. Each is decided by a trust agent; the level itself is
-- computed from the approved items, never stored.
CREATE TABLE seller_verification_items (
  id              text        PRIMARY KEY CHECK (id ~ '^svi_[0-9a-f]{32}$'),
  seller_id       text        NOT NULL REFERENCES sellers (id),
  kind            text        NOT NULL CHECK (kind IN ('business_registration', 'business_address', 'bank_account',
                                'farm_document')),
  -- The kind, or 'farm_document:<document kind>': at most one item per slot waits for review.
  slot            text        NOT NULL CHECK (slot = kind OR slot LIKE kind || ':%'),
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  -- Kind-specific facts. A bank account keeps only its last four digits here: the full number is
  -- never stored, only its keyed hash below (to spot one account paying out for two sellers).
  details         jsonb       NOT NULL CHECK (jsonb_typeof(details) = 'object' AND NOT details ? 'accountNumber'),
  account_hmac    text        CHECK (account_hmac IS NULL OR account_hmac ~ '^[0-9a-f]{64}$'),
  document_name   text        CHECK (document_name IS NULL OR char_length(document_name) BETWEEN 1 AND 200),
  document_sha256 text        CHECK (document_sha256 IS NULL OR document_sha256 ~ '^[0-9a-f]{64}$'),
  document_bytes  integer     CHECK (document_bytes IS NULL OR document_bytes BETWEEN 0 AND 5242880),
  -- An organic certificate's expiry: past it the item no longer counts towards a badge.
  expires_on      date,
  submitted_by    text        NOT NULL,
  submitted_at    timestamptz NOT NULL,
  decided_by      text,
  decided_at      timestamptz,
  decision_reason text        CHECK (decision_reason IS NULL OR char_length(decision_reason) BETWEEN 1 AND 1000),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((kind = 'bank_account') = (account_hmac IS NOT NULL))
);
CREATE UNIQUE INDEX seller_verification_items_one_pending ON seller_verification_items (seller_id, slot)
  WHERE status = 'pending';
CREATE INDEX seller_verification_items_by_seller ON seller_verification_items (seller_id, id);
CREATE INDEX seller_verification_items_account ON seller_verification_items (account_hmac)
  WHERE account_hmac IS NOT NULL;

-- Uploaded documents (at most 5 MB each), apart from the items so listing items stays light.
CREATE TABLE seller_verification_documents (
  item_id text  PRIMARY KEY REFERENCES seller_verification_items (id),
  content bytea NOT NULL
);
