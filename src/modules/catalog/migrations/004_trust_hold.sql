-- A listing the trust module keeps from buyers, whatever its status: held for review by a listing
-- check, taken down on a rights owner's notice, or hidden because its brand authorization was
-- revoked. NULL is no hold. Written only through setTrustHold (the trust flows call it).
ALTER TABLE products
  ADD COLUMN trust_hold text CHECK (trust_hold IN ('held_for_review', 'taken_down', 'unauthorized'));

DROP INDEX products_by_category;
CREATE INDEX products_by_category ON products (category_slug)
  WHERE status = 'active' AND seller_visible AND trust_hold IS NULL;
