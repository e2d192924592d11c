import { dollarsToCents } from '../api-seller.ts';

/** A variant as typed: text fields, turned into integers only when saved (price via exact decimal parsing). */
export type VariantDraft = { sku: string; price: string; stock: string; weight: string };

export const emptyVariant = (): VariantDraft => ({ sku: '', price: '', stock: '0', weight: '' });

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
      <legend>Variants: price, stock and weight</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Price (USD)</th>
            <th scope="col">Stock</th>
            <th scope="col">Weight (grams)</th>
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
      <button
        type="button"
        onClick={() => onChange([...value, { sku: '', price: '', stock: '0', weight: '' }])}
      >
        Add a variant
      </button>
    </fieldset>
  );
}
