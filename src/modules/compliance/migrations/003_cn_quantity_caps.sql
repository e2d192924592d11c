-- China CBEC Positive List quantity caps per buyer, calendar year (China time) and cap (reference
-- §1d: e.g. sugar ≤ 2 kg, long-grain rice ≤ 20 kg per person per year; C12, C5). Enforced here,
-- by the CHECK and a conditional upsert, never in-process: several Heartland processes share the
-- database. cap_id is the cap's rule id in data/trade-rules/cn.json.
CREATE TABLE cn_quantity_cap_usage (
  buyer_id    text    NOT NULL,
  year        integer NOT NULL CHECK (year BETWEEN 2016 AND 2200),
  cap_id      text    NOT NULL CHECK (length(cap_id) BETWEEN 1 AND 80),
  limit_grams bigint  NOT NULL CHECK (limit_grams > 0),
  used_grams  bigint  NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (buyer_id, year, cap_id),
  CHECK (used_grams >= 0 AND used_grams <= limit_grams)
);

-- What each reference (an order id) reserved under each cap, so a retry reserves nothing more
-- and a release restores exactly that, once.
CREATE TABLE cn_quantity_cap_reservations (
  reference   text        NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
  cap_id      text        NOT NULL,
  buyer_id    text        NOT NULL,
  year        integer     NOT NULL,
  grams       bigint      NOT NULL CHECK (grams > 0),
  reserved_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz,
  PRIMARY KEY (reference, cap_id)
);
CREATE INDEX cn_quantity_cap_reservations_buyer ON cn_quantity_cap_reservations (buyer_id, year);
