import { z } from 'zod';
import { unprocessable } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/locales.ts';

/** A translation's words for attribute values: `{ [sku]: { [attributeKey]: translatedValue } }`. */
export type VariantAttributes = Record<string, Record<string, string>>;

export const VariantAttributesSchema = z
  .record(
    z.string().max(64),
    z
      .record(z.string().max(50), z.string().trim().min(1).max(200))
      .refine((o) => Object.keys(o).length <= 20, 'At most 20 attributes.'),
  )
  .refine((o) => Object.keys(o).length <= 100, 'At most 100 variants.')
  .describe('Attribute values in this language, by variant SKU and attribute key');

type Translated = Partial<
  Record<Locale, { title?: string; variantAttributes?: VariantAttributes | undefined } | undefined>
>;
type Attributed = { sku: string; attributes?: Record<string, string> | undefined };

/** Every translated value must name a SKU of the product and a key that variant has. */
export function variantAttributeProblems(
  translations: Translated,
  variants: readonly Attributed[],
): { path: string; message: string }[] {
  const bySku = new Map(variants.map((v) => [v.sku, v.attributes ?? {}]));
  const out: { path: string; message: string }[] = [];
  for (const [locale, t] of Object.entries(translations)) {
    for (const [sku, values] of Object.entries(t?.variantAttributes ?? {})) {
      const path = `translations.${locale}.variantAttributes.${sku}`;
      const attributes = bySku.get(sku);
      if (!attributes) {
        out.push({ path, message: `The product has no variant with SKU ${sku}.` });
        continue;
      }
      for (const key of Object.keys(values)) {
        if (!Object.hasOwn(attributes, key))
          out.push({ path: `${path}.${key}`, message: `Variant ${sku} has no attribute ${key}.` });
      }
    }
  }
  return out;
}

/** 422: the translation is well formed but names SKUs or attributes the product does not have. */
export function assertVariantAttributes(translations: Translated, variants: readonly Attributed[]): void {
  const errors = variantAttributeProblems(translations, variants);
  if (errors.length > 0) {
    throw unprocessable(
      'catalog.unknown_variant_attribute',
      'A translation names a SKU or attribute the product does not have.',
      { errors },
    );
  }
}

/** What is left of translated values once variants have changed: only current SKUs and keys. */
export function keepCurrent(
  translated: VariantAttributes,
  variants: readonly Attributed[],
): VariantAttributes {
  const bySku = new Map(variants.map((v) => [v.sku, v.attributes ?? {}]));
  const out: VariantAttributes = {};
  for (const [sku, values] of Object.entries(translated)) {
    const attributes = bySku.get(sku);
    if (!attributes) continue;
    const kept = Object.entries(values).filter(([key]) => Object.hasOwn(attributes, key));
    if (kept.length > 0) out[sku] = Object.fromEntries(kept);
  }
  return out;
}

/**
 * A variant's attributes in a buyer's language: each value translated where the translation has it,
 * else the seller's own (English) value; `lang` says which, value by value, so a page can mark the
 * English ones for screen readers.
 */
export function localizeAttributes(
  attributes: Record<string, string>,
  translated: Record<string, string> | undefined,
  locale: Locale,
): { attributes: Record<string, string>; attributesLang: Record<string, Locale> } {
  const values: Record<string, string> = {};
  const langs: Record<string, Locale> = {};
  for (const [key, base] of Object.entries(attributes)) {
    const own = locale === 'en' ? undefined : translated?.[key];
    values[key] = own ?? base;
    langs[key] = own === undefined ? 'en' : locale;
  }
  return { attributes: values, attributesLang: langs };
}
