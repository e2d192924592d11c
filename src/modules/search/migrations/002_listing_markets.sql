-- Where buyers may see each product: one row per market and period in which the listing is
-- eligible there (document requirements met, not prohibited), written by the listing-eligibility
-- flow; search never asks compliance itself. A period ends at `eligible_until` on its own, so a
-- registration that expires hides the listing that day without any job running. No row for a
-- market: not shown there.
CREATE TABLE search_listing_markets (
  product_id     text        NOT NULL,
  market         text        NOT NULL CHECK (market ~ '^[A-Z]{2}$'),
  eligible_from  timestamptz NOT NULL,
  eligible_until timestamptz CHECK (eligible_until IS NULL OR eligible_until > eligible_from),
  PRIMARY KEY (product_id, market, eligible_from)
);
