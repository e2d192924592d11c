import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { money, toJson } from '../../money/index.ts';
import { type ImpactReport, impactReport } from './report.ts';

const Usd = z.object({ amount: z.number().int(), currency: z.literal('USD') });
const DecimalShare = z
  .string()
  .regex(/^\d+\.\d+$/)
  .nullable();
const SourceJson = z.object({ id: z.string(), title: z.string(), urls: z.array(z.string()) });

export const ImpactReportJson = z.object({
  asOf: z.string(),
  businessesEnabled: z.number().int(),
  farms: z.number().int(),
  smallBusinesses: z.number().int(),
  midwestBusinesses: z.number().int(),
  midwestBusinessShare: DecimalShare,
  exportingBusinesses: z.number().int(),
  ordersDelivered: z.number().int(),
  exports: Usd,
  midwestExports: Usd,
  midwestExportShare: DecimalShare,
  jobsSupported: z.string().regex(/^\d+\.\d{3}$/),
  goal: z.object({ businesses: z.number().int(), progress: z.string() }),
  byState: z.array(
    z.object({
      state: z.string().length(2),
      midwest: z.boolean(),
      businesses: z.number().int(),
      farms: z.number().int(),
      exportingBusinesses: z.number().int(),
      orders: z.number().int(),
      exports: Usd,
    }),
  ),
  byMarket: z.array(
    z.object({
      market: z.string().length(2),
      exportingBusinesses: z.number().int(),
      orders: z.number().int(),
      exports: Usd,
    }),
  ),
  releasesWithoutGoodsValue: z.number().int(),
  method: z.object({
    exports: z.string(),
    businesses: z.string(),
    jobs: z.object({
      perBillionUsd: z.number().int(),
      dataYear: z.number().int(),
      text: z.string(),
      caveat: z.string(),
      source: SourceJson,
    }),
    midwest: z.object({ text: z.string(), source: SourceJson }),
    smallBusiness: z.object({ maxEmployees: z.number().int(), text: z.string(), source: SourceJson }),
  }),
});
export type ImpactReportJson = z.infer<typeof ImpactReportJson>;

const usd = (cents: bigint) => toJson(money(cents, 'USD')) as { amount: number; currency: 'USD' };

export function impactJson(r: ImpactReport): ImpactReportJson {
  const d = r.data;
  return {
    asOf: r.asOf.toISOString(),
    businessesEnabled: r.businessesEnabled,
    farms: r.farms,
    smallBusinesses: r.smallBusinesses,
    midwestBusinesses: r.midwestBusinesses,
    midwestBusinessShare: r.midwestBusinessShare,
    exportingBusinesses: r.exportingBusinesses,
    ordersDelivered: r.ordersDelivered,
    exports: usd(r.exportsUsdCents),
    midwestExports: usd(r.midwestExportsUsdCents),
    midwestExportShare: r.midwestExportShare,
    jobsSupported: r.jobsSupported,
    goal: { businesses: d.goal.businesses, progress: r.goalProgress },
    byState: r.byState.map(({ exportsUsdCents, ...s }) => ({ ...s, exports: usd(exportsUsdCents) })),
    byMarket: r.byMarket.map(({ exportsUsdCents, ...m }) => ({ ...m, exports: usd(exportsUsdCents) })),
    releasesWithoutGoodsValue: r.releasesWithoutGoodsValue,
    method: {
      exports:
        'The US-dollar price of the goods in orders whose escrow was released to the seller (delivered and accepted, or the confirmation window ended), as recorded in the ledger entry of each release. Shipping, duties and import taxes are not counted; refunded or cancelled orders never release.',
      businesses:
        'Sellers verified to sell on Heartland, counted in their home state; farms are the sellers who declared a farm at onboarding.',
      jobs: {
        perBillionUsd: d.jobsPerBillionUsd.value,
        dataYear: d.jobsPerBillionUsd.dataYear,
        text: d.jobsPerBillionUsd.text,
        caveat: d.jobsPerBillionUsd.caveat,
        source: d.sources[d.jobsPerBillionUsd.sourceId]!,
      },
      midwest: { text: d.midwest.text, source: d.sources[d.midwest.sourceId]! },
      smallBusiness: {
        maxEmployees: d.smallBusiness.maxEmployees,
        text: d.smallBusiness.text,
        source: d.sources[d.smallBusiness.sourceId]!,
      },
    },
  };
}

/** Public and read often: one report is shared for ten seconds (by the clock) rather than recomputed per request. */
const FRESH_MS = 10_000;

export function impactRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  let last: { at: number; json: Promise<ImpactReportJson> } | null = null;
  return async (app) => {
    app.get(
      '/impact',
      {
        config: { access: 'public' },
        schema: {
          tags: ['impact'],
          summary:
            'The public impact report: businesses enabled, farms, Midwest share, exports by state and market, jobs supported',
          response: { 200: ImpactReportJson },
        },
      },
      async (_req, reply) => {
        const now = ctx.clock.now().getTime();
        if (!last || now - last.at > FRESH_MS) {
          const json = impactReport(ctx.db, ctx.clock).then(impactJson);
          last = { at: now, json };
          json.catch(() => {
            if (last?.json === json) last = null;
          });
        }
        reply.header('cache-control', `public, max-age=${FRESH_MS / 1000}`);
        return last.json;
      },
    );
  };
}
