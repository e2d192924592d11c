-- Reviews from verified purchases (issue 4): one per order line, by the order's buyer, after
-- delivery. Order, product, seller and buyer ids belong to other modules: plain text, no foreign keys.
CREATE TABLE trust_reviews (
  id              text        PRIMARY KEY CHECK (id ~ '^rev_[0-9a-f]{32}$'),
  order_id        text        NOT NULL,
  line_no         integer     NOT NULL CHECK (line_no >= 1),
  product_id      text        NOT NULL,
  seller_id       text        NOT NULL,
  buyer_id        text        NOT NULL,
  -- Masked when written ('k***m'): the public never sees the buyer's name or id.
  buyer_display   text        NOT NULL CHECK (char_length(buyer_display) BETWEEN 1 AND 40),
  rating          smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title           text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  body            text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  locale          text        NOT NULL CHECK (locale IN ('en', 'zh-Hans', 'zh-Hant', 'ja', 'ko')),
  status          text        NOT NULL CHECK (status IN ('held', 'published', 'removed')),
  -- The moderation rules the text broke when it was held (empty when published at once).
  held_rules      text[]      NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL,
  published_at    timestamptz,
  -- The seller's one answer, moderated like the review.
  reply_body      text        CHECK (reply_body IS NULL OR char_length(reply_body) BETWEEN 1 AND 4000),
  reply_locale    text        CHECK (reply_locale IS NULL OR reply_locale IN ('en', 'zh-Hans', 'zh-Hant', 'ja', 'ko')),
  reply_status    text        CHECK (reply_status IS NULL OR reply_status IN ('held', 'published', 'removed')),
  reply_rules     text[],
  replied_by      text,
  replied_at      timestamptz,
  CONSTRAINT trust_reviews_one_per_line UNIQUE (order_id, line_no),
  CHECK ((reply_body IS NULL) = (reply_status IS NULL) AND (reply_body IS NULL) = (replied_at IS NULL))
);
CREATE INDEX trust_reviews_product ON trust_reviews (product_id, id DESC) WHERE status = 'published';
CREATE INDEX trust_reviews_seller ON trust_reviews (seller_id, product_id) WHERE status = 'published';

-- Reports of published reviews by signed-in users; one per user and review.
CREATE TABLE trust_review_reports (
  review_id   text        NOT NULL REFERENCES trust_reviews (id),
  reporter_id text        NOT NULL,
  reason      text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 1000),
  reported_at timestamptz NOT NULL,
  PRIMARY KEY (review_id, reporter_id)
);
