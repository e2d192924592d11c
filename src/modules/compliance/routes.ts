import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.js';
import { toJson } from '../../money/index.js';
import { annualAllowance, cnAllowanceYear } from './annual-allowance.js';
import { allRules, allTables } from './rules-data.js';

const MoneyView = z.object({ amount: z.number().int(), currency: z.string() });

const RulesView = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      market: z.string(),
      description: z.string(),
      numbers: z.record(z.string(), z.string()),
      source: z.string(),
      effectiveFrom: z.string(),
      verification: z.string(),
      verificationNote: z.string().optional(),
    }),
  ),
  tables: z.array(
    z.object({
      market: z.string(),
      name: z.string(),
      default: z.string(),
      rationale: z.string(),
      rows: z.array(z.object({ hs: z.string(), rule: z.string(), rationale: z.string() })),
    }),
  ),
});

export function complianceRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/compliance/rules',
      {
        config: { access: 'public' },
        schema: {
          tags: ['compliance'],
          summary: 'The trade rules Heartland applies, with sources, dates and verification status',
          response: { 200: RulesView },
        },
      },
      async () => ({
        rules: allRules().map(({ market, rule }) => ({ ...rule, market })),
        tables: allTables().map(({ market, name, table }) => ({ market, name, ...table })),
      }),
    );

    app.get(
      '/me/cn-allowance',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['compliance'],
          summary: 'My China cross-border annual allowance (CNY 26,000 per calendar year)',
          querystring: z
            .object({
              year: z
                .string()
                .regex(/^\d{4}$/)
                .transform(Number)
                .pipe(z.number().int().min(2019).max(2200))
                .optional(),
            })
            .strict(),
          response: {
            200: z.object({
              year: z.number().int(),
              limit: MoneyView,
              used: MoneyView,
              remaining: MoneyView,
            }),
          },
        },
      },
      async (req) => {
        const year = req.query.year ?? cnAllowanceYear(ctx.clock.now());
        const a = await annualAllowance(ctx.db, req.principal!.userId, year);
        return { year, limit: toJson(a.limit), used: toJson(a.used), remaining: toJson(a.remaining) };
      },
    );
  };
}
