import {
  type AttributeSlot,
  attributeSlots,
  completeness,
  EDITOR_LOCALES,
  type EditorLocale,
  LOCALE_NAMES,
  MIN_DESCRIPTION,
  type VariantAttributes,
} from './completeness.ts';

export type TranslationDraft = { title: string; description: string; variantAttributes: VariantAttributes };
export type TranslationsDraft = Record<EditorLocale, TranslationDraft>;

export const emptyTranslations = (): TranslationsDraft =>
  Object.fromEntries(
    EDITOR_LOCALES.map((l) => [l, { title: '', description: '', variantAttributes: {} }]),
  ) as TranslationsDraft;

/** The slots a language translates: none for English, whose words the variants' own values are. */
export const slotsFor = (l: EditorLocale, slots: readonly AttributeSlot[]) => (l === 'en' ? [] : slots);

/** One language's words for each variant's attribute values, one labelled input per value. */
function AttributeTranslations({
  locale,
  slots,
  value,
  onChange,
}: {
  locale: EditorLocale;
  slots: readonly AttributeSlot[];
  value: VariantAttributes;
  onChange: (v: VariantAttributes) => void;
}) {
  if (slots.length === 0) return null;
  const set = (s: AttributeSlot, text: string) =>
    onChange({ ...value, [s.sku]: { ...value[s.sku], [s.key]: text } });
  return (
    <fieldset className="attribute-translations" lang="en">
      <legend>Variant options in {LOCALE_NAMES[locale]}</legend>
      {slots.map((s) => (
        <label key={`${s.sku}\u0000${s.key}`}>
          {`${s.value} (${s.key}, SKU ${s.sku}) in ${LOCALE_NAMES[locale]}`}
          <input
            lang={locale}
            value={value[s.sku]?.[s.key] ?? ''}
            maxLength={200}
            onChange={(e) => set(s, e.target.value)}
          />
        </label>
      ))}
    </fieldset>
  );
}

/** The five languages side by side, each with its completeness meter. */
export function TranslationsEditor({
  value,
  variants,
  onChange,
}: {
  value: TranslationsDraft;
  /** The variants as drafted: their attribute values are what each other language translates. */
  variants: readonly { sku: string; attributes: Record<string, string> }[];
  onChange: (v: TranslationsDraft) => void;
}) {
  const set = <K extends keyof TranslationDraft>(l: EditorLocale, field: K, v: TranslationDraft[K]) =>
    onChange({ ...value, [l]: { ...value[l], [field]: v } });
  const slots = attributeSlots(variants.filter((v) => v.sku.trim() !== ''));
  return (
    <fieldset className="translations">
      <legend>Title, description and variant options in each language</legend>
      <p className="hint">
        English is required. A language is 100 % complete with a title, a description of at least{' '}
        {MIN_DESCRIPTION} characters and, when the variants have options such as a color or a size, a
        translation of each; buyers in that language see it.
      </p>
      <div className="translation-grid">
        {EDITOR_LOCALES.map((l) => {
          const pct = completeness(value[l], slotsFor(l, slots));
          const meterId = `meter-${l}`;
          return (
            <div key={l} className="translation" lang={l} data-locale={l}>
              <h3 lang="en">{LOCALE_NAMES[l]}</h3>
              <div className="meter-row" lang="en">
                <meter
                  id={meterId}
                  min={0}
                  max={100}
                  low={50}
                  high={99}
                  optimum={100}
                  value={pct}
                  aria-label={`${LOCALE_NAMES[l]} completeness`}
                />
                <output htmlFor={meterId} className="pct" data-testid={`pct-${l}`}>
                  {pct} %
                </output>
              </div>
              <label lang="en">
                {LOCALE_NAMES[l]} title
                <input
                  lang={l}
                  value={value[l].title}
                  maxLength={200}
                  required={l === 'en'}
                  onChange={(e) => set(l, 'title', e.target.value)}
                />
              </label>
              <label lang="en">
                {LOCALE_NAMES[l]} description
                <textarea
                  lang={l}
                  rows={6}
                  value={value[l].description}
                  maxLength={5000}
                  required={l === 'en'}
                  onChange={(e) => set(l, 'description', e.target.value)}
                />
              </label>
              <AttributeTranslations
                locale={l}
                slots={slotsFor(l, slots)}
                value={value[l].variantAttributes}
                onChange={(v) => set(l, 'variantAttributes', v)}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
