import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inTransaction } from '../db/transaction.ts';
import type { FlowCtx } from '../flows/context.ts';
import { grantBrandAuthorization } from '../flows/trust/brands/brand-authorization.ts';
import type { Locale, MarketCode } from '../kernel/locales.ts';
import { UploadedFile } from '../kernel/uploaded-file.ts';
import * as identity from '../modules/identity/index.ts';
import * as trust from '../modules/trust/index.ts';

const TRUST_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo/trust.json');

interface DemoBrand {
  name: string;
  owner: { email: string; displayName?: string };
  terms: Partial<Record<Locale, string[]>>;
  trademark: trust.RegisterBrandInput['trademark'];
  authorizedSeller: string;
  referenceProducts: { name: string; category: string; referencePriceUsd: number; image: string }[];
}
interface DemoLot {
  product: string;
  lotNumber: string;
  farmName: string;
  usState: (typeof trust.US_STATES)[number];
  county: string;
  harvestedOrMadeOn: string;
  certifications: { scheme: string; number: string; certifier: string; expiresOn?: string }[];
  soldToMarkets: MarketCode[] | null;
  codes: number;
}
interface DemoTrust {
  brands: DemoBrand[];
  lots: DemoLot[];
}

const readDemoTrust = (): DemoTrust => JSON.parse(readFileSync(TRUST_FILE, 'utf8')) as DemoTrust;

export interface SeededBrand {
  id: string;
  ownerId: string;
  /** Picture URLs of the demo catalog that are this brand's reference images, with the reference product. */
  referenceImages: { url: string; productRefId: string }[];
}

/**
 * Registers the demo brands as a brand owner would (trademark, a certificate, reference products),
 * has the demo trust agent verify them, and authorizes the brand's own seller, all before any
 * listing exists, so the demo listings that name a brand pass the listing checks.
 */
export async function seedDemoBrands(
  ctx: FlowCtx,
  input: { sellerIds: ReadonlyMap<string, { id: string }>; agentId: string },
): Promise<SeededBrand[]> {
  const deps = { db: ctx.db, clock: ctx.clock, idEncryptionKey: ctx.config.idEncryptionKey };
  const seeded: SeededBrand[] = [];
  for (const b of readDemoTrust().brands) {
    const owner =
      (await identity.findUserByEmail(ctx.db, b.owner.email)) ??
      (await identity.createUser(deps, {
        email: b.owner.email,
        password: 'heartland-demo-1',
        displayName: b.owner.displayName ?? `${b.name} brand owner`,
        roles: [{ role: 'brand_owner' }],
      }));
    const seller = input.sellerIds.get(b.authorizedSeller);
    if (!seller) throw new Error(`demo brand ${b.name} names unknown seller ${b.authorizedSeller}`);
    const { brand, refs } = await inTransaction(ctx.db, async (tx) => {
      const registered = await trust.registerBrand(tx, ctx.clock, owner.id, {
        name: b.name,
        terms: b.terms,
        trademark: b.trademark,
      });
      await trust.addBrandDocument(tx, ctx.clock, {
        brandId: registered.id,
        actor: owner.id,
        kind: 'trademark_certificate',
        file: new UploadedFile(
          `${b.trademark.office}-${b.trademark.registrationNumber}.pdf`,
          Buffer.from(`%PDF-1.4\n% demo registration certificate of ${b.name}\n`),
        ),
      });
      const verified = await trust.reviewBrand(tx, ctx.clock, {
        brandId: registered.id,
        agentId: input.agentId,
        decision: 'verify',
        reason: 'Demo data: the registration matches the certificate.',
      });
      const refs: SeededBrand['referenceImages'] = [];
      for (const r of b.referenceProducts) {
        const ref = await trust.addReferenceProduct(tx, ctx.clock, {
          brandId: verified.id,
          actor: owner.id,
          name: r.name,
          categorySlug: r.category,
          referencePriceUsd: r.referencePriceUsd,
        });
        refs.push({ url: r.image, productRefId: ref.id });
      }
      return { brand: verified, refs };
    });
    await grantBrandAuthorization(ctx, { brandId: brand.id, actor: owner.id, sellerId: seller.id });
    seeded.push({ id: brand.id, ownerId: owner.id, referenceImages: refs });
  }
  return seeded;
}

/** The brands' reference pictures: the demo catalog's own pictures of their products. */
export async function seedDemoReferenceImages(
  ctx: FlowCtx,
  brands: readonly SeededBrand[],
  pictures: ReadonlyMap<string, Buffer>,
): Promise<void> {
  for (const brand of brands) {
    for (const ref of brand.referenceImages) {
      const bytes = pictures.get(ref.url);
      if (!bytes) continue;
      await inTransaction(ctx.db, (tx) =>
        trust.addReferenceImage(tx, ctx.clock, {
          brandId: brand.id,
          actor: brand.ownerId,
          bytes,
          productRefId: ref.productRefId,
        }),
      );
    }
  }
}

/** Farm lots with their provenance and certifications, and a sheet of authenticity codes for some. */
export async function seedDemoLots(
  ctx: FlowCtx,
  products: ReadonlyMap<string, { productId: string; sellerId: string }>,
): Promise<{ lots: number; codes: number }> {
  let codes = 0;
  const { lots } = readDemoTrust();
  for (const l of lots) {
    const product = products.get(l.product);
    if (!product) throw new Error(`demo lot ${l.lotNumber} names unknown product ${l.product}`);
    codes += await inTransaction(ctx.db, async (tx) => {
      const lot = await trust.createLot(
        tx,
        {
          sellerId: product.sellerId,
          productId: product.productId,
          lotNumber: l.lotNumber,
          farmName: l.farmName,
          usState: l.usState,
          county: l.county,
          harvestedOrMadeOn: l.harvestedOrMadeOn,
          certifications: l.certifications,
          ...(l.soldToMarkets ? { soldToMarkets: l.soldToMarkets } : {}),
        },
        ctx.clock.now(),
      );
      if (l.codes === 0) return 0;
      const batch = await trust.issueCodes(tx, ctx.config.authenticityCodeKey, {
        lotId: lot.id,
        count: l.codes,
        reference: `demo-${l.lotNumber}`,
        at: ctx.clock.now(),
      });
      return batch.codes.length;
    });
  }
  return { lots: lots.length, codes };
}
