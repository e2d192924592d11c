import type { Locale } from '../../../kernel/locales.ts';

type Titled = { translations: Partial<Record<string, { title: string }>> };

/** The product's title in `locale`, else English, else empty. */
export const titleOf = (p: Titled, locale: string): string =>
  p.translations[locale]?.title ?? p.translations.en?.title ?? '';

/** The title in the shopper's language when the seller wrote one, else English, saying which it is. */
export function localizedTitle(p: Titled, locale: Locale): { title: string; titleLocale: string } {
  const own = p.translations[locale]?.title;
  return own ? { title: own, titleLocale: locale } : { title: titleOf(p, 'en'), titleLocale: 'en' };
}
