import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as compliance from '../../modules/compliance/index.ts';
import * as orders from '../../modules/orders/index.ts';
import { commercialInvoicePdf, packingListPdf } from '../../render/pdf/shipping-papers-pdf.ts';
import type { FlowCtx } from '../context.ts';
import { papersFor } from './prepare-shipping-papers.ts';

const OrderParams = z.object({
  orderId: z.string().regex(/^ord_[0-9a-f]{32}$/, 'an id (ord_…)'),
});
const FormatQuery = z.object({ format: z.enum(['json', 'pdf']).optional() }).strict();
const ACCESS = ['buyer', 'seller_staff', 'platform_admin', 'trust_agent'] as const;

/** `?format=pdf`, or an Accept header that names PDF and not JSON (the query wins). */
function wantsPdf(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === 'pdf';
  return /application\/pdf/i.test(accept ?? '') && !/application\/json/i.test(accept ?? '');
}

/** A Buffer bypasses the JSON serializer: the PDF goes out as it is. */
const sendPdf = (reply: FastifyReply, name: string, pdf: Buffer) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);

/**
 * The commercial invoice and packing list of an order's parcel (reference §4b): JSON for machines,
 * PDF for people. The order's buyer, the seller's staff, admins and trust agents may read them.
 */
export function papersRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    const schema = (what: string, kind: string) => ({
      tags: ['compliance'],
      summary: `The ${what} of an order's parcel (JSON; PDF with ?format=pdf or Accept: application/pdf)`,
      params: OrderParams,
      querystring: FormatQuery,
      // The document's full shape is CommercialInvoiceJson / PackingListJson in the compliance module.
      response: { 200: z.looseObject({ kind: z.literal(kind), orderId: z.string(), status: z.string() }) },
    });

    app.get(
      '/orders/:orderId/commercial-invoice',
      { config: { access: ACCESS }, schema: schema('commercial invoice', 'commercial_invoice') },
      async (req, reply) => {
        const order = await orders.getOrder(ctx.db, req.params.orderId);
        const doc = compliance.buildCommercialInvoice(await papersFor(ctx, req.principal!, order));
        if (!wantsPdf(req.query.format, req.headers.accept)) return doc;
        return sendPdf(reply, doc.invoiceNumber, await commercialInvoicePdf(doc));
      },
    );

    app.get(
      '/orders/:orderId/packing-list',
      { config: { access: ACCESS }, schema: schema('packing list', 'packing_list') },
      async (req, reply) => {
        const order = await orders.getOrder(ctx.db, req.params.orderId);
        const doc = compliance.buildPackingList(await papersFor(ctx, req.principal!, order));
        if (!wantsPdf(req.query.format, req.headers.accept)) return doc;
        return sendPdf(reply, doc.packingListNumber, await packingListPdf(doc));
      },
    );
  };
}
