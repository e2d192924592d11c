import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A Storage kept in memory: the store reads and writes `heartland.cart` through it. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

// The store caches the lines in its module: each test loads a fresh copy over fresh storage.
async function freshCart(saved?: string) {
  vi.resetModules();
  const storage = memoryStorage();
  if (saved !== undefined) storage.setItem('heartland.cart', saved);
  vi.stubGlobal('localStorage', storage);
  const { cart } = await import('./cart-store.ts');
  return { cart, storage };
}

describe('the cart store', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
  });

  it('adds a line, and adding the same variant again adds to its quantity', async () => {
    const { cart, storage } = await freshCart();
    cart.add('prd_1', 'var_a');
    cart.add('prd_1', 'var_a', 2);
    cart.add('prd_2', 'var_b', 5);
    expect(cart.lines()).toEqual([
      { productId: 'prd_1', variantId: 'var_a', quantity: 3 },
      { productId: 'prd_2', variantId: 'var_b', quantity: 5 },
    ]);
    expect(JSON.parse(storage.getItem('heartland.cart')!)).toEqual(cart.lines());
  });

  it('keeps a quantity between 1 and 999, whole', async () => {
    const { cart } = await freshCart();
    cart.add('prd_1', 'var_a', 990);
    cart.add('prd_1', 'var_a', 20);
    expect(cart.lines()[0]?.quantity).toBe(999);
    cart.setQuantity('var_a', 0);
    expect(cart.lines()[0]?.quantity).toBe(1);
    cart.setQuantity('var_a', 2.7);
    expect(cart.lines()[0]?.quantity).toBe(2);
  });

  it('removes a line and clears', async () => {
    const { cart } = await freshCart();
    cart.add('prd_1', 'var_a');
    cart.add('prd_2', 'var_b');
    cart.remove('var_a');
    expect(cart.lines().map((l) => l.variantId)).toEqual(['var_b']);
    cart.clear();
    expect(cart.lines()).toEqual([]);
  });

  it('reads a saved cart, dropping lines that are not lines', async () => {
    const { cart } = await freshCart(
      JSON.stringify([
        { productId: 'prd_1', variantId: 'var_a', quantity: 2 },
        { productId: 'prd_1', variantId: 'var_b', quantity: 0 },
        { productId: 'prd_1', variantId: 7, quantity: 1 },
        { productId: 'prd_1', variantId: 'var_c', quantity: 1.5 },
      ]),
    );
    expect(cart.lines()).toEqual([{ productId: 'prd_1', variantId: 'var_a', quantity: 2 }]);
  });

  it('starts empty from a saved cart that is not JSON, or not a list', async () => {
    expect((await freshCart('{not json')).cart.lines()).toEqual([]);
    expect((await freshCart('{"a":1}')).cart.lines()).toEqual([]);
  });
});
