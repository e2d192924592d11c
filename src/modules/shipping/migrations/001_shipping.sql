-- One shipment per order (the seller's parcel), with the carrier's tracking events.
CREATE TABLE shipments (
  id              text PRIMARY KEY,
  order_id        text        NOT NULL UNIQUE,
  seller_id       text        NOT NULL,
  carrier         text        NOT NULL CHECK (length(carrier) BETWEEN 1 AND 60),
  tracking_number text        NOT NULL CHECK (length(tracking_number) BETWEEN 4 AND 40),
  method          text        NOT NULL CHECK (method IN ('express', 'surface')),
  status          text        NOT NULL CHECK (status IN
                    ('label_created', 'in_transit', 'customs_cleared', 'out_for_delivery', 'delivered', 'exception')),
  shipped_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  last_event_at   timestamptz,
  CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX shipments_by_seller ON shipments (seller_id, shipped_at DESC);

CREATE TABLE shipment_events (
  id          bigserial PRIMARY KEY,
  shipment_id text        NOT NULL REFERENCES shipments (id),
  at          timestamptz NOT NULL,
  status      text        NOT NULL CHECK (status IN
                ('in_transit', 'customs_cleared', 'out_for_delivery', 'delivered', 'exception')),
  location    text        NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
  description text        NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX shipment_events_by_shipment ON shipment_events (shipment_id, at, id);
-- At most one delivery per shipment, whatever the application does.
CREATE UNIQUE INDEX shipment_events_one_delivery ON shipment_events (shipment_id) WHERE status = 'delivered';
