-- Authenticity codes and the provenance of their lots (issue 4). Seller, product and market ids
-- belong to other modules: plain text, no foreign keys.

CREATE TABLE authenticity_lots (
  id                   text PRIMARY KEY,
  seller_id            text NOT NULL,
  product_id           text NOT NULL,
  lot_number           text NOT NULL,
  farm_name            text NOT NULL,
  us_state             text NOT NULL CHECK (us_state ~ '^[A-Z]{2}$'),
  county               text NOT NULL,
  harvested_or_made_on date NOT NULL,
  -- [{ scheme, number, certifier, expiresOn }]
  certifications       jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(certifications) = 'array'),
  -- Markets the lot was sold to; NULL while unknown (no market check then).
  sold_to_markets      text[],
  -- Hash of the creating request, so a retry with the same lot number is told from a clash.
  request_hash         text NOT NULL,
  created_at           timestamptz NOT NULL,
  UNIQUE (seller_id, product_id, lot_number)
);

-- One issuing run of codes for a lot; the reference makes a retried run return the same codes.
CREATE TABLE authenticity_code_batches (
  id         text PRIMARY KEY,
  lot_id     text NOT NULL REFERENCES authenticity_lots (id),
  reference  text NOT NULL,
  count      integer NOT NULL CHECK (count BETWEEN 1 AND 10000),
  issued_at  timestamptz NOT NULL,
  UNIQUE (lot_id, reference)
);

-- The serial only: the tag is recomputed from the serial and the key, never stored.
CREATE TABLE authenticity_codes (
  serial     bigint PRIMARY KEY CHECK (serial >= 0 AND serial < 281474976710656),
  batch_id   text NOT NULL REFERENCES authenticity_code_batches (id),
  lot_id     text NOT NULL REFERENCES authenticity_lots (id),
  seller_id  text NOT NULL,
  product_id text NOT NULL,
  issued_at  timestamptz NOT NULL
);
CREATE INDEX authenticity_codes_batch ON authenticity_codes (batch_id);

-- Every scan, forged ones too (their serial need not exist). client_ref is an opaque caller
-- reference (a hashed IP or an app install id), never a raw IP.
CREATE TABLE authenticity_scans (
  id         bigserial PRIMARY KEY,
  serial     bigint NOT NULL,
  at         timestamptz NOT NULL,
  market     text NOT NULL,
  client_ref text,
  outcome    text NOT NULL CHECK (outcome IN ('genuine', 'unknown', 'forged'))
);
CREATE INDEX authenticity_scans_serial ON authenticity_scans (serial, at);

CREATE TABLE authenticity_alerts (
  id          bigserial PRIMARY KEY,
  serial      bigint NOT NULL,
  scan_id     bigint NOT NULL REFERENCES authenticity_scans (id),
  seller_id   text NOT NULL,
  lot_id      text NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('scanned_in_another_market', 'market_not_sold_to')),
  at          timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE INDEX authenticity_alerts_open ON authenticity_alerts (seller_id, at) WHERE resolved_at IS NULL;
