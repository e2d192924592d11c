-- The built-in sandbox payment provider. It stands in for an external PSP, so it keeps its own
-- records and shares nothing with Heartland's payment tables: it only knows our ids as text.

CREATE TABLE sandbox_charges (
  id               text        PRIMARY KEY,
  idempotency_key  text        NOT NULL UNIQUE,
  intent_id        text        NOT NULL,
  amount           bigint      NOT NULL CHECK (amount > 0),
  currency         text        NOT NULL,
  payment_method   text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('declined', 'pending', 'succeeded', 'failed')),
  decline_code     text,
  refunded_amount  bigint      NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  settle_at        timestamptz,
  created_at       timestamptz NOT NULL
);
CREATE INDEX sandbox_charges_due ON sandbox_charges (settle_at) WHERE status = 'pending';

CREATE TABLE sandbox_refunds (
  id               text        PRIMARY KEY,
  idempotency_key  text        NOT NULL UNIQUE,
  refund_id        text        NOT NULL,
  charge_id        text        NOT NULL REFERENCES sandbox_charges (id),
  amount           bigint      NOT NULL CHECK (amount > 0),
  currency         text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending', 'succeeded')),
  settle_at        timestamptz NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX sandbox_refunds_due ON sandbox_refunds (settle_at) WHERE status = 'pending';

CREATE TABLE sandbox_payouts (
  id               text        PRIMARY KEY,
  idempotency_key  text        NOT NULL UNIQUE,
  payout_id        text        NOT NULL,
  amount           bigint      NOT NULL CHECK (amount > 0),
  currency         text        NOT NULL,
  destination      text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  settle_at        timestamptz NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX sandbox_payouts_due ON sandbox_payouts (settle_at) WHERE status = 'pending';

-- One row per delivery attempt series. A provider may deliver the same event more than once,
-- so event_id is deliberately not unique here.
CREATE TABLE sandbox_webhook_deliveries (
  id               bigserial   PRIMARY KEY,
  event_id         text        NOT NULL,
  type             text        NOT NULL,
  body             text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_status      integer,
  last_error       text,
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL
);
CREATE INDEX sandbox_webhook_deliveries_due ON sandbox_webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
