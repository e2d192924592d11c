-- China CBEC annual limit per buyer and calendar year (reference §1a: CNY 26,000, C1-C5).
-- The limit is enforced here, by the CHECK and a conditional upsert, never in-process:
-- several Heartland processes share the database.
CREATE TABLE cn_annual_allowances (
  buyer_id   text    NOT NULL,
  year       integer NOT NULL CHECK (year BETWEEN 2019 AND 2200),
  limit_fen  bigint  NOT NULL CHECK (limit_fen > 0),
  used_fen   bigint  NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (buyer_id, year),
  CHECK (used_fen >= 0 AND used_fen <= limit_fen)
);

-- What each reference (an order id) reserved, so a retry reserves nothing more and a release
-- restores exactly that amount, once.
CREATE TABLE cn_allowance_reservations (
  reference   text        PRIMARY KEY CHECK (length(reference) BETWEEN 1 AND 100),
  buyer_id    text        NOT NULL,
  year        integer     NOT NULL,
  amount_fen  bigint      NOT NULL CHECK (amount_fen > 0),
  reserved_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz
);
CREATE INDEX cn_allowance_reservations_buyer ON cn_allowance_reservations (buyer_id, year);
