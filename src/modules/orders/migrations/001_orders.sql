-- Checkout quotes: an immutable snapshot of prices, FX rate, shipping and taxes, valid until expires_at.
CREATE TABLE checkout_quotes (
  id              text PRIMARY KEY,
  buyer_id        text        NOT NULL,
  market          text        NOT NULL,
  currency        text        NOT NULL,
  fx_rate_id      text        NOT NULL,
  fx_rate         text        NOT NULL,
  shipping_method text        NOT NULL,
  snapshot        jsonb       NOT NULL,
  total_amount    bigint      NOT NULL CHECK (total_amount >= 0),
  status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'placed')),
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX checkout_quotes_buyer ON checkout_quotes (buyer_id, created_at DESC);

-- One checkout per quote: placing the same quote twice is the same checkout.
CREATE TABLE checkouts (
  id                text PRIMARY KEY,
  quote_id          text        NOT NULL UNIQUE,
  buyer_id          text        NOT NULL,
  payment_intent_id text,
  payment_method    text        NOT NULL,
  created_at        timestamptz NOT NULL
);
CREATE INDEX checkouts_buyer ON checkouts (buyer_id);

CREATE TABLE orders (
  id                  text PRIMARY KEY,
  checkout_id         text        NOT NULL,
  buyer_id            text        NOT NULL,
  seller_id           text        NOT NULL,
  market              text        NOT NULL,
  currency            text        NOT NULL,
  status              text        NOT NULL,
  shipping_method     text        NOT NULL,
  fx_rate             text        NOT NULL,
  regime              text        NOT NULL,
  goods_amount        bigint      NOT NULL CHECK (goods_amount >= 0),
  shipping_amount     bigint      NOT NULL CHECK (shipping_amount >= 0),
  tax_amount          bigint      NOT NULL CHECK (tax_amount >= 0),
  total_amount        bigint      NOT NULL CHECK (total_amount = goods_amount + shipping_amount + tax_amount),
  goods_usd           bigint      NOT NULL CHECK (goods_usd >= 0),
  shipping_usd        bigint      NOT NULL CHECK (shipping_usd >= 0),
  rules               jsonb       NOT NULL DEFAULT '[]',
  placed_at           timestamptz NOT NULL,
  paid_at             timestamptz,
  shipped_at          timestamptz,
  delivered_at        timestamptz,
  confirmation_due_at timestamptz,
  completed_at        timestamptz,
  cancelled_at        timestamptz,
  refunded_at         timestamptz,
  close_reason        text
);
CREATE INDEX orders_buyer ON orders (buyer_id, placed_at DESC);
CREATE INDEX orders_seller ON orders (seller_id, placed_at DESC);
CREATE INDEX orders_checkout ON orders (checkout_id);
CREATE INDEX orders_release_due ON orders (confirmation_due_at) WHERE status IN ('shipped', 'delivered');

CREATE TABLE order_lines (
  order_id         text    NOT NULL,
  line_no          integer NOT NULL,
  variant_id       text    NOT NULL,
  product_id       text    NOT NULL,
  sku              text    NOT NULL,
  title            text    NOT NULL,
  hs_code          text    NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_usd   bigint  NOT NULL CHECK (unit_price_usd >= 0),
  unit_price       bigint  NOT NULL CHECK (unit_price >= 0),
  goods_amount     bigint  NOT NULL CHECK (goods_amount >= 0),
  freight_amount   bigint  NOT NULL CHECK (freight_amount >= 0),
  duty             bigint  NOT NULL CHECK (duty >= 0),
  import_vat       bigint  NOT NULL CHECK (import_vat >= 0),
  consumption_tax  bigint  NOT NULL CHECK (consumption_tax >= 0),
  rules            jsonb   NOT NULL DEFAULT '[]',
  PRIMARY KEY (order_id, line_no)
);

-- Every status change, written in the same transaction as the change.
CREATE TABLE order_events (
  id          bigserial PRIMARY KEY,
  order_id    text        NOT NULL,
  at          timestamptz NOT NULL,
  from_status text,
  to_status   text        NOT NULL,
  actor       text,
  note        text
);
CREATE INDEX order_events_order ON order_events (order_id, id);

CREATE TABLE disputes (
  id          text PRIMARY KEY,
  order_id    text        NOT NULL,
  buyer_id    text        NOT NULL,
  reason      text        NOT NULL,
  status      text        NOT NULL CHECK (status IN ('open', 'refunded', 'released')),
  opened_at   timestamptz NOT NULL,
  resolved_at timestamptz,
  resolution  text
);
-- At most one open dispute per order.
CREATE UNIQUE INDEX disputes_one_open ON disputes (order_id) WHERE status = 'open';
