import type { Pool } from 'pg';
import { checkoutRoutes } from '../flows/checkout/routes.ts';
import type { FlowCtx } from '../flows/context.ts';
import { customsRoutes } from '../flows/customs/routes.ts';
import { landedCostExplainRoutes } from '../flows/landed-cost/routes.ts';
import { imageRoutes } from '../flows/listings/image-routes.ts';
import { listingRoutes } from '../flows/listings/routes.ts';
import { orderFlowRoutes } from '../flows/orders/routes.ts';
import { sellerVerificationRoutes } from '../flows/sellers/routes.ts';
import { storefrontRoutes } from '../flows/storefront/routes.ts';
import { authenticityRoutes } from '../flows/trust/authenticity/routes.ts';
import { brandRoutes } from '../flows/trust/brands/routes.ts';
import { noticeRoutes } from '../flows/trust/notices/routes.ts';
import { trustListingRoutes } from '../flows/trust/queues/routes.ts';
import { reviewRoutes } from '../flows/trust/reviews/routes.ts';
import { jobsRoutes } from '../jobs/routes.ts';
import * as catalog from '../modules/catalog/index.ts';
import { catalogRoutes } from '../modules/catalog/index.ts';
import { complianceRoutes } from '../modules/compliance/index.ts';
import { authenticator, identityRoutes } from '../modules/identity/index.ts';
import { impactRoutes } from '../modules/impact/index.ts';
import { ledgerRoutes } from '../modules/ledger/index.ts';
import { marketsRoutes } from '../modules/markets/index.ts';
import { paymentsRoutes } from '../modules/payments/index.ts';
import { searchRoutes } from '../modules/search/index.ts';
import { sellersRoutes } from '../modules/sellers/index.ts';
import { shippingRoutes } from '../modules/shipping/index.ts';
import { trustRoutes } from '../modules/trust/index.ts';
import { type App, type AppOptions, createApp } from './app.ts';
import { readIndexHtml, webAppRoutes } from './web-app.ts';

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
  opts: Pick<AppOptions, 'logger' | 'metrics' | 'isReady'> & { webApp?: boolean } = {},
): Promise<App> {
  const identityDeps = { db: ctx.db, clock: ctx.clock, idEncryptionKey: ctx.config.idEncryptionKey };
  // Read once: a rebuild is picked up by a restart (npm start rebuilds a stale app first).
  const webAppPage = opts.webApp ? once(readIndexHtml) : undefined;
  return createApp({
    pool: ctx.pool,
    authenticate: authenticator(identityDeps),
    logger: opts.logger,
    metrics: opts.metrics,
    isReady: opts.isReady,
    webAppPage,
    rootRoutes: [
      webAppRoutes({
        page: webAppPage,
        // The product page's preload hint names the picture a shopper would see (visible listings only).
        productPicture: async (id) => (await catalog.getProduct(ctx.db, id)).images[0]?.url ?? null,
      }),
    ],
    routes: [
      identityRoutes(identityDeps),
      marketsRoutes(ctx),
      sellersRoutes(ctx),
      sellerVerificationRoutes(ctx),
      catalogRoutes(ctx),
      listingRoutes(ctx),
      searchRoutes(ctx),
      complianceRoutes(ctx),
      shippingRoutes(),
      ledgerRoutes(ctx),
      impactRoutes(ctx),
      paymentsRoutes(ctx),
      checkoutRoutes(ctx),
      orderFlowRoutes(ctx),
      landedCostExplainRoutes(ctx),
      storefrontRoutes(ctx),
      customsRoutes(ctx),
      authenticityRoutes(ctx),
      reviewRoutes(ctx),
      imageRoutes(ctx),
      brandRoutes(ctx),
      trustListingRoutes(ctx),
      trustRoutes(ctx),
      noticeRoutes(ctx),
      jobsRoutes(ctx),
    ],
  });
}
