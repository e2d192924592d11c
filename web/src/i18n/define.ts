export type Locale = 'en' | 'zh-Hans' | 'zh-Hant' | 'ja' | 'ko';

/**
 * A set of strings in all five languages: `en` names the keys and every other language must give
 * each of them (a missing one is a type error).
 */
export function defineMessages<T extends Record<string, string>>(
  m: { en: T } & Record<Exclude<Locale, 'en'>, Record<keyof T, string>>,
): Record<Locale, Record<keyof T, string>> {
  return m;
}
