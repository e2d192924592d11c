-- Seller organisations: US businesses that list on Heartland.
-- Citus: a small table read by every catalog and order path, so it is meant to be a reference
-- table (replicated to every node); that is also what lets the EIN stay UNIQUE on its own.
CREATE TABLE sellers (
  id            text        PRIMARY KEY CHECK (id ~ '^sel_[0-9a-f]{32}$'),
  legal_name    text        NOT NULL CHECK (char_length(legal_name) BETWEEN 1 AND 200),
  dba           text        CHECK (dba IS NULL OR char_length(dba) BETWEEN 1 AND 200),
  ein           text        NOT NULL CHECK (ein ~ '^[0-9]{2}-[0-9]{7}$'),
  state         text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'verified', 'suspended')),
  us_state      text        NOT NULL CHECK (us_state ~ '^[A-Z]{2}$'),
  city          text        NOT NULL CHECK (char_length(city) BETWEEN 1 AND 100),
  employees     integer     NOT NULL CHECK (employees >= 0),
  is_farm       boolean     NOT NULL,
  founded       integer     CHECK (founded IS NULL OR founded BETWEEN 1600 AND 9999),
  description   jsonb       NOT NULL CHECK (description ? 'en'),
  contact_name  text        NOT NULL CHECK (char_length(contact_name) BETWEEN 1 AND 200),
  contact_email text        NOT NULL CHECK (char_length(contact_email) BETWEEN 3 AND 254),
  contact_phone text        NOT NULL CHECK (char_length(contact_phone) BETWEEN 7 AND 32),
  created_by    text        NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  verified_at   timestamptz,
  CONSTRAINT sellers_ein_unique UNIQUE (ein),
  CONSTRAINT sellers_verified_at CHECK (state = 'pending' OR verified_at IS NOT NULL)
);
CREATE INDEX sellers_by_state ON sellers (state, id);
