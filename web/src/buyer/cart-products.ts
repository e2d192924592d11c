import { useQueries } from '@tanstack/react-query';
import type { ProductPageJson } from '../api.ts';
import type { CartLine } from '../cart-store.ts';
import { apiQuery } from '../query.ts';

export type CartItem = {
  line: CartLine;
  product: ProductPageJson | null;
  variant: ProductPageJson['variants'][number] | null;
};
export type SellerGroup = { sellerId: string; sellerName: string; items: CartItem[] };

/**
 * The storefront pages of `productIds` in the buyer's market and language (the product page's own
 * cached reads): pending until every one has answered; a product that cannot be read (gone,
 * hidden) is null.
 */
function useProductPages(productIds: string[], market: string, locale: string) {
  const ids = [...new Set(productIds)].sort();
  return useQueries({
    queries: ids.map((id) => apiQuery<ProductPageJson>(`/storefront/products/${id}`, { market, locale })),
    combine: (results) =>
      results.some((r) => r.isPending)
        ? null
        : new Map(ids.map((id, i) => [id, results[i]?.data ?? null] as const)),
  });
}

/** The cart's products as the buyer's market sees them, grouped by seller (a product gone is its own group). */
export function useCartProducts(
  lines: CartLine[],
  market: string,
  locale: string,
): { isPending: true } | { isPending: false; data: SellerGroup[] } {
  const pages = useProductPages(
    lines.map((l) => l.productId),
    market,
    locale,
  );
  if (!pages) return { isPending: true };
  const groups = new Map<string, SellerGroup>();
  for (const line of lines) {
    const product = pages.get(line.productId) ?? null;
    const variant = product?.variants.find((v) => v.id === line.variantId) ?? null;
    const key = product ? product.seller.id : '';
    const group = groups.get(key) ?? { sellerId: key, sellerName: product?.seller.name ?? '', items: [] };
    group.items.push({ line, product, variant });
    groups.set(key, group);
  }
  return { isPending: false, data: [...groups.values()] };
}

/** Products' titles and sellers in the buyer's language (orders store the English title). */
export function useProductNames(productIds: string[], market: string, locale: string) {
  const pages = useProductPages(productIds, market, locale);
  return new Map(
    [...(pages ?? [])].flatMap(([id, p]) =>
      p ? [[id, { title: p.title, lang: p.titleLocale, seller: p.seller.name }] as const] : [],
    ),
  );
}
