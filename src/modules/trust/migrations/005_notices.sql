-- Notice and takedown (issue 4): rights owners' notices, the listings each names with its own
-- status, counter-notices and answers, strikes against sellers, and the trusted-reporter tier.
-- User, seller, product and brand ids belong to other modules: plain text, no foreign keys.

CREATE TABLE trust_notices (
  id                  text        PRIMARY KEY,
  filed_by            text        NOT NULL,
  rights_kind         text        NOT NULL CHECK (rights_kind IN ('trademark', 'copyright', 'patent')),
  rights_office       text        NOT NULL CHECK (char_length(rights_office) BETWEEN 1 AND 100),
  registration_number text        NOT NULL CHECK (char_length(registration_number) BETWEEN 1 AND 60),
  rights_owner_name   text        NOT NULL CHECK (char_length(rights_owner_name) BETWEEN 1 AND 200),
  brand_id            text,
  reason_code         text        NOT NULL,
  statement           text        NOT NULL CHECK (char_length(statement) BETWEEN 1 AND 5000),
  good_faith          boolean     NOT NULL CHECK (good_faith),
  -- [{ description, url?, attachment?: { id, fileName, contentType, sizeBytes, sha256 } }]
  evidence            jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(evidence) = 'array'),
  -- Whether the filer was a trusted reporter when filing (its listings then went down at once).
  trusted_reporter    boolean     NOT NULL,
  filed_at            timestamptz NOT NULL
);
CREATE INDEX trust_notices_filer ON trust_notices (filed_by, filed_at);
CREATE INDEX trust_notices_filed_at ON trust_notices (filed_at);

CREATE TABLE trust_notice_attachments (
  id           text        PRIMARY KEY,
  notice_id    text        NOT NULL REFERENCES trust_notices (id),
  file_name    text        NOT NULL,
  content_type text        NOT NULL,
  bytes        bytea       NOT NULL CHECK (octet_length(bytes) <= 2097152),
  sha256       text        NOT NULL
);
CREATE INDEX trust_notice_attachments_notice ON trust_notice_attachments (notice_id);

-- One row per listing a notice names. pending_review → taken_down → counter_noticed →
-- reinstated | removed; or rejected.
CREATE TABLE trust_notice_listings (
  notice_id           text        NOT NULL REFERENCES trust_notices (id),
  product_id          text        NOT NULL,
  seller_id           text        NOT NULL,
  status              text        NOT NULL CHECK (status IN ('pending_review', 'taken_down', 'counter_noticed',
                                    'reinstated', 'removed', 'rejected')),
  -- The rule that took it down: 'notice.trusted_reporter' or 'notice.agent_upheld'.
  takedown_rule       text,
  taken_down_at       timestamptz,
  -- Until then the seller may counter-notify; after it, an uncontested removal stands.
  counter_due_at      timestamptz,
  counter_filed_at    timestamptz,
  counter_filed_by    text,
  counter_statement   text,
  counter_evidence    jsonb,
  -- The rights owner's deadline to answer a counter-notice (business days on the injected clock).
  answer_due_at       timestamptz,
  answered_at         timestamptz,
  court_case_reference text,
  closed_at           timestamptz,
  closed_by           text,
  closing_rule        text,
  closing_reason      text,
  PRIMARY KEY (notice_id, product_id),
  CHECK ((status = 'taken_down') <= (taken_down_at IS NOT NULL AND counter_due_at IS NOT NULL)),
  CHECK ((status = 'counter_noticed') <= (counter_filed_at IS NOT NULL AND answer_due_at IS NOT NULL))
);
CREATE INDEX trust_notice_listings_seller ON trust_notice_listings (seller_id, notice_id);
CREATE INDEX trust_notice_listings_product ON trust_notice_listings (product_id);
CREATE INDEX trust_notice_listings_answer_due ON trust_notice_listings (answer_due_at)
  WHERE status = 'counter_noticed';
CREATE INDEX trust_notice_listings_counter_due ON trust_notice_listings (counter_due_at)
  WHERE status = 'taken_down';
CREATE INDEX trust_notice_listings_taken_down_at ON trust_notice_listings (taken_down_at)
  WHERE taken_down_at IS NOT NULL;

-- A strike per removal that stood; withdrawn if the listing is later reinstated.
CREATE TABLE trust_strikes (
  id             bigserial   PRIMARY KEY,
  seller_id      text        NOT NULL,
  notice_id      text        NOT NULL REFERENCES trust_notices (id),
  product_id     text        NOT NULL,
  reason_code    text        NOT NULL,
  serious        boolean     NOT NULL,
  struck_at      timestamptz NOT NULL,
  withdrawn_at   timestamptz,
  withdrawn_rule text,
  UNIQUE (notice_id, product_id)
);
CREATE INDEX trust_strikes_seller ON trust_strikes (seller_id, struck_at) WHERE withdrawn_at IS NULL;

-- The trusted-reporter tier of rights owners. agent_revoked: an agent took the tier away; the
-- accuracy rule does not give it back until an agent grants it again.
CREATE TABLE trust_reporters (
  user_id       text        PRIMARY KEY,
  trusted       boolean     NOT NULL DEFAULT false,
  agent_revoked boolean     NOT NULL DEFAULT false,
  upheld        integer     NOT NULL DEFAULT 0,
  decided       integer     NOT NULL DEFAULT 0,
  updated_at    timestamptz NOT NULL
);
