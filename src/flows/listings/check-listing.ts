import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as trust from '../../modules/trust/index.ts';

/**
 * The checks a listing passes before buyers see it, run in the transaction that writes it:
 * a registered brand named without the brand's authorization, an image that is a verified brand's
 * reference image or another seller's earlier image, and a branded price far below the brand's
 * reference price. Any finding holds the listing for a trust agent; every outcome is recorded as
 * a decision naming the rule that made it.
 */

export type ListingFindingRule =
  | 'listing.brand_unauthorized'
  | 'listing.image_matches_brand_reference'
  | 'listing.image_near_brand_reference'
  | 'listing.image_copied_from_other_seller'
  | 'listing.price_below_reference';

export interface ListingFinding {
  rule: ListingFindingRule;
  detail: Record<string, unknown>;
}

async function brandFindings(
  tx: Db,
  clock: Clock,
  product: catalog.ProductView,
): Promise<{ findings: ListingFinding[]; brandIds: string[] }> {
  const texts = Object.values(product.translations).flatMap((t) => (t ? [t.title] : []));
  const mentions = await trust.findBrandMentions(tx, { texts, brandField: product.brand });
  await trust.unlinkListingFromBrands(tx, product.id);
  for (const m of mentions) {
    await trust.linkListingToBrand(tx, {
      brandId: m.brandId,
      sellerId: product.sellerId,
      productId: product.id,
      matchedTerm: m.matchedTerm,
    });
  }
  // Every brand named is checked in one query, not one per brand.
  const unauthorized = await trust.unauthorizedBrandLinks(
    tx,
    mentions.map((m) => ({ ...m, sellerId: product.sellerId, productId: product.id })),
    { market: null, at: clock.now() },
  );
  const findings: ListingFinding[] = unauthorized.map((m) => ({
    rule: 'listing.brand_unauthorized',
    detail: { brandId: m.brandId, brand: m.name, matchedTerm: m.matchedTerm },
  }));
  return { findings, brandIds: mentions.map((m) => m.brandId) };
}

async function imageFindings(
  ctx: { db: Db; clock: Clock; liveIndex: trust.LiveFingerprintIndex },
  tx: Db,
  product: catalog.ProductView,
): Promise<{ findings: ListingFinding[]; unchecked: string[] }> {
  const refs = product.images.map((i) => i.url);
  const own = (await trust.storedFingerprints(tx, refs)).filter(
    (f) => f.ownerKind === 'listing' && f.sellerId === product.sellerId,
  );
  await trust.assignListingImages(tx, {
    productId: product.id,
    sellerId: product.sellerId,
    imageRefs: own.map((f) => f.imageRef),
  });
  const checked = new Set(own.map((f) => f.imageRef));
  const unchecked = refs.filter((r) => !checked.has(r));
  if (own.length === 0) return { findings: [], unchecked };

  const index = await ctx.liveIndex.refresh(ctx.db);
  const findings: ListingFinding[] = [];
  for (const image of own) {
    const matches = trust.matchImage(index, image).filter((m) => m.id !== image.imageRef);
    if (matches.length === 0) continue;
    const stored = new Map(
      (
        await trust.storedFingerprints(
          tx,
          matches.map((m) => m.id),
        )
      ).map((f) => [f.imageRef, f]),
    );
    // The brands whose reference pictures match, their statuses and the seller's authorizations:
    // asked once for all the matches, not once per match.
    const brandOf = (id: string) => {
      const other = stored.get(id);
      return other?.ownerKind === 'brand_reference' ? trust.brandIdOfReferenceImageRef(other.imageRef) : null;
    };
    const brandIds = [...new Set(matches.flatMap((m) => brandOf(m.id) ?? []))];
    const statuses = await trust.brandStatuses(tx, brandIds);
    const verified = brandIds.filter((b) => statuses.get(b) === 'verified');
    const unauthorized = new Set(
      (
        await trust.unauthorizedBrandLinks(
          tx,
          verified.map((brandId) => ({ brandId, sellerId: product.sellerId, productId: product.id })),
          { market: null, at: ctx.clock.now() },
        )
      ).map((l) => l.brandId),
    );
    let authorizedBrandImage = false;
    const brandHits: ListingFinding[] = [];
    for (const m of matches) {
      const brandId = brandOf(m.id);
      if (!brandId || statuses.get(brandId) !== 'verified') continue;
      const authorized = !unauthorized.has(brandId);
      if (authorized && m.verdict === 'same') authorizedBrandImage = true;
      if (authorized) continue;
      brandHits.push({
        rule:
          m.verdict === 'same'
            ? 'listing.image_matches_brand_reference'
            : 'listing.image_near_brand_reference',
        detail: { image: image.imageRef, brandId, distance: m.distance, mirrored: m.mirrored },
      });
    }
    findings.push(...brandHits);
    // An authorized reseller may use the brand's own pictures, as its other resellers do.
    if (authorizedBrandImage) continue;
    // Another seller's image counts only when it was recorded first, and only at 'same': at a
    // million images the 11–16 band holds dozens of chance matches per lookup (bench/fingerprints).
    const copied = matches.find((m) => {
      const other = stored.get(m.id);
      return (
        m.verdict === 'same' &&
        other?.ownerKind === 'listing' &&
        other.sellerId !== product.sellerId &&
        other.seq < image.seq
      );
    });
    if (copied) {
      const other = stored.get(copied.id)!;
      findings.push({
        rule: 'listing.image_copied_from_other_seller',
        detail: {
          image: image.imageRef,
          otherImage: other.imageRef,
          otherSellerId: other.sellerId,
          otherListingId: other.ownerId,
          distance: copied.distance,
          mirrored: copied.mirrored,
        },
      });
    }
  }
  return { findings, unchecked };
}

// biome-ignore lint/complexity/useMathMinMax: Math.min takes no bigint.
const smallest = (xs: bigint[]): bigint => xs.reduce((m, x) => (x < m ? x : m));

/** A branded listing priced below the policy's share of the brand's reference price is flagged. */
async function priceFindings(
  tx: Db,
  product: catalog.ProductView,
  brandIds: string[],
): Promise<ListingFinding[]> {
  if (brandIds.length === 0 || product.variants.length === 0) return [];
  const lowest = smallest(product.variants.map((v) => BigInt(v.priceUsd.amount)));
  const share = trust.trustPolicy().listingChecks.minimumShareOfReferencePrice;
  const [whole, frac = ''] = share.split('.');
  const scale = 10n ** BigInt(frac.length);
  const numerator = BigInt(whole! + frac);
  const findings: ListingFinding[] = [];
  for (const brandId of new Set(brandIds)) {
    const refs = await trust.brandReferenceProducts(tx, brandId);
    const sameCategory = refs.filter((r) => r.categorySlug === product.categorySlug);
    const candidates = sameCategory.length > 0 ? sameCategory : refs;
    if (candidates.length === 0) continue;
    const reference = smallest(candidates.map((r) => r.referencePriceUsd));
    // lowest / reference < share, in integers: lowest · scale < reference · share · scale.
    if (lowest * scale < reference * numerator) {
      findings.push({
        rule: 'listing.price_below_reference',
        detail: {
          brandId,
          lowestPriceUsd: lowest.toString(),
          referencePriceUsd: reference.toString(),
          minimumShare: share,
        },
      });
    }
  }
  return findings;
}

/**
 * The listing checks as the catalog's hook, run in the transaction of every listing write
 * (createListing, updateListing, the demo seeding). Each hook keeps its own index of the
 * database's fingerprints, refreshed before every check: make one and keep it.
 */
export function listingCheck(ctx: { db: Db; clock: Clock }): catalog.ListingCheck {
  const withIndex = { ...ctx, liveIndex: new trust.LiveFingerprintIndex() };
  return async (tx, product) => {
    // A takedown or a revoked authorization is decided elsewhere; an edit does not undo it.
    if (product.trustHold === 'taken_down' || product.trustHold === 'unauthorized') return;
    const brands = await brandFindings(tx, ctx.clock, product);
    const images = await imageFindings(withIndex, tx, product);
    const findings = [
      ...brands.findings,
      ...images.findings,
      ...(await priceFindings(tx, product, brands.brandIds)),
    ];
    await recordOutcome(tx, ctx.clock, product, findings, images.unchecked);
  };
}

async function recordOutcome(
  tx: Db,
  clock: Clock,
  product: catalog.ProductView,
  findings: ListingFinding[],
  uncheckedImages: string[],
): Promise<void> {
  const subject = {
    subjectKind: 'listing',
    subjectId: product.id,
    sellerId: product.sellerId,
    actor: 'system',
  };
  if (findings.length === 0) {
    // A held listing stays held after an edit: the agent reviewing it decides.
    if (product.trustHold === 'held_for_review') return;
    await trust.recordDecision(tx, clock, {
      ...subject,
      decision: 'published',
      rule: 'listing.checks_passed',
      detail: { uncheckedImages },
    });
    return;
  }
  await catalog.setTrustHold(tx, [product.id], 'held_for_review', [null, 'held_for_review']);
  await trust.recordDecision(tx, clock, {
    ...subject,
    decision: 'held',
    rule: findings[0]!.rule,
    detail: { findings, uncheckedImages },
  });
  const title = product.translations.en?.title ?? Object.values(product.translations)[0]?.title ?? product.id;
  await trust.openQueueItem(tx, clock, {
    queue: 'held_listings',
    subjectKind: 'listing',
    subjectId: product.id,
    sellerId: product.sellerId,
    summary: `${title}: ${[...new Set(findings.map((f) => f.rule))].join(', ')}`,
  });
}
