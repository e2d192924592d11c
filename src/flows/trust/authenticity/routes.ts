import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction.ts';
import { hasRole, type Principal } from '../../../kernel/access.ts';
import { forbidden, notFound } from '../../../kernel/errors.ts';
import { LOCALES, type Locale, MARKET_CODES } from '../../../kernel/locales.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as sellers from '../../../modules/sellers/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import { cjkFace } from '../../../render/pdf/pdf-fonts.ts';
import type { FlowCtx } from '../../context.ts';

/**
 * Per-unit authenticity codes through the API: a seller records a lot of one of its products
 * (farm, county, harvest date, certifications), issues signed codes for it and prints them as QR
 * labels; anyone scans or types a code and learns whether it is genuine, what and whose it is,
 * where it came from, and whether it was scanned before.
 */

const SellerParams = z.object({ sellerId: z.string().regex(/^sel_[0-9a-f]{32}$/, 'a seller id (sel_…)') });
const LotParams = SellerParams.extend({ lotId: z.string().min(1).max(64) });
const LotBody = trust.CreateLotSchema.omit({ sellerId: true });
const IssueBody = z
  .object({
    count: z.number().int().min(1).max(trust.MAX_CODES_PER_BATCH),
    reference: z.string().min(1).max(100).describe('Idempotency: the same reference returns the same codes.'),
    paper: z.enum(['A4', 'LETTER']).optional(),
  })
  .strict();
export const AlertView = z.object({
  id: z.string(),
  serial: z.string(),
  sellerId: z.string(),
  lotId: z.string(),
  reason: z.enum(['scanned_in_another_market', 'market_not_sold_to']),
  market: z.string(),
  at: z.string(),
  resolvedAt: z.string().nullable(),
});
const ScanQuery = z
  .object({
    market: z.enum(MARKET_CODES),
    locale: z
      .enum(LOCALES)
      .default('en')
      .describe('The language of the product title (English when untranslated).'),
  })
  .strict();

const Certification = z.object({
  scheme: z.string(),
  number: z.string(),
  certifier: z.string(),
  expiresOn: z.string().nullable(),
});
const LotView = z.object({
  id: z.string(),
  sellerId: z.string(),
  productId: z.string(),
  lotNumber: z.string(),
  farmName: z.string(),
  usState: z.string(),
  county: z.string(),
  harvestedOrMadeOn: z.string(),
  certifications: z.array(Certification),
  soldToMarkets: z.array(z.string()).nullable(),
  createdAt: z.string(),
});
/** One alert as a trust agent reads it: the code, its lot, product and seller, and the scans that raised it. */
export const AlertDetailView = AlertView.extend({
  code: z.string().describe('The alert’s code as printed on the label (XXXX-XXXX-…).'),
  lot: LotView,
  product: z.object({ id: z.string(), title: z.string() }),
  seller: z.object({ id: z.string(), name: z.string(), state: z.string(), usState: z.string() }),
  scans: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      market: z.string(),
      outcome: z.enum(['genuine', 'unknown', 'forged']),
      raisedAlert: z.boolean(),
    }),
  ),
  laterScans: z.number().int().describe('Scans of the code since the alert.'),
});
export const ScanView = z.object({
  outcome: z.enum(['genuine', 'forged', 'unknown']),
  code: z.string(),
  product: z
    .object({
      id: z.string(),
      title: z.string(),
      titleLocale: z.string().describe('The language the title is in: the one asked for, else English.'),
    })
    .optional(),
  seller: z.object({ id: z.string(), name: z.string(), usState: z.string() }).optional(),
  lot: LotView.extend({ certifications: z.array(Certification.extend({ expired: z.boolean() })) }).optional(),
  firstScan: z.boolean().optional(),
  previousScans: z.number().int().optional(),
  previousMarkets: z.array(z.string()).optional(),
  firstScannedAt: z.string().nullable().optional(),
  alert: z.string().optional(),
});

function assertSellerStaff(p: Principal | null, sellerId: string): void {
  if (hasRole(p, 'platform_admin')) return;
  if (p && hasRole(p, 'seller_staff') && (p.sellerIds as readonly string[]).includes(sellerId)) return;
  throw forbidden('trust.not_your_seller', 'Only this seller’s staff may manage its lots and codes.', {
    sellerId,
  });
}

/** The lot, which must belong to the seller in the path (another seller's lot is not found). */
async function sellersLot(ctx: FlowCtx, sellerId: string, lotId: string): Promise<trust.Lot> {
  const lot = await trust.getLot(ctx.db, lotId);
  if (lot.sellerId !== sellerId) throw notFound('trust.lot_not_found', 'No such lot.', { lotId });
  return lot;
}

const titleOf = (p: { translations: Partial<Record<string, { title: string }>> }, locale: string): string =>
  p.translations[locale]?.title ?? p.translations.en?.title ?? '';

/** The title in the shopper's language when the seller wrote one, else English, saying which it is. */
function localizedTitle(
  p: { translations: Partial<Record<string, { title: string }>> },
  locale: Locale,
): { title: string; titleLocale: string } {
  const own = p.translations[locale]?.title;
  return own ? { title: own, titleLocale: locale } : { title: titleOf(p, 'en'), titleLocale: 'en' };
}

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
      async (req, reply) => {
        const { sellerId } = req.params;
        assertSellerStaff(req.principal, sellerId);
        const product = await catalog.getProduct(ctx.db, req.body.productId, { includeHidden: true });
        if (product.sellerId !== sellerId) {
          throw notFound('catalog.product_not_found', 'No such product.', { productId: req.body.productId });
        }
        const lot = await inTransaction(ctx.db, (tx) =>
          trust.createLot(tx, { ...req.body, sellerId }, ctx.clock.now()),
        );
        return reply.code(201).send(lot);
      },
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
          response: {
            201: z.object({
              batchId: z.string(),
              lotId: z.string(),
              codes: z.array(z.string()),
              replayed: z.boolean(),
            }),
          },
        },
      },
      async (req, reply) => {
        const { sellerId, lotId } = req.params;
        assertSellerStaff(req.principal, sellerId);
        const lot = await sellersLot(ctx, sellerId, lotId);
        const batch = await inTransaction(ctx.db, (tx) =>
          trust.issueCodes(tx, ctx.config.authenticityCodeKey, {
            lotId: lot.id,
            count: req.body.count,
            reference: req.body.reference,
            at: ctx.clock.now(),
          }),
        );
        if (/application\/pdf/i.test(req.headers.accept ?? '')) {
          const product = await catalog.getProduct(ctx.db, lot.productId, { includeHidden: true });
          const pdf = await trust.labelSheetPdf(batch.codes, {
            productTitle: titleOf(product, 'en'),
            lotNumber: lot.lotNumber,
            verifyUrlBase: `${ctx.config.publicUrl}/api/v1/authenticity/`,
            ...(req.body.paper ? { paper: req.body.paper } : {}),
            font: cjkFace('sc').data,
          });
          return reply
            .code(201)
            .type('application/pdf')
            .header(
              'content-disposition',
              `inline; filename="labels-${lot.lotNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`,
            )
            .send(pdf as never); // a Buffer bypasses the JSON serializer
        }
        return reply.code(201).send({
          batchId: batch.batchId,
          lotId: batch.lotId,
          codes: batch.codes.map(trust.formatCode),
          replayed: batch.replayed,
        });
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
          params: z.object({ code: z.string().min(1).max(40) }),
          querystring: ScanQuery,
          response: { 200: ScanView },
        },
      },
      async (req) => {
        const at = ctx.clock.now();
        const result = await inTransaction(ctx.db, (tx) =>
          trust.verifyScan(tx, ctx.config.authenticityCodeKey, {
            code: req.params.code,
            market: req.query.market,
            at,
          }),
        );
        if (result.outcome !== 'genuine') return result;
        const [product, seller] = await Promise.all([
          catalog.getProduct(ctx.db, result.productId, { includeHidden: true }),
          sellers.getSeller(ctx.db, result.sellerId),
        ]);
        const { productId: _p, sellerId: _s, ...rest } = result;
        return {
          ...rest,
          product: { id: product.id, ...localizedTitle(product, req.query.locale) },
          // The name shoppers know the seller by, as on its product pages.
          seller: { id: seller.id, name: seller.dba ?? seller.legalName, usState: seller.usState },
        };
      },
    );

    app.get(
      '/sellers/:sellerId/authenticity-alerts',
      {
        config: { access: ['seller_staff', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary:
            'A seller’s alerts: its codes scanned again in another market, or where the lot was not sold',
          params: SellerParams,
          querystring: z
            .object({
              includeResolved: z
                .enum(['true', 'false'])
                .default('false')
                .transform((v) => v === 'true'),
              limit: z.coerce.number().int().min(1).max(1000).default(100),
            })
            .strict(),
          response: { 200: z.object({ alerts: z.array(AlertView) }) },
        },
      },
      async (req) => {
        if (!hasRole(req.principal, 'trust_agent')) assertSellerStaff(req.principal, req.params.sellerId);
        return { alerts: await trust.listAuthenticityAlerts(ctx.db, req.params.sellerId, req.query) };
      },
    );

    app.get(
      '/trust/authenticity-alerts/:alertId',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'One authenticity alert with its code, lot, product, seller and the scans that raised it',
          params: z.object({ alertId: z.string().regex(/^\d{1,18}$/, 'an alert id') }),
          response: { 200: AlertDetailView },
        },
      },
      async (req) => {
        const alert = await trust.getAuthenticityAlert(ctx.db, req.params.alertId);
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
      },
    );

    app.post(
      '/sellers/:sellerId/authenticity-alerts/:alertId/resolve',
      {
        config: { access: ['seller_staff', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Mark an alert looked into; closes its item in the trust agents’ queue',
          params: SellerParams.extend({ alertId: z.string().regex(/^\d{1,18}$/, 'an alert id') }),
          response: { 200: AlertView },
        },
      },
      async (req) => {
        if (!hasRole(req.principal, 'trust_agent')) assertSellerStaff(req.principal, req.params.sellerId);
        return inTransaction(ctx.db, (tx) =>
          trust.resolveAuthenticityAlert(tx, {
            alertId: req.params.alertId,
            sellerId: req.params.sellerId,
            at: ctx.clock.now(),
            actor: req.principal!.userId,
          }),
        );
      },
    );
  };
}
