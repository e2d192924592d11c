-- Platform tables that belong to no domain module.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Idempotency-Key records for POSTs that create or move money (Stripe's model: key, request
-- hash, stored response). A retry with the same key and body replays the response.
CREATE TABLE idempotency_keys (
  principal    text        NOT NULL,
  key          text        NOT NULL,
  route        text        NOT NULL,
  request_hash text        NOT NULL,
  status_code  integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);

-- Audit trail: who did what to which thing, written in the same transaction as the change.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text,
  action      text        NOT NULL,
  subject     text        NOT NULL,
  detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject ON audit_log (subject);

-- Transactional outbox: events written with the change, read by consumers (search indexer, webhooks).
CREATE TABLE outbox (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  topic       text        NOT NULL,
  key         text        NOT NULL,
  payload     jsonb       NOT NULL,
  processed_at timestamptz
);
CREATE INDEX outbox_unprocessed ON outbox (id) WHERE processed_at IS NULL;
