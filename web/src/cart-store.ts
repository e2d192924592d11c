import { useSyncExternalStore } from 'react';

/** One cart line: which variant, of which product (to show it), how many. */
export interface CartLine {
  variantId: string;
  productId: string;
  quantity: number;
}

const KEY = 'heartland.cart';
const listeners = new Set<() => void>();
let cache: CartLine[] | null = null;

function read(): CartLine[] {
  if (cache) return cache;
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as CartLine[];
    cache = Array.isArray(parsed)
      ? parsed.filter(
          (l) => typeof l.variantId === 'string' && Number.isInteger(l.quantity) && l.quantity > 0,
        )
      : [];
  } catch {
    cache = [];
  }
  return cache;
}

function write(lines: CartLine[]): void {
  cache = lines;
  localStorage.setItem(KEY, JSON.stringify(lines));
  for (const l of listeners) l();
}

// Another tab changed the cart: drop the cache so this tab shows the same lines.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    cache = null;
    for (const l of listeners) l();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The API takes 1 to 999 of a line. */
const clamp = (n: number) => Math.max(1, Math.min(999, Math.trunc(n)));

export const cart = {
  lines: read,
  add(productId: string, variantId: string, quantity = 1): void {
    const lines = read();
    const found = lines.find((l) => l.variantId === variantId);
    write(
      found
        ? lines.map((l) => (l === found ? { ...l, quantity: clamp(l.quantity + quantity) } : l))
        : [...lines, { productId, variantId, quantity: clamp(quantity) }],
    );
  },
  setQuantity(variantId: string, quantity: number): void {
    write(read().map((l) => (l.variantId === variantId ? { ...l, quantity: clamp(quantity) } : l)));
  },
  remove(variantId: string): void {
    write(read().filter((l) => l.variantId !== variantId));
  },
  clear(): void {
    write([]);
  },
};

export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, read, () => []);
}

export function useCartCount(): number {
  return useCart().reduce((n, l) => n + l.quantity, 0);
}
