-- FX and shipping references name their kind ("fx", "shipping") in a field, so nothing reads it
-- out of a rule id. Rows stored before: the locked FX rate's id starts "fx.", a shipping rate
-- card line cites data/shipping-rates.json. Trade rules carry no kind.
UPDATE orders SET rules = (
  SELECT coalesce(jsonb_agg(
    CASE
      WHEN r ? 'kind' THEN r
      WHEN r->>'ruleId' LIKE 'fx.%' THEN r || '{"kind": "fx"}'::jsonb
      WHEN r->>'source' = 'data/shipping-rates.json' THEN r || '{"kind": "shipping"}'::jsonb
      ELSE r
    END ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements(rules) WITH ORDINALITY AS e(r, i)
)
WHERE jsonb_typeof(rules) = 'array' AND jsonb_array_length(rules) > 0;

UPDATE checkout_quotes SET snapshot = jsonb_set(snapshot, '{orders}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(o->'rules') = 'array' THEN jsonb_set(o, '{rules}', (
      SELECT coalesce(jsonb_agg(
        CASE
          WHEN r ? 'kind' THEN r
          WHEN r->>'ruleId' LIKE 'fx.%' THEN r || '{"kind": "fx"}'::jsonb
          WHEN r->>'source' = 'data/shipping-rates.json' THEN r || '{"kind": "shipping"}'::jsonb
          ELSE r
        END ORDER BY j), '[]'::jsonb)
      FROM jsonb_array_elements(o->'rules') WITH ORDINALITY AS f(r, j)
    )) ELSE o END ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements(snapshot->'orders') WITH ORDINALITY AS e(o, i)
))
WHERE jsonb_typeof(snapshot->'orders') = 'array';
