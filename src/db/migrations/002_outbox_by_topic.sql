-- Each consumer reads one topic; topics nobody consumes yet stay unprocessed, so an index on id
-- alone makes every poll walk all of them. Index the unprocessed rows by topic instead.
DROP INDEX IF EXISTS outbox_unprocessed;
CREATE INDEX outbox_unprocessed_by_topic ON outbox (topic, id) WHERE processed_at IS NULL;
