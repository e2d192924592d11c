import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../kernel/ids.ts';
import { commercialInvoicePdf, packingListPdf } from '../../render/pdf/shipping-papers-pdf.ts';
import type { FlowCtx } from '../context.ts';
import { customsRecordsForOrder } from './build-customs-records.ts';
import { prepareCommercialInvoice, preparePackingList } from './prepare-shipping-papers.ts';
import { CommercialInvoiceJson, CustomsRecordsJson, PackingListJson } from './schemas.ts';

const PAPERS_ACCESS = ['buyer', 'seller_staff', 'platform_admin', 'trust_agent'] as const;
const PaperParams = z.object({ orderId: zId('ord') });
const FormatQuery = z.object({ format: z.enum(['json', 'pdf']).optional() }).strict();

/** `?format=pdf`, or an Accept header that names PDF and not JSON (the query wins). */
function wantsPdf(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === 'pdf';
  return /application\/pdf/i.test(accept ?? '') && !/application\/json/i.test(accept ?? '');
}

/** A Buffer bypasses the JSON serializer: the PDF goes out as it is. */
const sendPdf = (reply: FastifyReply, name: string, pdf: Buffer) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);

const paperSummary = (what: string) =>
  `The ${what} of an order's parcel (JSON; PDF with ?format=pdf or Accept: application/pdf)`;

/**
 * The customs side of an order: China CBEC "three documents" (CEB311/411/511 XML) for a seller's
 * mainland-China order, and the commercial invoice and packing list of any order's parcel — JSON
 * for machines, PDF for people.
 */
export function customsRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sellers/:sellerId/orders/:orderId/customs-records',
      {
        config: { access: ['seller_staff', 'platform_admin', 'trust_agent'] },
        schema: {
          tags: ['compliance'],
          summary:
            "China customs 'three documents' for a mainland-China order: order, payment and waybill records, cross-checked",
          params: z.object({ sellerId: zId('sel'), orderId: zId('ord') }),
          response: { 200: CustomsRecordsJson },
        },
      },
      async (req) => customsRecordsForOrder(ctx, req.principal!, req.params.orderId, req.params.sellerId),
    );

    app.get(
      '/orders/:orderId/commercial-invoice',
      {
        config: { access: PAPERS_ACCESS },
        schema: {
          tags: ['compliance'],
          summary: paperSummary('commercial invoice'),
          params: PaperParams,
          querystring: FormatQuery,
          response: { 200: CommercialInvoiceJson },
        },
      },
      async (req, reply) => {
        const doc = await prepareCommercialInvoice(ctx, req.principal!, req.params.orderId);
        if (!wantsPdf(req.query.format, req.headers.accept)) return doc;
        return sendPdf(reply, doc.invoiceNumber, await commercialInvoicePdf(doc));
      },
    );

    app.get(
      '/orders/:orderId/packing-list',
      {
        config: { access: PAPERS_ACCESS },
        schema: {
          tags: ['compliance'],
          summary: paperSummary('packing list'),
          params: PaperParams,
          querystring: FormatQuery,
          response: { 200: PackingListJson },
        },
      },
      async (req, reply) => {
        const doc = await preparePackingList(ctx, req.principal!, req.params.orderId);
        if (!wantsPdf(req.query.format, req.headers.accept)) return doc;
        return sendPdf(reply, doc.packingListNumber, await packingListPdf(doc));
      },
    );
  };
}
