-- Destination markets (reference data, upserted from data/markets.json at start).
CREATE TABLE markets (
  code                      text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
  currency                  text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  default_locale            text        NOT NULL,
  locales                   text[]      NOT NULL CHECK (cardinality(locales) > 0),
  names                     jsonb       NOT NULL,
  confirmation_express_days integer     NOT NULL CHECK (confirmation_express_days BETWEEN 1 AND 365),
  confirmation_surface_days integer     NOT NULL CHECK (confirmation_surface_days BETWEEN 1 AND 365),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CHECK (default_locale = ANY (locales))
);

-- USD→currency rates: an append-only history. The latest `as_of` per currency is the rate in force;
-- quotes keep the id of the rate they locked, so a row is never changed or removed.
CREATE TABLE fx_rates (
  id          text PRIMARY KEY,
  base        text        NOT NULL DEFAULT 'USD' CHECK (base = 'USD'),
  quote       text        NOT NULL CHECK (quote ~ '^[A-Z]{3}$' AND quote <> 'USD'),
  rate        text        NOT NULL CHECK (rate ~ '^[0-9]{1,18}(\.[0-9]{1,12})?$' AND rate::numeric > 0),
  source      text        NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  as_of       timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fx_rates_latest ON fx_rates (quote, as_of DESC, id DESC);

CREATE FUNCTION fx_rates_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fx_rates is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER fx_rates_append_only BEFORE UPDATE OR DELETE ON fx_rates
  FOR EACH ROW EXECUTE FUNCTION fx_rates_append_only();
