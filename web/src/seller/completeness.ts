export const EDITOR_LOCALES = ['en', 'zh-Hans', 'zh-Hant', 'ja', 'ko'] as const;
export type EditorLocale = (typeof EDITOR_LOCALES)[number];
export const LOCALE_NAMES: Record<EditorLocale, string> = {
  en: 'English',
  'zh-Hans': 'Simplified Chinese',
  'zh-Hant': 'Traditional Chinese',
  ja: 'Japanese',
  ko: 'Korean',
};

/** A description shorter than this tells a buyer too little to decide. */
export const MIN_DESCRIPTION = 40;

/** One attribute value of one variant, in the seller's English: what each other language translates. */
export type AttributeSlot = { sku: string; key: string; value: string };

/** Translated attribute values by SKU and key, as the API carries them. */
export type VariantAttributes = Record<string, Record<string, string>>;

/** The attribute values a translation should cover, in variant order. */
export function attributeSlots(
  variants: readonly { sku: string; attributes?: Record<string, string> | undefined }[],
): AttributeSlot[] {
  return variants.flatMap((v) =>
    Object.entries(v.attributes ?? {})
      .filter(([, value]) => value.trim() !== '')
      .map(([key, value]) => ({ sku: v.sku, key, value })),
  );
}

/**
 * How complete one language of a listing is, in percent: a title is 40, a description 30, and a
 * description of at least 40 characters the last 30. When the variants have attribute values to
 * translate (`slots`; none for English, whose values they are), those are the last 20 and the text
 * parts scale to 80. Characters are counted as code points, so 40 Chinese characters count as 40.
 */
export function completeness(
  t: { title: string; description: string; variantAttributes?: VariantAttributes | undefined } | undefined,
  slots: readonly AttributeSlot[] = [],
): number {
  if (!t) return 0;
  const description = [...t.description.trim()].length;
  const text =
    (t.title.trim() ? 40 : 0) + (description > 0 ? 30 : 0) + (description >= MIN_DESCRIPTION ? 30 : 0);
  if (slots.length === 0) return text;
  const done = slots.filter((s) => t.variantAttributes?.[s.sku]?.[s.key]?.trim()).length;
  return Math.round(text * 0.8 + (20 * done) / slots.length);
}
