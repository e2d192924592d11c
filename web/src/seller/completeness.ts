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

/**
 * How complete one language of a listing is, in percent: a title is 40, a description 30, and a
 * description of at least 40 characters the last 30. Characters are counted as code points, so
 * 40 Chinese characters count as 40.
 */
export function completeness(t: { title: string; description: string } | undefined): number {
  if (!t) return 0;
  const description = [...t.description.trim()].length;
  return (t.title.trim() ? 40 : 0) + (description > 0 ? 30 : 0) + (description >= MIN_DESCRIPTION ? 30 : 0);
}
