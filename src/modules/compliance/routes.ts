import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { MARKET_CODES } from '../../kernel/locales.ts';
import { toJson } from '../../money/index.ts';
import { annualAllowance, cnAllowanceYear } from './annual-allowance.ts';
import { isCalendarDate } from './market-days.ts';
import { allSources, listRulesInForce, sourceIdsOf } from './rule-catalog.ts';
import { allRules, allTables, isProvisional } from './rules-data.ts';

const MoneyView = z.object({ amount: z.number().int(), currency: z.string() });

const Title = z.object({
  en: z.string(),
  'zh-Hans': z.string(),
  'zh-Hant': z.string(),
  ja: z.string(),
  ko: z.string(),
});

const RulesView = z.object({
  /** Set when the list is filtered: the market asked for (null: every market) and the day. */
  inForce: z.object({ market: z.string().nullable(), date: z.string().nullable() }).optional(),
  rules: z.array(
    z.object({
      id: z.string(),
      market: z.string(),
      title: Title.optional(),
      description: z.string(),
      numbers: z.record(z.string(), z.string()),
      source: z.string(),
      sourceIds: z.array(z.string()),
      effectiveFrom: z.string(),
      effectiveFromNote: z.string().optional(),
      effectiveTo: z.string().optional(),
      verification: z.string(),
      verificationNote: z.string().optional(),
      provisional: z.boolean(),
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
  /** Every source the listed rules cite (reference §10). */
  sources: z.array(
    z.object({
      id: z.string(),
      group: z.string(),
      title: z.string(),
      urls: z.array(z.string()),
      text: z.string(),
    }),
  ),
});

const RulesQuery = z
  .object({
    market: z.enum(MARKET_CODES).optional().describe('Only this market (with the rules for every market)'),
    date: z
      .string()
      .max(10)
      .refine(isCalendarDate, 'a date YYYY-MM-DD')
      .optional()
      .describe(
        "Only the rules in force that day (each market's own calendar); today when only market is given",
      ),
  })
  .strict();

/** A buyer's China cross-border allowance for a year (GET /me/cn-allowance). */
export const AllowanceView = z.object({
  year: z.number().int(),
  limit: MoneyView,
  used: MoneyView,
  remaining: MoneyView,
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
          description:
            'Without parameters: every version of every rule and every HS table. With `market` and/or `date`: the rules in force that day.',
          querystring: RulesQuery,
          response: { 200: RulesView },
        },
      },
      async (req) => {
        const { market, date } = req.query;
        const filtered = market !== undefined || date !== undefined;
        const rules = filtered
          ? listRulesInForce(market ?? null, date ?? ctx.clock.now()).map((d) => ({
              ...d,
              id: d.ruleId,
              market: d.scope,
            }))
          : allRules().map(({ market: scope, rule }) => ({
              ...rule,
              market: scope,
              sourceIds: sourceIdsOf(rule.source),
              provisional: isProvisional(rule),
            }));
        const cited = new Set(rules.flatMap((r) => r.sourceIds));
        return {
          ...(filtered ? { inForce: { market: market ?? null, date: date ?? null } } : {}),
          rules,
          tables: allTables()
            .filter((t) => market === undefined || t.market === market || t.market === 'ALL')
            .map(({ market: scope, name, table }) => ({ market: scope, name, ...table })),
          sources: allSources().filter((s) => cited.has(s.id)),
        };
      },
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
          response: { 200: AllowanceView },
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
