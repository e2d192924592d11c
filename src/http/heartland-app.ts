import type { Pool } from 'pg';
import { authenticityRoutes } from '../flows/authenticity-routes.js';
import { brandRoutes } from '../flows/brand-routes.js';
import { checkoutRoutes } from '../flows/checkout-routes.js';
import type { FlowCtx } from '../flows/context.js';
import { customsRoutes } from '../flows/customs-routes.js';
import { imageRoutes } from '../flows/image-routes.js';
import { landedCostExplainRoutes } from '../flows/landed-cost-explain-routes.js';
import { listingCheck } from '../flows/listing-checks.js';
import { listingEligibilityRoutes } from '../flows/listing-eligibility-routes.js';
import { noticeRoutes } from '../flows/notice-routes.js';
import { orderFlowRoutes } from '../flows/order-routes.js';
import { reviewRoutes } from '../flows/review-routes.js';
import { sellerVerificationLevelsRoutes } from '../flows/seller-verification-levels-routes.js';
import { sellerVerificationRoutes } from '../flows/seller-verification-routes.js';
import { storefrontRoutes } from '../flows/storefront-routes.js';
import { trustQueueRoutes } from '../flows/trust-queue-routes.js';
import { catalogRoutes } from '../modules/catalog/index.js';
import { complianceRoutes } from '../modules/compliance/index.js';
import { authenticator, identityRoutes } from '../modules/identity/index.js';
import { impactRoutes } from '../modules/impact/index.js';
import { ledgerRoutes } from '../modules/ledger/index.js';
import { marketsRoutes } from '../modules/markets/index.js';
import { ordersRoutes } from '../modules/orders/index.js';
import { paymentsRoutes } from '../modules/payments/index.js';
import { searchRoutes } from '../modules/search/index.js';
import { sellersRoutes } from '../modules/sellers/index.js';
import { shippingRoutes } from '../modules/shipping/index.js';
import { type App, createApp } from './app.js';
import { readIndexHtml, webAppRoutes } from './web-app.js';

const once = <T>(f: () => T): (() => T) => {
  let value: { v: T } | undefined;
  return () => {
    if (!value) value = { v: f() };
    return value.v;
  };
};

/** The whole Heartland HTTP API: every module's routes and the cross-module flows. */
export async function createHeartlandApp(
  ctx: FlowCtx & { pool: Pool },
  opts: { logger?: boolean; isReady?: () => boolean; webApp?: boolean } = {},
): Promise<App> {
  const identityDeps = { db: ctx.db, clock: ctx.clock, idEncryptionKey: ctx.config.idEncryptionKey };
  return createApp({
    pool: ctx.pool,
    authenticate: authenticator(identityDeps),
    logger: opts.logger,
    isReady: opts.isReady,
    // Read once: a rebuild is picked up by a restart (npm start rebuilds a stale app first).
    webAppPage: opts.webApp ? once(readIndexHtml) : undefined,
    rootRoutes: [webAppRoutes()],
    routes: [
      identityRoutes(identityDeps),
      marketsRoutes(ctx),
      sellersRoutes(ctx),
      sellerVerificationRoutes(ctx),
      sellerVerificationLevelsRoutes(ctx),
      catalogRoutes(ctx, { listingCheck: listingCheck(ctx) }),
      searchRoutes(ctx),
      complianceRoutes(ctx),
      shippingRoutes(),
      ledgerRoutes(ctx),
      impactRoutes(ctx),
      paymentsRoutes(ctx),
      ordersRoutes(ctx),
      checkoutRoutes(ctx),
      orderFlowRoutes(ctx),
      landedCostExplainRoutes(ctx),
      storefrontRoutes(ctx),
      listingEligibilityRoutes(ctx),
      customsRoutes(ctx),
      authenticityRoutes(ctx),
      reviewRoutes(ctx),
      imageRoutes(ctx),
      brandRoutes(ctx),
      trustQueueRoutes(ctx),
      noticeRoutes(ctx),
    ],
  });
}
