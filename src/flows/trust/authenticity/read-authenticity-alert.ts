import * as catalog from '../../../modules/catalog/index.ts';
import * as sellers from '../../../modules/sellers/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { titleOf } from './product-title.ts';

/** One authenticity alert as a trust agent reads it: its code, lot, product and seller, and the scans. */
export async function readAuthenticityAlert(ctx: FlowCtx, alertId: string) {
  const alert = await trust.getAuthenticityAlert(ctx.db, alertId);
  const [lot, seller] = await Promise.all([
    trust.getLot(ctx.db, alert.lotId),
    sellers.getSeller(ctx.db, alert.sellerId),
  ]);
  const product = await catalog.getProduct(ctx.db, lot.productId, { includeHidden: true });
  return {
    ...alert,
    code: trust.formatCode(trust.codeFor(ctx.config.authenticityCodeKey, BigInt(alert.serial))),
    lot,
    product: { id: product.id, title: titleOf(product, 'en') },
    seller: { id: seller.id, name: seller.legalName, state: seller.state, usState: seller.usState },
  };
}
