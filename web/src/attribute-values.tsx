import type { ProductPageJson } from './api.ts';

type Variant = Pick<ProductPageJson['variants'][number], 'attributes' | 'attributesLang'>;

/**
 * A variant's attribute values in the shopper's language, each marked with its own language: a value
 * the seller has not translated is English, and a screen reader should read it so.
 */
export function AttributeValues({ variant }: { variant: Variant }) {
  const entries = Object.entries(variant.attributes);
  return entries.map(([key, value], i) => (
    <span key={key}>
      {i > 0 && ' · '}
      <span lang={variant.attributesLang[key]}>{value}</span>
    </span>
  ));
}

/** The values as one line of text (for an `<option>`, which holds text only), and its language if one. */
export function attributesText(variant: Variant): { text: string; lang: string | undefined } {
  const langs = new Set(Object.values(variant.attributesLang));
  return {
    text: Object.values(variant.attributes).join(' · '),
    lang: langs.size === 1 ? [...langs][0] : undefined,
  };
}
