import { getJson, type ProductPageJson } from '../api.ts';
import type { CartLine } from '../cart-store.ts';
import { useApi } from '../use-api.ts';

export type CartItem = {
  line: CartLine;
  product: ProductPageJson | null;
  variant: ProductPageJson['variants'][number] | null;
};
export type SellerGroup = { sellerId: string; sellerName: string; items: CartItem[] };

/** The cart's products as the buyer's market sees them, grouped by seller (a product gone is its own group). */
export function useCartProducts(lines: CartLine[], market: string, locale: string) {
  const ids = [...new Set(lines.map((l) => l.productId))].sort();
  const loaded = useApi(async () => {
    const pages = await Promise.all(
      ids.map((id) =>
        getJson<ProductPageJson>(`/storefront/products/${id}`, { market, locale }).catch(() => null),
      ),
    );
    return new Map(ids.map((id, i) => [id, pages[i] ?? null]));
  }, [ids, market, locale]);
  if (loaded.state !== 'ready') return loaded;
  const groups = new Map<string, SellerGroup>();
  for (const line of lines) {
    const product = loaded.data.get(line.productId) ?? null;
    const variant = product?.variants.find((v) => v.id === line.variantId) ?? null;
    const key = product ? product.seller.id : '';
    const group = groups.get(key) ?? { sellerId: key, sellerName: product?.seller.name ?? '', items: [] };
    group.items.push({ line, product, variant });
    groups.set(key, group);
  }
  return { state: 'ready' as const, data: [...groups.values()] };
}

/** Products' titles and sellers in the buyer's language (orders store the English title). */
export function useProductNames(productIds: string[], market: string, locale: string) {
  const ids = [...new Set(productIds)].sort();
  const loaded = useApi(async () => {
    const pages = await Promise.all(
      ids.map((id) =>
        getJson<ProductPageJson>(`/storefront/products/${id}`, { market, locale }).catch(() => null),
      ),
    );
    return new Map(
      ids.flatMap((id, i) => {
        const p = pages[i];
        return p ? [[id, { title: p.title, lang: p.titleLocale, seller: p.seller.name }] as const] : [];
      }),
    );
  }, [ids, market, locale]);
  return loaded.state === 'ready'
    ? loaded.data
    : new Map<string, { title: string; lang: string; seller: string }>();
}
