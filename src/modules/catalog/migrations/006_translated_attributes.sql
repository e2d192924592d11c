-- A translation's words for the variants' attribute values: { "<sku>": { "<key>": "<value>" } }.
-- Empty by default, so a translation written before this (or without them) shows the seller's
-- base values, marked as such on the storefront.
ALTER TABLE product_translations
  ADD COLUMN variant_attributes jsonb NOT NULL DEFAULT '{}'::jsonb
    CHECK (jsonb_typeof(variant_attributes) = 'object');
