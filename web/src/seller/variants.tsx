import { dollarsToCents } from '../api-seller.ts';

/**
 * A variant as typed: text fields, turned into integers only when saved (price via exact decimal
 * parsing). `options` are its attributes as "key: value" pairs split by semicolons.
 */
export type VariantDraft = { sku: string; price: string; stock: string; weight: string; options: string };

export const emptyVariant = (): VariantDraft => ({ sku: '', price: '', stock: '0', weight: '', options: '' });

/** Attributes as the options field shows them: `color: Barn red; size: 6 qt (5.7 L)`. */
export const optionsText = (attributes: Record<string, string>): string =>
  Object.entries(attributes)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');

/** The options field as attributes, or null when a part is not "key: value". */
export function parseOptions(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (colon < 0 || !key || !value) return null;
    out[key] = value;
  }
  return out;
}

/** The attributes typed so far, the well-formed parts only (for the translation inputs while typing). */
export const attributesOf = (v: VariantDraft): Record<string, string> =>
  parseOptions(v.options) ??
  Object.fromEntries(
    v.options
      .split(';')
      .map((p) => p.split(':'))
      .filter((kv) => kv.length >= 2 && kv[0]!.trim() && kv.slice(1).join(':').trim())
      .map((kv) => [kv[0]!.trim(), kv.slice(1).join(':').trim()]),
  );

export function VariantsEditor({
  kind,
  value,
  onChange,
}: {
  kind: 'goods' | 'service';
  value: VariantDraft[];
  onChange: (v: VariantDraft[]) => void;
}) {
  const set = (i: number, field: keyof VariantDraft, text: string) =>
    onChange(value.map((v, j) => (j === i ? { ...v, [field]: text } : v)));
  return (
    <fieldset className="variants">
      <legend>Variants: price, stock, weight and options</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Price (USD)</th>
            <th scope="col">Stock</th>
            <th scope="col">Weight (grams)</th>
            <th scope="col">Options (English), e.g. color: Barn red; size: 6 qt</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {value.map((v, i) => {
            const n = i + 1;
            const badPrice = v.price !== '' && dollarsToCents(v.price) === null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; SKUs change as typed
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Variant ${n} SKU`}
                    value={v.sku}
                    required
                    pattern="[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}"
                    onChange={(e) => set(i, 'sku', e.target.value)}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Variant ${n} price in US dollars`}
                    value={v.price}
                    inputMode="decimal"
                    placeholder="24.95"
                    required
                    aria-invalid={badPrice}
                    onChange={(e) => set(i, 'price', e.target.value)}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Variant ${n} stock`}
                    value={v.stock}
                    inputMode="numeric"
                    required
                    onChange={(e) => set(i, 'stock', e.target.value)}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Variant ${n} weight in grams`}
                    value={v.weight}
                    inputMode="numeric"
                    disabled={kind === 'service'}
                    required={kind === 'goods'}
                    onChange={(e) => set(i, 'weight', e.target.value)}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Variant ${n} options in English, as key: value; key: value`}
                    value={v.options}
                    placeholder="color: Barn red"
                    aria-invalid={parseOptions(v.options) === null}
                    onChange={(e) => set(i, 'options', e.target.value)}
                  />
                </td>
                <td>
                  {value.length > 1 && (
                    <button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                      Remove variant {n}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...value, emptyVariant()])}>
        Add a variant
      </button>
    </fieldset>
  );
}
