-- The trust agents' work queues and the decisions the trust module records. A queue item points
-- at its subject (a listing, notice, counter-notice, seller, brand, alert or review) by kind and
-- id; at most one item per subject is open in a queue at a time.
CREATE TABLE trust_queue_items (
  id           text        PRIMARY KEY,
  queue        text        NOT NULL CHECK (queue IN ('held_listings', 'notices', 'counter_notices',
                             'seller_verifications', 'brand_verifications', 'authenticity_alerts', 'reviews')),
  subject_kind text        NOT NULL CHECK (char_length(subject_kind) BETWEEN 1 AND 40),
  subject_id   text        NOT NULL CHECK (char_length(subject_id) BETWEEN 1 AND 200),
  -- The seller concerned, if any (so a seller's own items can be shown to it, and no one else's).
  seller_id    text,
  summary      text        NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 500),
  opened_at    timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,
  claimed_by   text,
  claimed_at   timestamptz,
  closed_at    timestamptz,
  closed_by    text,
  outcome      text        CHECK (outcome IS NULL OR char_length(outcome) BETWEEN 1 AND 100),
  CHECK ((closed_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX trust_queue_items_one_open ON trust_queue_items (queue, subject_kind, subject_id)
  WHERE closed_at IS NULL;
CREATE INDEX trust_queue_items_open ON trust_queue_items (queue, due_at) WHERE closed_at IS NULL;
CREATE INDEX trust_queue_items_subject ON trust_queue_items (subject_kind, subject_id);

-- Every trust decision with the rule that made it: automatic (a listing check, a timer) or an
-- agent's. Append-only.
CREATE TABLE trust_decisions (
  id           bigserial   PRIMARY KEY,
  subject_kind text        NOT NULL,
  subject_id   text        NOT NULL,
  seller_id    text,
  decision     text        NOT NULL CHECK (char_length(decision) BETWEEN 1 AND 60),
  rule         text        NOT NULL CHECK (char_length(rule) BETWEEN 1 AND 100),
  actor        text        NOT NULL,
  detail       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  decided_at   timestamptz NOT NULL
);
CREATE INDEX trust_decisions_subject ON trust_decisions (subject_kind, subject_id, id);
CREATE INDEX trust_decisions_seller ON trust_decisions (seller_id, id) WHERE seller_id IS NOT NULL;

CREATE OR REPLACE FUNCTION trust_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'trust_decisions is append-only';
END $$;
CREATE TRIGGER trust_decisions_append_only BEFORE UPDATE OR DELETE ON trust_decisions
  FOR EACH ROW EXECUTE FUNCTION trust_decisions_append_only();
