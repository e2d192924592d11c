-- A change counter on fingerprints, so each process keeps its in-memory index current by reading
-- only the rows written since it last looked (inserts and replaced hashes both take a new number).
CREATE SEQUENCE image_fingerprints_seq;
ALTER TABLE image_fingerprints ADD COLUMN seq bigint NOT NULL DEFAULT nextval('image_fingerprints_seq');
CREATE INDEX image_fingerprints_by_seq ON image_fingerprints (seq);
