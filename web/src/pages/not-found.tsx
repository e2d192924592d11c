import { useEffect } from 'react';
import { Link } from 'wouter';
import { useShopper } from '../i18n/context.tsx';

/** The document's title while `title` is shown (the page's own title back when it goes). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}

/**
 * "Page not found" in the shopper's language, with the ways on: home and search. An address no
 * route knows (`/products/…` for `/p/…`, `/nope`) gets it, and so does a product that does not exist.
 */
export function NotFound({ what = 'page' }: { what?: 'page' | 'product' }) {
  const { t } = useShopper();
  const title = t(what === 'product' ? 'productNotFoundTitle' : 'notFoundTitle');
  useDocumentTitle(`${title} · Heartland`);
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{title}</h1>
      <p>{t(what === 'product' ? 'productNotFoundText' : 'notFoundText')}</p>
      <ul>
        <li>
          <Link href="/">{t('goHome')}</Link>
        </li>
        <li>
          <Link href="/search">{t('searchProducts')}</Link>
        </li>
      </ul>
    </section>
  );
}
