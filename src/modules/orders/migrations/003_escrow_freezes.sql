-- Escrow release frozen on an order while a rights owner's notice against one of its listings is
-- open. One row per (order, reference): several notices may freeze one order, and the order is
-- released only once every freeze on it is lifted. Refunds are not blocked by a freeze.
CREATE TABLE escrow_freezes (
  order_id   text        NOT NULL,
  reference  text        NOT NULL CHECK (char_length(reference) BETWEEN 1 AND 200),
  reason     text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  frozen_at  timestamptz NOT NULL,
  lifted_at  timestamptz,
  PRIMARY KEY (order_id, reference)
);
CREATE INDEX escrow_freezes_active ON escrow_freezes (order_id) WHERE lifted_at IS NULL;
CREATE INDEX escrow_freezes_reference ON escrow_freezes (reference);
CREATE INDEX order_lines_by_product ON order_lines (product_id);
