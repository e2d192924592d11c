-- US export classification of a product (reference §4a): its ECCN ('EAR99' when it is subject to
-- the EAR but on no Commerce Control List entry), its 10-digit Schedule B number when the seller
-- knows it, and its country of origin. Products listed before this keep valid defaults.
ALTER TABLE products
  ADD COLUMN eccn text NOT NULL DEFAULT 'EAR99'
    CHECK (eccn = 'EAR99' OR eccn ~ '^[0-9][A-E][0-9]{3}(\.[a-z0-9]{1,3}){0,4}$'),
  ADD COLUMN schedule_b text CHECK (schedule_b ~ '^[0-9]{10}$'),
  ADD COLUMN country_of_origin text NOT NULL DEFAULT 'US' CHECK (country_of_origin ~ '^[A-Z]{2}$'),
  -- Schedule B is built on the first 6 HS digits; services are not classified.
  ADD CONSTRAINT products_schedule_b_matches_hs
    CHECK (schedule_b IS NULL OR (kind = 'goods' AND left(schedule_b, 6) = left(hs_code, 6)));
