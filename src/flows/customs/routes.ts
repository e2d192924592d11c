import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import type { FlowCtx } from '../context.ts';
import { customsRecordsForOrder, mayReadCustomsRecords, notAllowed } from './build-customs-records.ts';
import { papersRoutes } from './papers-routes.ts';

const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `an id (${prefix}_…)`);

const CustomsRecordsJson = z.object({
  orderNo: z.string(),
  records: z.object({ ceb311: z.string(), ceb411: z.string(), ceb511: z.string().nullable() }),
  crossCheck: z.object({
    ok: z.boolean(),
    problems: z.array(z.object({ code: z.string(), message: z.string() })),
  }),
  missing: z.array(z.string()),
  declared: z.array(
    z.object({
      kind: z.string(),
      body: z.string(),
      digest: z.string(),
      declaredAt: z.string(),
      matchesCurrent: z.boolean().nullable(),
    }),
  ),
});

/**
 * China CBEC "three documents" (CEB311/411/511 XML) for a seller's mainland-China order, and the
 * commercial invoice and packing list of any order's parcel (papers-routes.ts, mounted here).
 */
export function customsRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(papersRoutes(ctx));
    app.get(
      '/sellers/:sellerId/orders/:orderId/customs-records',
      {
        config: { access: ['seller_staff', 'platform_admin', 'trust_agent'] },
        schema: {
          tags: ['compliance'],
          summary:
            "China customs 'three documents' for a mainland-China order: order, payment and waybill records, cross-checked",
          params: z.object({ sellerId: idOf('sel'), orderId: idOf('ord') }),
          response: { 200: CustomsRecordsJson },
        },
      },
      async (req) => {
        // Access first (403), so a stranger learns nothing from a 404; then the path must match.
        const order = await orders.getOrder(ctx.db, req.params.orderId);
        if (!mayReadCustomsRecords(req.principal!, order)) throw notAllowed();
        if (order.sellerId !== req.params.sellerId)
          throw notFound('customs.order_not_found', 'This seller has no such order.');
        return customsRecordsForOrder(ctx, req.principal!, order.id);
      },
    );
  };
}
