-- Heartland's own payment records. The ledger holds the money; these rows hold the lifecycle.
-- Other modules' ids (checkout, buyer, order, seller) are plain text: no cross-module foreign keys.

CREATE TABLE payment_intents (
  id             text        PRIMARY KEY,
  checkout_id    text        NOT NULL UNIQUE,
  buyer_id       text        NOT NULL,
  amount         bigint      NOT NULL CHECK (amount > 0),
  currency       text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  payment_method text        NOT NULL,
  status         text        NOT NULL CHECK (status IN ('processing', 'succeeded', 'failed')),
  provider       text,
  provider_ref   text,
  failure_code   text,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX payment_intents_buyer ON payment_intents (buyer_id);

-- One escrow per order: the buyer's money for that seller, held until release or refund.
CREATE TABLE escrows (
  order_id    text        PRIMARY KEY,
  intent_id   text        NOT NULL REFERENCES payment_intents (id),
  seller_id   text        NOT NULL,
  buyer_id    text        NOT NULL,
  amount      bigint      NOT NULL CHECK (amount > 0),
  currency    text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status      text        NOT NULL
    CHECK (status IN ('authorized', 'held', 'released', 'refund_pending', 'refunded', 'voided')),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX escrows_intent ON escrows (intent_id);
CREATE INDEX escrows_seller_status ON escrows (seller_id, status);

-- A full refund of one order's escrow; at most one per order.
CREATE TABLE refunds (
  id            text        PRIMARY KEY,
  order_id      text        NOT NULL UNIQUE REFERENCES escrows (order_id),
  intent_id     text        NOT NULL REFERENCES payment_intents (id),
  amount        bigint      NOT NULL CHECK (amount > 0),
  currency      text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  reason        text        NOT NULL,
  status        text        NOT NULL CHECK (status IN ('pending', 'succeeded')),
  provider_ref  text,
  created_at    timestamptz NOT NULL,
  completed_at  timestamptz
);

CREATE TABLE payouts (
  id            text        PRIMARY KEY,
  seller_id     text        NOT NULL,
  amount        bigint      NOT NULL CHECK (amount > 0),
  currency      text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status        text        NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  destination   text        NOT NULL,
  provider_ref  text,
  failure_code  text,
  created_at    timestamptz NOT NULL,
  completed_at  timestamptz
);
CREATE INDEX payouts_seller ON payouts (seller_id, created_at DESC);
CREATE INDEX payouts_unsubmitted ON payouts (created_at) WHERE status = 'pending' AND provider_ref IS NULL;

-- Provider webhook events seen, so a redelivered event is applied once.
CREATE TABLE payment_webhook_events (
  provider     text        NOT NULL,
  event_id     text        NOT NULL,
  type         text        NOT NULL,
  object_id    text        NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
