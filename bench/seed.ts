import { SingleBar } from 'cli-progress';
import type { Config } from '../src/config.ts';
import type { Db } from '../src/db/database.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { reindexListings } from '../src/flows/listings/sync-listing-eligibility.ts';
import { systemClock } from '../src/kernel/clock.ts';
import * as catalog from '../src/modules/catalog/index.ts';
import * as compliance from '../src/modules/compliance/index.ts';
import * as identity from '../src/modules/identity/index.ts';
import * as markets from '../src/modules/markets/index.ts';
import * as sellers from '../src/modules/sellers/index.ts';
import { prcIdNumber } from './lib.ts';

const LOCALES = ['en', 'zh-Hans', 'zh-Hant', 'ja', 'ko'] as const;
const names = (en: string) =>
  Object.fromEntries(LOCALES.map((l) => [l, en])) as Record<(typeof LOCALES)[number], string>;

const GOODS = [
  { en: 'American ginseng root', zh: '威斯康星花旗参', hs: '121120', grams: 150, cents: 6900 },
  { en: 'Aged cheddar cheese', zh: '陈年切达奶酪', hs: '040690', grams: 500, cents: 1800 },
  { en: 'Hand-harvested wild rice', zh: '手工采收野米', hs: '100890', grams: 1000, cents: 1400 },
  { en: 'Pure maple syrup', zh: '纯枫糖浆', hs: '170220', grams: 700, cents: 2200 },
  { en: 'Raw wildflower honey', zh: '野花生蜂蜜', hs: '040900', grams: 600, cents: 1500 },
];

const SURNAMES = '王李张刘陈杨赵黄周吴';
const GIVEN = '伟芳娜敏静丽强磊军洋';
/** A distinct, plausible two- or three-character name per bench buyer (real-name checks refuse digits). */
const chineseName = (n: number) =>
  SURNAMES[n % 10]! + GIVEN[Math.floor(n / 10) % 10]! + (n >= 100 ? GIVEN[Math.floor(n / 100) % 10]! : '');

export interface BenchData {
  buyers: { userId: string; token: string }[];
  variants: { variantId: string; sellerId: string }[];
}

/** A bench catalog: verified sellers with deep stock, and CN buyers with real-name identities and API tokens. */
export async function seedBench(
  db: Db,
  config: Config,
  opts: { sellers: number; productsPerSeller: number; buyers: number; quiet?: boolean },
): Promise<BenchData> {
  const ctx = { db, clock: systemClock };
  const deps = { db, clock: systemClock, idEncryptionKey: config.idEncryptionKey };
  await markets.loadMarketData(db);
  await catalog.loadCategories(db, [
    { slug: 'bench-goods', parent: null, names: names('Bench goods'), hsCode: '040690' },
  ]);
  const bar = opts.quiet
    ? null
    : new SingleBar({ format: 'seeding [{bar}] {value}/{total} {step}', hideCursor: true });
  bar?.start(opts.sellers + opts.buyers, 0, { step: 'sellers' });
  const variants: BenchData['variants'] = [];
  for (let s = 0; s < opts.sellers; s++) {
    const user = await identity.createUser(deps, {
      email: `bench-seller-${s}@bench.example`,
      password: 'bench-password-1',
      displayName: `Bench seller ${s}`,
      roles: [],
    });
    const seller = await sellers.onboardSeller(ctx, user.id, {
      legalName: `Bench Farm ${s} LLC`,
      ein: `39-${String(1_000_000 + s).padStart(7, '0')}`,
      usState: 'WI',
      city: 'Wausau',
      employees: 10,
      isFarm: true,
      contact: { name: 'Bench', email: `bench-seller-${s}@bench.example`, phone: '+1 715 555 0100' },
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
    // The facility registration China asks of food sellers (fictional), so bench listings sell there.
    await compliance.recordSellerDocument(ctx, {
      sellerId: seller.id,
      actorId: 'bench',
      type: 'cn_gacc_food_facility_registration',
      number: `BENCH-CN-${s}`,
      issuer: 'GACC',
      issuedOn: '2024-01-01',
      expiresOn: '2099-12-31',
    });
    for (let p = 0; p < opts.productsPerSeller; p++) {
      const g = GOODS[(s + p) % GOODS.length]!;
      const product = await catalog.createProduct(ctx, seller.id, true, {
        kind: 'goods',
        categorySlug: 'bench-goods',
        originState: 'WI',
        hsCode: g.hs,
        status: 'active',
        translations: {
          en: { title: `${g.en} #${s}-${p}`, description: g.en },
          'zh-Hans': { title: `${g.zh} ${s}-${p}`, description: g.zh },
        },
        images: [],
        variants: [{ sku: `B${s}-${p}`, priceUsd: g.cents, stock: 10_000_000, weightGrams: g.grams }],
      });
      variants.push({ variantId: product.variants[0]!.id, sellerId: seller.id });
    }
    bar?.increment(1, { step: 'sellers' });
  }
  const buyers: BenchData['buyers'] = [];
  for (let b = 0; b < opts.buyers; b++) {
    const user = await identity.createUser(deps, {
      email: `bench-buyer-${b}@bench.example`,
      password: 'bench-password-1',
      displayName: `买家${b}`,
      roles: [{ role: 'buyer' }],
    });
    await identity.saveBuyerIdentity(deps, user.id, {
      market: 'CN',
      realName: chineseName(b),
      idNumber: prcIdNumber(`310101198${(b % 10).toString()}0101${String(b % 1000).padStart(3, '0')}`),
    });
    const { token } = await identity.createApiToken(deps, user.id, 'bench');
    buyers.push({ userId: user.id, token });
    bar?.increment(1, { step: 'buyers' });
  }
  bar?.stop();
  await reindexListings(ctx); // the index, and the markets each listing may be shown in
  return { buyers, variants };
}
