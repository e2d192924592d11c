import type { Ctx } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import * as catalog from '../../modules/catalog/index.ts';

/** Where a visible listing's first picture is, for result grids (404 when it has none). */
export async function showProductPicture(ctx: Ctx, productId: string): Promise<{ url: string }> {
  const product = await catalog.getProduct(ctx.db, productId);
  const first = product.images[0];
  if (!first)
    throw notFound('storefront.no_picture', 'This listing has no picture.', { productId: product.id });
  return { url: first.url };
}
