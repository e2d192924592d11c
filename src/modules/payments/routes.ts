import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actsForSeller, hasRole } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import { zId } from '../../kernel/ids.ts';
import { toJson } from '../../money/index.ts';
import { sellerMoney } from './queries.ts';

const MoneyJson = z.object({ amount: z.number().int(), currency: z.string() });

export const SellerMoneyView = z.object({
  sellerId: z.string(),
  escrowHeld: z.array(MoneyJson),
  payable: MoneyJson,
  paidOut: MoneyJson,
  payouts: z.array(
    z.object({
      id: z.string(),
      amount: MoneyJson,
      status: z.enum(['pending', 'paid', 'failed']),
      createdAt: z.string(),
    }),
  ),
});

export function paymentsRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sellers/:sellerId/money',
      {
        config: { access: ['seller_staff', 'platform_admin', 'auditor'] },
        schema: {
          tags: ['payments'],
          summary: "A seller's money: escrow held, payable in USD, paid out, and its payouts",
          params: z.object({ sellerId: zId('sel') }),
          response: { 200: SellerMoneyView },
        },
      },
      async (req) => {
        const { sellerId } = req.params;
        const p = req.principal;
        if (!actsForSeller(p, sellerId) && !hasRole(p, 'auditor')) {
          throw forbidden('payments.not_your_seller', "You may see only your own organisation's money.");
        }
        const m = await sellerMoney(ctx.db, sellerId);
        return {
          sellerId,
          escrowHeld: m.escrowHeld.map(toJson),
          payable: toJson(m.payable),
          paidOut: toJson(m.paidOut),
          payouts: m.payouts.map((po) => ({ ...po, amount: toJson(po.amount) })),
        };
      },
    );
  };
}
