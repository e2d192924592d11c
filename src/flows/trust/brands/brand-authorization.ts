import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { invalid, isDomainError } from '../../../kernel/errors.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as sellers from '../../../modules/sellers/index.ts';
import * as trust from '../../../modules/trust/index.ts';

/**
 * A brand owner's authorizations and the listings they cover: revoking one (or its end passing)
 * hides the seller's listings of the brand that no other authorization still covers, in the same
 * transaction; granting one publishes the listings it now covers.
 */

/** The rule the listing check records when it holds a listing that names a brand without authorization. */
const LISTING_UNAUTHORIZED_RULE = 'listing.brand_unauthorized';

/**
 * Whether every verified brand a listing names lets its seller sell it at `at` (a market-limited
 * authorization counts: the hold is all-or-nothing, the market is checked at checkout).
 */
async function coveredListings(tx: Db, productIds: string[], at: Date): Promise<Set<string>> {
  const links = await trust.brandLinksOfListings(tx, productIds);
  // Three queries whatever the number of listings and brands: links, statuses, authorizations.
  const status = await trust.brandStatuses(
    tx,
    links.map((l) => l.brandId),
  );
  const refused = await trust.unauthorizedBrandLinks(
    tx,
    links.filter((l) => status.get(l.brandId) === 'verified'),
    { market: null, at },
  );
  const covered = new Set(productIds);
  for (const link of refused) covered.delete(link.productId);
  return covered;
}

/** Hides the seller's listings of the brand that nothing covers any more, recording why for each. */
async function hideUncovered(
  tx: Db,
  clock: Clock,
  input: { brandId: string; sellerId: string; actor: string; rule: string; authorizationId: string },
): Promise<string[]> {
  const linked = await trust.listingsLinkedToBrand(tx, { brandId: input.brandId, sellerId: input.sellerId });
  const ids = linked.map((l) => l.productId);
  const covered = await coveredListings(tx, ids, clock.now());
  const hidden = await catalog.setTrustHold(
    tx,
    ids.filter((id) => !covered.has(id)),
    'unauthorized',
    [null, 'held_for_review'],
  );
  for (const productId of hidden) {
    await trust.recordDecision(tx, clock, {
      subjectKind: 'listing',
      subjectId: productId,
      sellerId: input.sellerId,
      decision: 'hidden',
      rule: input.rule,
      actor: input.actor,
      detail: { brandId: input.brandId, authorizationId: input.authorizationId },
    });
  }
  return hidden;
}

/**
 * Grants an authorization and publishes the seller's linked listings it now covers: those hidden
 * as 'unauthorized', and those held for review only because the brand had not authorized them.
 * The seller must exist and the products named must be its own.
 */
export async function grantBrandAuthorization(
  ctx: Ctx,
  input: trust.AuthorizeSellerInput & { brandId: string; actor: string },
): Promise<{ authorization: trust.BrandAuthorization; published: string[] }> {
  return inTransaction(ctx.db, async (tx) => {
    const seller = await sellers.getSeller(tx, input.sellerId);
    for (const productId of input.productIds ?? []) {
      // A product that does not exist is refused like another seller's; any other error is real.
      const product = await catalog.getProduct(tx, productId, { includeHidden: true }).catch((e: unknown) => {
        if (isDomainError(e) && e.code === 'catalog.product_not_found') return null;
        throw e;
      });
      if (!product || product.sellerId !== seller.id) {
        throw invalid('trust.invalid_authorization', 'A product named is not one of this seller’s.', {
          productId,
        });
      }
    }
    const authorization = await trust.authorizeSeller(tx, ctx.clock, input);
    const linked = await trust.listingsLinkedToBrand(tx, { brandId: input.brandId, sellerId: seller.id });
    const now = ctx.clock.now();
    const inScope = linked
      .map((l) => l.productId)
      .filter((productId) => trust.authorizationCovers(authorization, { productId, at: now }));
    const covered = [...(await coveredListings(tx, inScope, now))];
    const published = await catalog.setTrustHold(tx, covered, null, ['unauthorized']);
    const heldForBrand: string[] = [];
    for (const productId of covered) {
      if (published.includes(productId)) continue;
      const product = await catalog.getProduct(tx, productId, { includeHidden: true });
      if (product.trustHold !== 'held_for_review') continue;
      const decisions = await trust.listDecisions(tx, productId);
      if (decisions.at(-1)?.rule === LISTING_UNAUTHORIZED_RULE) heldForBrand.push(productId);
    }
    const released = await catalog.setTrustHold(tx, heldForBrand, null, ['held_for_review']);
    for (const productId of [...published, ...released]) {
      await trust.recordDecision(tx, ctx.clock, {
        subjectKind: 'listing',
        subjectId: productId,
        sellerId: seller.id,
        decision: 'published',
        rule: 'brand.authorized',
        actor: input.actor,
        detail: { brandId: input.brandId, authorizationId: authorization.id },
      });
    }
    for (const productId of released) {
      await trust.closeQueueItem(tx, ctx.clock, {
        queue: 'held_listings',
        subjectKind: 'listing',
        subjectId: productId,
        actor: input.actor,
        outcome: 'published_brand_authorized',
      });
    }
    return { authorization, published: [...published, ...released] };
  });
}

/** Revokes an authorization and hides, in the same transaction, what it alone covered. */
export async function revokeBrandAuthorization(
  ctx: Ctx,
  input: { brandId: string; authorizationId: string; actor: string; reason: string },
): Promise<{ authorization: trust.BrandAuthorization; hidden: string[] }> {
  return inTransaction(ctx.db, async (tx) => {
    const authorization = await trust.revokeAuthorization(tx, ctx.clock, input);
    const hidden = await hideUncovered(tx, ctx.clock, {
      brandId: authorization.brandId,
      sellerId: authorization.sellerId,
      actor: input.actor,
      rule: 'brand.authorization_revoked',
      authorizationId: authorization.id,
    });
    return { authorization, hidden };
  });
}

/**
 * The timer: authorizations whose end has passed hide what they alone covered. Idempotent (each is
 * handled once); several processes may run it at once (rows are taken with SKIP LOCKED).
 */
export async function expireAuthorizations(ctx: Ctx): Promise<{ expired: string[]; hidden: string[] }> {
  const expired: string[] = [];
  const hidden: string[] = [];
  for (;;) {
    // Collected per committed batch: a retried transaction must not count twice.
    const batch = await inTransaction(ctx.db, async (tx) => {
      const due = await trust.dueExpiredAuthorizations(tx, ctx.clock, 50);
      const out = { expired: [] as string[], hidden: [] as string[] };
      for (const a of due) {
        await trust.lockSellerAuthorizations(tx, a.brandId, a.sellerId);
        const h = await hideUncovered(tx, ctx.clock, {
          brandId: a.brandId,
          sellerId: a.sellerId,
          actor: 'system',
          rule: 'brand.authorization_expired',
          authorizationId: a.id,
        });
        await trust.markExpiryHandled(tx, ctx.clock, a.id);
        out.expired.push(a.id);
        out.hidden.push(...h);
      }
      return out;
    });
    expired.push(...batch.expired);
    hidden.push(...batch.hidden);
    if (batch.expired.length < 50) return { expired, hidden };
  }
}
