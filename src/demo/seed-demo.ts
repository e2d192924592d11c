import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import { inTransaction } from '../db/transaction.ts';
import type { FlowCtx } from '../flows/context.ts';
import { listingCheck } from '../flows/listings/check-listing.ts';
import { reindexListings, syncListingIndex } from '../flows/listings/sync-listing-eligibility.ts';
import type { Role } from '../kernel/access.ts';
import type { SellerId, UserId } from '../kernel/ids.ts';
import type { Locale } from '../kernel/locales.ts';
import * as catalog from '../modules/catalog/index.ts';
import * as compliance from '../modules/compliance/index.ts';
import * as identity from '../modules/identity/index.ts';
import * as orders from '../modules/orders/index.ts';
import * as sellers from '../modules/sellers/index.ts';
import { storeDemoImages } from './demo-images.ts';
import { seedDemoBrands, seedDemoLots, seedDemoReferenceImages } from './seed-demo-trust.ts';

const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo');
const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(DEMO_DIR, file), 'utf8')) as T;

interface DemoSeller extends sellers.OnboardSellerInput {
  key: string;
  verified: boolean;
  login: { email: string; password: string };
}
interface DemoProduct extends Omit<catalog.ProductInput, 'categorySlug'> {
  seller: string;
  category: string;
  /** Names the product's image file; not part of the listing itself. */
  slug: string;
}
interface DemoBuyer {
  email: string;
  password: string;
  displayName: string;
  market: string;
  locale: Locale;
  identity: { realName: string; idNumber: string } | null;
  /** Where the buyer's demo orders ship; checked with the same rules as checkout. */
  deliveryAddress: orders.DeliveryAddressInput;
}
interface DemoStaff {
  email: string;
  password: string;
  displayName: string;
  roles: Role[];
}

export const DEMO_MARKER = 'admin@demo.heartland.example';

export async function isDemoSeeded(ctx: FlowCtx): Promise<boolean> {
  return (await identity.findUserByEmail(ctx.db, DEMO_MARKER)) !== null;
}

/**
 * Loads the written demo marketplace through the modules' own operations (the same validation
 * a real seller's input gets): staff, sellers (verified or pending), categories, products, buyers
 * with their CN identities, then the search index.
 */
export async function seedDemo(
  ctx: FlowCtx,
  opts: { progress?: boolean; log?: (l: string) => void; pictures?: boolean } = {},
): Promise<void> {
  const log = opts.log ?? (() => {});
  const identityDeps = { db: ctx.db, clock: ctx.clock, idEncryptionKey: ctx.config.idEncryptionKey };
  if (await isDemoSeeded(ctx)) {
    log('The demo data is already loaded.');
    return;
  }
  const staff = read<DemoStaff[]>('staff.json');
  const demoSellers = read<DemoSeller[]>('sellers.json');
  const products = read<DemoProduct[]>('products.json');
  const buyers = read<DemoBuyer[]>('buyers.json');
  const categories = read<Parameters<typeof catalog.loadCategories>[1]>('categories.json');

  const total = staff.length + demoSellers.length + products.length + buyers.length;
  const bar = opts.progress
    ? new SingleBar({ format: 'demo data [{bar}] {value}/{total} {step}', hideCursor: true })
    : null;
  bar?.start(total, 0, { step: 'staff' });
  const tick = (step: string) => bar?.increment(1, { step });

  let adminId: UserId | null = null;
  const staffIds = new Map<Role, UserId>();
  for (const s of staff) {
    const user = await identity.createUser(identityDeps, {
      email: s.email,
      password: s.password,
      displayName: s.displayName,
      roles: s.roles.map((role) => ({ role })),
    });
    if (s.roles.includes('platform_admin')) adminId = user.id;
    for (const role of s.roles) staffIds.set(role, user.id);
    tick('staff');
  }
  await catalog.loadCategories(ctx.db, categories);

  const sellerIds = new Map<string, { id: SellerId; visible: boolean }>();
  for (const s of demoSellers) {
    const { key, verified, login, ...input } = s;
    const user = await identity.createUser(identityDeps, {
      email: login.email,
      password: login.password,
      displayName: input.contact.name,
      roles: [],
    });
    const seller = await sellers.onboardSeller(ctx, user.id, input);
    if (verified) {
      await inTransaction(ctx.db, async (tx) => {
        await sellers.transitionSeller(tx, ctx.clock, {
          sellerId: seller.id,
          to: 'verified',
          actorId: adminId ?? 'system',
          reason: 'demo data: documents reviewed',
        });
        await catalog.setSellerVisibility(tx, seller.id, true);
      });
    }
    sellerIds.set(key, { id: seller.id, visible: verified });
    tick('sellers');
  }

  // Brands first (registered, verified, their sellers authorized), then the pictures, so the
  // listings below pass the same checks a real listing does: brand, pictures, price.
  const agentId = staffIds.get('trust_agent') ?? adminId ?? 'system';
  const brands = await seedDemoBrands(ctx, { sellerIds, agentId });
  if (opts.pictures !== false) {
    const started = performance.now();
    const pictures = await storeDemoImages(
      ctx,
      products.flatMap((p) =>
        (p.images ?? []).map(({ url }) => ({
          sellerId: sellerIds.get(p.seller)!.id,
          image: { url, title: p.translations.en?.title ?? p.slug, category: p.category },
        })),
      ),
    );
    await seedDemoReferenceImages(ctx, brands, pictures);
    log(
      `Demo pictures: ${pictures.size} drawn and fingerprinted in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }

  const check = listingCheck(ctx);
  const listed = new Map<string, { productId: string; sellerId: string }>();
  for (const p of products) {
    const { seller, category, slug, ...input } = p;
    const owner = sellerIds.get(seller);
    if (!owner) throw new Error(`demo product names unknown seller ${seller}`);
    const product = await catalog.createProduct(
      ctx,
      owner.id,
      owner.visible,
      { ...input, categorySlug: category, status: 'active' },
      check,
    );
    listed.set(slug, { productId: product.id, sellerId: owner.id });
    tick('products');
  }
  const provenance = await seedDemoLots(ctx, listed);

  // Fictional registrations (DEMO-…), so the food listings are shown where a market asks for one.
  const documents = read<{ documents: (compliance.RecordDocumentInput & { seller: string })[] }>(
    'seller-documents.json',
  ).documents;
  for (const { seller, ...doc } of documents) {
    const owner = sellerIds.get(seller);
    if (!owner) throw new Error(`demo document names unknown seller ${seller}`);
    await compliance.recordSellerDocument(ctx, { ...doc, sellerId: owner.id, actorId: adminId ?? 'system' });
  }

  for (const b of buyers) {
    orders.checkDeliveryAddress(b.deliveryAddress, b.market);
    const user = await identity.createUser(identityDeps, {
      email: b.email,
      password: b.password,
      displayName: b.displayName,
      roles: [{ role: 'buyer' }],
    });
    if (b.identity && b.market === 'CN') {
      await identity.saveBuyerIdentity(identityDeps, user.id, { market: 'CN', ...b.identity });
    }
    tick('buyers');
  }
  bar?.stop();
  const indexed = await reindexListings(ctx); // the index, and where each listing may be shown
  await syncListingIndex(ctx); // consume the outbox rows the seeding wrote
  log(
    `Demo marketplace loaded: ${demoSellers.length} sellers, ${products.length} products (${indexed} indexed), ${buyers.length} buyers, ${brands.length} brands, ${provenance.lots} lots with ${provenance.codes} authenticity codes.`,
  );
}
