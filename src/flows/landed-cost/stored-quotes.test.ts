import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as orders from '../../modules/orders/index.ts';
import { money } from '../../money/index.ts';

/**
 * What a stored quote keeps for its breakdown: the engine's working and customs survive the jsonb
 * snapshot exactly (bigints included). Quotes and orders stored before FX and shipping references named their kind get it from
 * migration orders/004_rule_ref_kind.sql; trade rules stay as they were.
 */
const MIGRATION = readFileSync(
  new URL('../../modules/orders/migrations/004_rule_ref_kind.sql', import.meta.url),
  'utf8',
);

const oldRules = [
  { ruleId: 'fx.usd_cny', description: 'USD→CNY', source: 'ECB', effectiveFrom: '2026-11-24T00:00:00.000Z' },
  { ruleId: 'US-CN.express.upto_500g', description: 'express', source: 'data/shipping-rates.json' },
  { ruleId: 'CN.cbec.tax_factor', description: 'factor', source: 'C7', effectiveFrom: '2019-01-01' },
];

describe('stored quotes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('keep the working and customs of the landed cost exactly as the engine returned them', async () => {
    const at = new Date('2026-11-24T00:00:00Z');
    const lc = compliance.computeLandedCost({
      market: 'CN',
      currency: 'CNY',
      usdRate: '7.12',
      at,
      route: 'CN_CBEC_1210',
      lines: [
        {
          lineRef: 'var_1',
          hsCode: '3304.99',
          productKind: 'goods',
          quantity: 2,
          unitPrice: money(12_345n, 'CNY'),
          freight: money(1_999n, 'CNY'),
        },
      ],
    });
    const t = lc.lines[0]!;
    const quote: orders.Quote = {
      id: 'quo_0000000000000000000000000000000a',
      buyerId: 'usr_1',
      market: 'CN',
      currency: 'CNY',
      fxRateId: 'fx_1',
      fxRate: '7.12',
      fxSource: 'test',
      shippingMethod: 'express',
      createdAt: at,
      expiresAt: new Date(at.getTime() + 60_000),
      status: 'open',
      totals: {
        goods: 24_690n,
        shipping: 1_999n,
        tax: t.total.amount,
        total: 24_690n + 1_999n + t.total.amount,
      },
      orders: [
        {
          sellerId: 'sel_1',
          goodsUsd: 3_468n,
          shippingUsd: 280n,
          goods: 24_690n,
          shipping: 1_999n,
          tax: t.total.amount,
          total: 24_690n + 1_999n + t.total.amount,
          dutiableValue: lc.dutiableValue.amount,
          regime: lc.regime,
          customs: lc.customs,
          rules: [{ ruleId: 'fx.usd_cny', description: 'FX', source: 'test', kind: 'fx' }],
          lines: [
            {
              variantId: 'var_1',
              productId: 'prd_1',
              sku: 'SKU',
              title: 'Cream',
              hsCode: '3304.99',
              kind: 'goods',
              quantity: 2,
              unitPriceUsd: 1_734n,
              unitPrice: 12_345n,
              goods: 24_690n,
              freight: 1_999n,
              duty: t.duty.amount,
              importVat: t.importVat.amount,
              consumptionTax: t.consumptionTax.amount,
              rules: [],
              working: t.working,
            },
          ],
        },
      ],
    };
    await orders.saveQuote(db.db, quote);
    const back = await orders.getQuoteById(db.db, quote.id);
    expect(back.orders[0]!.customs).toEqual({ route: 'CN_CBEC_1210', fullRate: false });
    expect(back.orders[0]!.lines[0]!.working).toEqual(t.working);
    expect(back.orders[0]!.rules[0]!.kind).toBe('fx');
  });

  it('gives FX and shipping references their kind, in quotes and orders, once', async () => {
    const snapshot = { orders: [{ sellerId: 'sel_1', regime: 'CN_CBEC_9610', rules: oldRules, lines: [] }] };
    await db.pool.query(
      `INSERT INTO checkout_quotes (id, buyer_id, market, currency, fx_rate_id, fx_rate, shipping_method, snapshot,
         total_amount, status, created_at, expires_at)
       VALUES ('quo_old', 'usr_1', 'CN', 'CNY', 'fx_1', '7.12', 'express', $1, 100, 'placed', now(), now())`,
      [JSON.stringify(snapshot)],
    );
    await db.pool.query(
      `INSERT INTO orders (id, checkout_id, buyer_id, seller_id, market, currency, status, shipping_method, fx_rate,
         regime, goods_amount, shipping_amount, tax_amount, total_amount, goods_usd, shipping_usd, rules, placed_at)
       VALUES ('ord_old', 'chk_1', 'usr_1', 'sel_1', 'CN', 'CNY', 'paid', 'express', '7.12', 'CN_CBEC_9610',
         100, 0, 0, 100, 14, 0, $1, now())`,
      [JSON.stringify(oldRules)],
    );
    const expected = [{ ...oldRules[0], kind: 'fx' }, { ...oldRules[1], kind: 'shipping' }, oldRules[2]];
    for (let run = 0; run < 2; run++) {
      await db.pool.query(MIGRATION);
      const q = await db.pool.query(`SELECT snapshot FROM checkout_quotes WHERE id = 'quo_old'`);
      expect(q.rows[0].snapshot.orders[0].rules).toEqual(expected);
      expect(q.rows[0].snapshot.orders[0].regime).toBe('CN_CBEC_9610');
      const o = await db.pool.query(`SELECT rules FROM orders WHERE id = 'ord_old'`);
      expect(o.rows[0].rules).toEqual(expected);
    }
  });
});
