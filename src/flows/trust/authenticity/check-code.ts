import { inTransaction } from '../../../db/transaction.ts';
import type { Locale, MarketCode } from '../../../kernel/locales.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as sellers from '../../../modules/sellers/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { localizedTitle } from './product-title.ts';

/**
 * Anyone checks a code: genuine, forged or unknown. The scan is recorded (and may raise an alert);
 * a genuine code also names its product, in the shopper's language, and its seller.
 */
export async function checkCode(ctx: FlowCtx, input: { code: string; market: MarketCode; locale: Locale }) {
  const at = ctx.clock.now();
  const result = await inTransaction(ctx.db, (tx) =>
    trust.verifyScan(tx, ctx.config.authenticityCodeKey, { code: input.code, market: input.market, at }),
  );
  if (result.outcome !== 'genuine') return result;
  const [product, seller] = await Promise.all([
    catalog.getProduct(ctx.db, result.productId, { includeHidden: true }),
    sellers.getSeller(ctx.db, result.sellerId),
  ]);
  const { productId: _p, sellerId: _s, ...rest } = result;
  return {
    ...rest,
    product: { id: product.id, ...localizedTitle(product, input.locale) },
    // The name shoppers know the seller by, as on its product pages.
    seller: { id: seller.id, name: seller.dba ?? seller.legalName, usState: seller.usState },
  };
}
