-- Where a variant's stock sits. 'US' ships from the seller in the United States; 'CN_BONDED' is
-- stock the seller has moved into a Chinese bonded zone ahead of sale, which reaches buyers in
-- mainland China through bonded online-purchase import (customs code 1210, reference §1b C11)
-- and cannot be sold anywhere else.
ALTER TABLE variants
  ADD COLUMN fulfilled_from text NOT NULL DEFAULT 'US' CHECK (fulfilled_from IN ('US', 'CN_BONDED'));
