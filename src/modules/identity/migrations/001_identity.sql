-- Identity: users, their roles, sessions, API tokens and buyer identities (real-name ID).
-- Only hashes of session and API tokens are stored: a database leak must not sign anyone in.

CREATE TABLE users (
  id            text        PRIMARY KEY,
  email         text        NOT NULL,
  -- Lower-cased in the application (not with SQL lower(), whose result depends on the collation),
  -- so uniqueness is case-insensitive and the same in every process.
  email_key     text        NOT NULL UNIQUE,
  display_name  text        NOT NULL,
  password_hash text        NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

CREATE TABLE user_roles (
  user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text        NOT NULL CHECK (role IN ('buyer', 'seller_staff', 'brand_owner', 'trust_agent', 'platform_admin', 'auditor')),
  -- The seller organisation for seller_staff; NULL for platform-wide roles.
  scope_id   text,
  granted_at timestamptz NOT NULL,
  CHECK ((role = 'seller_staff') = (scope_id IS NOT NULL)),
  UNIQUE NULLS NOT DISTINCT (user_id, role, scope_id)
);

CREATE TABLE sessions (
  id           text        PRIMARY KEY,
  user_id      text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash   bytea       NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id           text        PRIMARY KEY,
  user_id      text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text        NOT NULL,
  token_hash   bytea       NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The orderer's identity that mainland China's customs matches against the payment record.
-- The ID number is AES-256-GCM encrypted (key version || nonce || tag || ciphertext); the keyed
-- HMAC finds the same person across accounts (annual import quota) without decrypting.
CREATE TABLE buyer_identities (
  id                   text        PRIMARY KEY,
  user_id              text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  market               text        NOT NULL CHECK (market IN ('CN')),
  real_name            text        NOT NULL,
  id_number_ciphertext bytea       NOT NULL,
  id_number_hmac       bytea       NOT NULL,
  -- Region prefix and last four, kept for the masked display ('1101**********123X').
  id_number_first4     text        NOT NULL,
  id_number_last4      text        NOT NULL,
  verified_at          timestamptz NOT NULL,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  UNIQUE (user_id, market)
);
CREATE INDEX buyer_identities_hmac ON buyer_identities (market, id_number_hmac);
