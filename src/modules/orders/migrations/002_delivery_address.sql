-- Where the parcel goes (recipient, phone, address lines, city, region, postal code, country), as
-- validated at checkout. NULL for orders of services only and for orders placed before addresses.
ALTER TABLE orders ADD COLUMN delivery_address jsonb
  CHECK (delivery_address IS NULL OR (jsonb_typeof(delivery_address) = 'object'
    AND delivery_address ?& ARRAY['recipientName', 'phone', 'lines', 'city', 'country']));
