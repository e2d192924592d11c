import {
  completeness,
  EDITOR_LOCALES,
  type EditorLocale,
  LOCALE_NAMES,
  MIN_DESCRIPTION,
} from './completeness.ts';

export type TranslationsDraft = Record<EditorLocale, { title: string; description: string }>;

export const emptyTranslations = (): TranslationsDraft =>
  Object.fromEntries(EDITOR_LOCALES.map((l) => [l, { title: '', description: '' }])) as TranslationsDraft;

/** The five languages side by side, each with its completeness meter. */
export function TranslationsEditor({
  value,
  onChange,
}: {
  value: TranslationsDraft;
  onChange: (v: TranslationsDraft) => void;
}) {
  const set = (l: EditorLocale, field: 'title' | 'description', text: string) =>
    onChange({ ...value, [l]: { ...value[l], [field]: text } });
  return (
    <fieldset className="translations">
      <legend>Title and description in each language</legend>
      <p className="hint">
        English is required. A language is 100 % complete with a title and a description of at least{' '}
        {MIN_DESCRIPTION} characters; buyers in that language see it.
      </p>
      <div className="translation-grid">
        {EDITOR_LOCALES.map((l) => {
          const pct = completeness(value[l]);
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
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
