import type { UserId } from '../../../kernel/ids.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as identity from '../../../modules/identity/index.ts';
import * as sellers from '../../../modules/sellers/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/**
 * Everything a trust agent reads before deciding a notice, gathered across modules: the notice,
 * who filed it and how reliable its notices have been, the brand it names, each listing with its
 * seller and current hold, and the decisions this notice led to. `asOf` is the server's clock, so
 * the console counts the counter-notice and answer windows against the same time the timers use.
 */
export async function noticeReview(ctx: FlowCtx, noticeId: string) {
  const notice = await trust.getNotice(ctx.db, noticeId);
  const [user, tier, brand] = await Promise.all([
    identity.getUser(ctx.db, notice.filedBy as UserId),
    trust.getReporter(ctx.db, notice.filedBy),
    notice.brandId ? trust.getBrand(ctx.db, notice.brandId) : Promise.resolve(null),
  ]);
  const sellerNames = new Map<string, { name: string; state: string }>();
  const listings = [];
  const decisions: trust.TrustDecision[] = [];
  for (const l of notice.listings) {
    const product = await catalog.getProduct(ctx.db, l.productId, { includeHidden: true });
    if (!sellerNames.has(l.sellerId)) {
      const s = await sellers.getSeller(ctx.db, l.sellerId);
      sellerNames.set(l.sellerId, { name: s.legalName, state: s.state });
    }
    const seller = sellerNames.get(l.sellerId)!;
    listings.push({
      productId: l.productId,
      title: product.translations.en?.title ?? product.id,
      sellerId: l.sellerId,
      sellerName: seller.name,
      sellerState: seller.state,
      trustHold: product.trustHold,
      visible: product.visible,
    });
    // A listing's decisions span every notice and check that touched it; keep this notice's.
    const onListing = await trust.listDecisions(ctx.db, l.productId);
    decisions.push(...onListing.filter((d) => d.detail.noticeId === notice.id));
  }
  decisions.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || Number(a.id) - Number(b.id));
  const reason = trust.noticeReasons().reasons.get(notice.reasonCode);
  return {
    notice,
    reason: {
      code: notice.reasonCode,
      label: reason?.labels.en ?? notice.reasonCode,
      serious: reason?.serious ?? false,
    },
    reporter: {
      ...tier,
      displayName: user?.displayName ?? null,
      email: user?.email ?? null,
    },
    brand: brand && {
      id: brand.id,
      name: brand.name,
      status: brand.status,
      trademark: {
        office: brand.trademark.office,
        registrationNumber: brand.trademark.registrationNumber,
        ownerName: brand.trademark.ownerName,
      },
    },
    listings,
    decisions,
    policy: {
      counterNoticeFilingWindowDays: trust.noticeReasons().counterNoticeFilingWindowDays,
      answerWindowBusinessDays: trust.trustPolicy().counterNotice.answerWindowBusinessDays,
    },
    asOf: ctx.clock.now().toISOString(),
  };
}
