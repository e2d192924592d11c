import { SingleBar } from 'cli-progress';
import type { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/database.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { LOCALES } from '../src/kernel/locales.ts';
import * as catalog from '../src/modules/catalog/index.ts';
import * as identity from '../src/modules/identity/index.ts';
import * as markets from '../src/modules/markets/index.ts';
import * as sellers from '../src/modules/sellers/index.ts';

/**
 * The bench cart: goods every market accepts, on China's Positive List, none of them food (food needs
 * a GACC registration the bench sellers do not hold), worth $118 in all so that China's CNY 1,000
 * postal parcel limit admits it too.
 */
export const CART = [
  { hs: '441990', en: 'Walnut serving board', usd: 2900n, grams: 600 },
  { hs: '330499', en: 'Beeswax face cream', usd: 1400n, grams: 180 },
  { hs: '330300', en: 'Prairie sage eau de toilette', usd: 2500n, grams: 200 },
  { hs: '340600', en: 'Soy candle', usd: 1800n, grams: 350 },
  { hs: '950300', en: 'Wooden toy tractor', usd: 3200n, grams: 300 },
];

/** Bench sellers (verified, deep stock) listing the cart's goods, and buyers with API tokens. */
export async function seedLandedCostBench(
  db: Db,
  config: ReturnType<typeof loadConfig>,
  nSellers: number,
  nBuyers: number,
) {
  const ctx = { db, clock: systemClock };
  const deps = { db, clock: systemClock, idEncryptionKey: config.idEncryptionKey };
  await markets.loadMarketData(db);
  const names = Object.fromEntries(LOCALES.map((l) => [l, 'Bench goods'])) as Record<
    (typeof LOCALES)[number],
    string
  >;
  await catalog.loadCategories(db, [{ slug: 'bench-goods', parent: null, names, hsCode: '441990' }]);
  const bar = new SingleBar({ format: 'seeding [{bar}] {value}/{total}', hideCursor: true });
  bar.start(nSellers + nBuyers, 0);
  const variants: string[] = [];
  for (let s = 0; s < nSellers; s++) {
    const user = await identity.createUser(deps, {
      email: `lc-seller-${s}@bench.example`,
      password: 'bench-password-1',
      displayName: `Bench seller ${s}`,
      roles: [],
    });
    const seller = await sellers.onboardSeller(ctx, user.id, {
      legalName: `Bench Makers ${s} LLC`,
      ein: `39-${String(2_000_000 + s).padStart(7, '0')}`,
      usState: 'WI',
      city: 'Wausau',
      employees: 8,
      isFarm: false,
      contact: { name: 'Bench', email: `lc-seller-${s}@bench.example`, phone: '+1 715 555 0100' },
      description: { en: 'A bench seller.' },
    });
    await inTransaction(db, async (tx) => {
      await sellers.transitionSeller(tx, systemClock, {
        sellerId: seller.id,
        to: 'verified',
        actorId: 'bench',
        reason: 'bench',
      });
      await catalog.setSellerVisibility(tx, seller.id, true);
    });
    for (const [p, g] of CART.entries()) {
      const product = await catalog.createProduct(ctx, seller.id, true, {
        kind: 'goods',
        categorySlug: 'bench-goods',
        originState: 'WI',
        hsCode: g.hs,
        status: 'active',
        translations: { en: { title: `${g.en} #${s}-${p}`, description: g.en } },
        images: [],
        variants: [{ sku: `LC${s}-${p}`, priceUsd: Number(g.usd), stock: 10_000_000, weightGrams: g.grams }],
      });
      variants.push(product.variants[0]!.id);
    }
    bar.increment();
  }
  const tokens: string[] = [];
  for (let b = 0; b < nBuyers; b++) {
    const user = await identity.createUser(deps, {
      email: `lc-buyer-${b}@bench.example`,
      password: 'bench-password-1',
      displayName: `Bench buyer ${b}`,
      roles: [{ role: 'buyer' }],
    });
    tokens.push((await identity.createApiToken(deps, user.id, 'bench')).token);
    bar.increment();
  }
  bar.stop();
  return { variants, tokens };
}
