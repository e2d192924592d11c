-- The listing's first picture, carried in the index document so result grids show it without a
-- query per hit or a redirect per card. NULL: the listing has no picture (or the row predates this
-- column; the index version bump in index-documents.ts has every row rewritten on the next start).
ALTER TABLE search_documents ADD COLUMN picture_url text
  CHECK (picture_url IS NULL OR char_length(picture_url) <= 2048);
