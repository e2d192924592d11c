-- The Internal Transaction Number AES returns for filed Electronic Export Information; required
-- before shipping when the parcel needs EEI (reference §4a), NULL otherwise.
ALTER TABLE shipments ADD COLUMN itn text CHECK (itn ~ '^X[0-9]{14}$');

-- What was declared when the parcel shipped (the China CBEC order, payment and waybill records,
-- the US export determination), kept so it can be shown later. `body` is the document with any
-- personal ID number masked; `digest` is the keyed hash (HMAC-SHA256, hex) of the document exactly
-- as declared, so a regenerated record can be proved the same without storing the ID number.
CREATE TABLE shipment_documents (
  shipment_id text        NOT NULL REFERENCES shipments (id),
  kind        text        NOT NULL CHECK (kind IN ('ceb311', 'ceb411', 'ceb511', 'eei_determination')),
  body        text        NOT NULL CHECK (length(body) BETWEEN 1 AND 200000),
  digest      text        NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (shipment_id, kind)
);
