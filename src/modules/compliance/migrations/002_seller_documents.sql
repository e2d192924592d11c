-- Seller documents: registrations and certificates a listing relies on to be shown in a market
-- (data/trade-rules/documents/requirements.json). Dates are calendar dates; a document is valid
-- on day D when issued_on <= D <= expires_on (no expiry: from issued_on on) and it is not revoked.
-- Documents are never deleted: a wrong or withdrawn one is revoked, with who, when and why.
-- Citus: seller_id is the distribution key.
CREATE TABLE seller_documents (
  seller_id     text        NOT NULL CHECK (seller_id ~ '^sel_[0-9a-f]{32}$'),
  id            text        NOT NULL CHECK (id ~ '^doc_[0-9a-f]{32}$'),
  type          text        NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]{2,63}$'),
  -- The destination, for documents issued per market (a phytosanitary certificate).
  market        text        CHECK (market ~ '^[A-Z]{2}$'),
  number        text        NOT NULL CHECK (char_length(number) BETWEEN 1 AND 100),
  issuer        text        NOT NULL CHECK (char_length(issuer) BETWEEN 1 AND 200),
  issued_on     date        NOT NULL,
  expires_on    date        CHECK (expires_on IS NULL OR expires_on >= issued_on),
  recorded_by   text        NOT NULL,
  recorded_at   timestamptz NOT NULL,
  revoked_at    timestamptz,
  revoked_by    text,
  revoke_reason text        CHECK (revoke_reason IS NULL OR char_length(revoke_reason) BETWEEN 1 AND 1000),
  PRIMARY KEY (seller_id, id),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX seller_documents_by_id ON seller_documents (id);
-- The same registration recorded twice is a mistake (a retry, a double click); a renewal has a new issue date.
CREATE UNIQUE INDEX seller_documents_current ON seller_documents (seller_id, type, coalesce(market, ''), number, issued_on)
  WHERE revoked_at IS NULL;

-- The scanned or issued file, apart from the row so listing documents never reads the bytes.
CREATE TABLE seller_document_files (
  seller_id    text    NOT NULL,
  document_id  text    NOT NULL,
  content_type text    NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes   integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256       text    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name    text    CHECK (file_name IS NULL OR char_length(file_name) BETWEEN 1 AND 200),
  bytes        bytea   NOT NULL CHECK (octet_length(bytes) = size_bytes),
  PRIMARY KEY (seller_id, document_id),
  FOREIGN KEY (seller_id, document_id) REFERENCES seller_documents (seller_id, id)
);
