import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../kernel/ids.ts';
import { LOCALES, MARKET_CODES } from '../../kernel/locales.ts';
import type { FlowCtx } from '../context.ts';
import { ProductPageView } from './schemas.ts';
import { showProductPage } from './show-product-page.ts';
import { showProductPicture } from './show-product-picture.ts';

export function storefrontRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/storefront/products/:id/picture',
      {
        config: { access: 'public' },
        schema: {
          tags: ['storefront'],
          summary: 'A listing’s first picture (a redirect), for result grids',
          params: z.object({ id: zId('prd') }),
        },
      },
      async (req, reply) => {
        const picture = await showProductPicture(ctx, req.params.id);
        return reply.header('cache-control', 'public, max-age=300').redirect(picture.url, 302);
      },
    );

    app.get(
      '/storefront/products/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['storefront'],
          summary:
            'A product page for a buyer: local price, estimated duties and taxes, the seller (404 where it is not sold)',
          params: z.object({ id: zId('prd') }),
          querystring: z
            .object({ market: z.enum(MARKET_CODES).default('CN'), locale: z.enum(LOCALES).optional() })
            .strict(),
          response: { 200: ProductPageView },
        },
      },
      async (req) => showProductPage(ctx, { productId: req.params.id, ...req.query }),
    );
  };
}
