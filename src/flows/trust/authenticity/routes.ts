import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FlowCtx } from '../../context.ts';
import { checkCode } from './check-code.ts';
import { issueLotCodes } from './issue-lot-codes.ts';
import { readAuthenticityAlert } from './read-authenticity-alert.ts';
import { recordLot } from './record-lot.ts';
import {
  AlertDetailView,
  AlertParams,
  CodeParams,
  IssueBody,
  IssuedCodesView,
  LotBody,
  LotParams,
  LotView,
  ScanQuery,
  ScanView,
  SellerParams,
} from './schemas.ts';

/**
 * Per-unit authenticity codes through the API: a seller records a lot of one of its products
 * (farm, county, harvest date, certifications), issues signed codes for it and prints them as QR
 * labels; anyone scans or types a code and learns whether it is genuine, what and whose it is,
 * where it came from, and whether it was scanned before. A seller's own alerts need only the
 * trust module and are served there.
 */
export function authenticityRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/sellers/:sellerId/lots',
      {
        config: { access: ['seller_staff', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Record a lot of one of the seller’s products: farm, county, harvest date, certifications',
          params: SellerParams,
          body: LotBody,
          response: { 201: LotView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await recordLot(ctx, req.principal, { ...req.body, ...req.params })),
    );

    app.post(
      '/sellers/:sellerId/lots/:lotId/codes',
      {
        config: { access: ['seller_staff', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary:
            'Issue signed authenticity codes for a lot (JSON; a QR label sheet as PDF with Accept: application/pdf)',
          params: LotParams,
          body: IssueBody,
          response: { 201: IssuedCodesView },
        },
      },
      async (req, reply) => {
        const { labels, ...issued } = await issueLotCodes(ctx, req.principal, {
          ...req.params,
          ...req.body,
          labels: /application\/pdf/i.test(req.headers.accept ?? ''),
        });
        if (!labels) return reply.code(201).send(issued);
        return reply
          .code(201)
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${labels.fileName}"`)
          .send(labels.pdf as never); // a Buffer bypasses the JSON serializer
      },
    );

    app.get(
      '/authenticity/:code',
      {
        config: { access: 'public' },
        schema: {
          tags: ['trust'],
          summary:
            'Check an authenticity code: genuine, forged or unknown; which product, seller and lot; scanned before?',
          params: CodeParams,
          querystring: ScanQuery,
          response: { 200: ScanView },
        },
      },
      async (req) => checkCode(ctx, { ...req.params, ...req.query }),
    );

    app.get(
      '/trust/authenticity-alerts/:alertId',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'One authenticity alert with its code, lot, product, seller and the scans that raised it',
          params: AlertParams,
          response: { 200: AlertDetailView },
        },
      },
      async (req) => readAuthenticityAlert(ctx, req.params.alertId),
    );
  };
}
