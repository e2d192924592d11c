import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeBody } from '../../../test/support/addresses.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from '../../../test/support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from '../../../test/support/heartland.ts';
import type { QuoteJson } from '../../modules/orders/index.ts';
import type { ExplainedAmount, LandedCostBreakdown } from './schemas.ts';

const SOURCE_IDS = new Set(
  (
    JSON.parse(
      readFileSync(new URL('../../../data/trade-rules/sources/sources.json', import.meta.url), 'utf8'),
    ).sources as { id: string }[]
  ).map((s) => s.id),
);

const TAX_KEYS = ['dutiableValue', 'duty', 'importVat', 'consumptionTax', 'total'] as const;
/** Rule ids appear in generic titles until the data gives a localized one; they are codes, not English prose. */
const withoutRuleIds = (s: string) => s.replace(/\b[A-Z]{2,3}\.[a-z0-9_.]+/g, '');

describe('landed-cost breakdown (GET …/landed-cost)', () => {
  let h: Heartland;
  let admin: Actor;
  let trust: Actor;
  let farm: { staff: Actor; sellerId: string };
  let otherFarm: { staff: Actor; sellerId: string };
  let tote: string;
  let cream: string;
  let buyer: Actor;
  let otherBuyer: Actor;
  let quote: QuoteJson;

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@explain.test', [{ role: 'platform_admin' }]);
    trust = await h.actor('trust@explain.test', [{ role: 'trust_agent' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'explain-farm',
      legalName: 'Explain Ginseng Farm LLC',
    });
    otherFarm = await onboardVerifiedSeller(h, admin, { key: 'explain-other', legalName: 'Other Farm LLC' });
    tote = (
      await listProduct(farm.staff, farm.sellerId, {
        hsCode: '420222',
        en: 'Amish Leather Tote Bag',
        zhHans: '阿米什真皮托特包',
        priceUsd: 8900,
        stock: 50,
        weightGrams: 130,
      })
    ).variantIds[0]!;
    cream = (
      await listProduct(otherFarm.staff, otherFarm.sellerId, {
        hsCode: '330499',
        en: 'Beeswax Face Cream, 2 oz',
        priceUsd: 1400,
        stock: 50,
        weightGrams: 480,
      })
    ).variantIds[0]!;
    buyer = await registerViaApi(h, 'mei@explain.test', '王美');
    otherBuyer = await registerViaApi(h, 'someone@explain.test', 'Someone');
    const q = await buyer.post('/api/v1/checkout/quotes', {
      market: 'CN',
      lines: [
        { variantId: tote, quantity: 2 },
        { variantId: cream, quantity: 3 },
      ],
    });
    expect(q.statusCode, q.body).toBe(201);
    quote = q.json();
  });
  afterAll(() => h.close());

  const explainQuote = async (who: Actor, query = '', headers: Record<string, string> = {}) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/checkout/quotes/${quote.id}/landed-cost${query}`,
      headers: { authorization: `Bearer ${who.token}`, ...headers },
    });
    return res;
  };

  /** Every figure adds up to the quote exactly, and every tax figure names a rule whose sources exist. */
  function expectSound(b: LandedCostBreakdown, q: QuoteJson) {
    expect(b.orders).toHaveLength(q.orders.length);
    for (const qo of q.orders) {
      const o = b.orders.find((x) => x.sellerId === qo.sellerId)!;
      expect(o.checks).toEqual({ addsUp: true, recomputed: true });
      for (const k of ['goods', 'shipping', 'tax', 'total'] as const) expect(o[k].money).toEqual(qo[k]);
      const lineTax = o.lines.reduce((a, l) => a + l.total.money.amount, 0);
      expect(lineTax).toBe(qo.tax.amount);
      expect(o.duty.money.amount + o.importVat.money.amount + o.consumptionTax.money.amount).toBe(
        qo.tax.amount,
      );
      for (const ql of qo.lines) {
        const l = o.lines.find((x) => x.lineRef === ql.variantId)!;
        for (const k of ['goods', 'freight', 'duty', 'importVat', 'consumptionTax'] as const) {
          expect(l[k].money, k).toEqual(ql[k]);
        }
        expect(l.total.money).toEqual(ql.tax);
        expect(l.dutiableValue!.money.amount).toBe(ql.goods.amount + ql.freight.amount);
        for (const k of TAX_KEYS) {
          const a = l[k] as ExplainedAmount;
          expect(a.rules.length, `${ql.sku} ${k}`).toBeGreaterThan(0);
          // Taxes rest on cited sources; the dutiable-value rule cites a text the reference could not retrieve.
          if (k !== 'dutiableValue')
            expect(
              a.rules.some((r) => r.sourceIds.length > 0),
              k,
            ).toBe(true);
          for (const r of a.rules) {
            expect(b.rules.map((x) => x.ruleId)).toContain(r.ruleId);
            for (const id of r.sourceIds) expect(SOURCE_IDS.has(id), id).toBe(true);
          }
        }
      }
    }
    for (const k of ['goods', 'shipping', 'tax', 'total'] as const)
      expect(b.totals[k].money).toEqual(q.totals[k]);
    for (const r of b.rules) expect(r.sourceText.length).toBeGreaterThan(0);
    for (const s of b.sources) expect(SOURCE_IDS.has(s.id)).toBe(true);
    const cited = new Set(b.rules.flatMap((r) => r.sourceIds));
    expect(new Set(b.sources.map((s) => s.id))).toEqual(cited);
  }

  it('explains a CN quote in Simplified Chinese, figure by figure, adding up exactly', async () => {
    const res = await explainQuote(buyer, '?locale=zh-Hans');
    expect(res.statusCode, res.body).toBe(200);
    const b: LandedCostBreakdown = res.json();
    expect(b).toMatchObject({ kind: 'quote', locale: 'zh-Hans', audience: 'buyer', currency: 'CNY' });
    expect(b.market).toEqual({ code: 'CN', name: '中国大陆' });
    expectSound(b, quote);

    const o = b.orders.find((x) => x.sellerId === farm.sellerId)!;
    expect(o.route).toEqual({ code: 'CN_CBEC_9610', name: '跨境电商直购进口（9610）' });
    expect(o.regime.code).toBe('CN_CBEC_9610');
    const l = o.lines[0]!;
    // Worked by hand: $89.00 × 7.12 = ¥633.68; × 2 = ¥1,267.36. Express to CN up to 500 g is $28.00
    // (data/shipping-rates.json) = ¥199.36, all of it this line's. Dutiable ¥1,466.72; VAT 13% × 70%
    // = 9.1%: ¥1,466.72 × 0.091 = ¥133.47152 → ¥133.47.
    expect(l.goods.sentence).toBe('US$89.00 × 汇率 7.12 = 单价 ¥633.68；¥633.68 × 2 件 = ¥1,267.36');
    expect(l.freight.sentence).toBe('本卖家包裹运费 ¥199.36，按重量分摊，本行 ¥199.36');
    expect(l.dutiableValue!.sentence).toBe('完税价格 = 货值 ¥1,267.36 + 运费 ¥199.36 = ¥1,466.72');
    expect(l.importVat.sentence).toBe(
      '进口增值税：增值税率 13% ÷ (1 − 消费税率 0%) × 70% = 9.1%；9.1% × 完税价格 ¥1,466.72 = ¥133.47',
    );
    expect(l.duty.sentence).toBe('关税 0% × 完税价格 ¥1,466.72 = ¥0.00');
    expect(l.consumptionTax.sentence).toBe('消费税 0% × 完税价格 ¥1,466.72 = ¥0.00');
    expect(l.total.sentence).toBe('跨境电商综合税率 9.1% × 完税价格 ¥1,466.72 = ¥133.47');
    expect(l.importVat.rules.map((r) => r.ruleId)).toEqual(['CN.vat.standard_13', 'CN.cbec.tax_factor']);
    expect(l.importVat.rules[0]!.title).toContain('13%');
    expect(l.importVat.usd).toBeUndefined();
    // Face cream ¥99.68 a jar (≥ ¥15: high-end cosmetics, CT 15%). 3 jars ¥299.04 + freight for
    // 1,440 g ($52.00 = ¥370.24) = ¥669.28. VAT 13% × 70% ÷ 0.85 = 10.70588…%: ¥71.6522 → ¥71.65;
    // CT 15% × 70% ÷ 0.85 = 12.35294…%: ¥82.6757 → ¥82.68; together 23.0588…%: ¥154.3279 → ¥154.33.
    const cl = b.orders.find((x) => x.sellerId === otherFarm.sellerId)!.lines[0]!;
    expect(cl.importVat.sentence).toBe(
      '进口增值税：增值税率 13% ÷ (1 − 消费税率 15%) × 70% = ≈10.71%；≈10.71% × 完税价格 ¥669.28 = ¥71.65',
    );
    expect(cl.consumptionTax.sentence).toBe(
      '消费税：消费税率 15% ÷ (1 − 消费税率 15%) × 70% = ≈12.35%；≈12.35% × 完税价格 ¥669.28 = ¥82.68',
    );
    expect(cl.total.sentence).toBe('跨境电商综合税率 ≈23.06% × 完税价格 ¥669.28 = ¥154.33');
    expect(cl.consumptionTax.rules.map((r) => r.ruleId)).toEqual([
      'CN.ct.high_end_cosmetics',
      'CN.cbec.tax_factor',
    ]);
    const single = o.notes.find((n) => n.rules[0]!.ruleId === 'CN.cbec.single_limit')!;
    expect(single.sentence).toMatch(/（¥5,000\.00）$/);
    expect(o.notes.map((n) => n.rules[0]!.ruleId)).toContain('CN.cbec.annual_limit');
    // A rule behind a figure is not repeated among the order's notes.
    expect(o.notes.map((n) => n.rules[0]!.ruleId)).not.toContain('CN.vat.standard_13');

    // No English spliced into the Chinese sentences (rule ids aside, which are codes).
    const sentences = b.orders.flatMap((x) => [
      ...x.notes.map((n) => n.sentence),
      x.route.name,
      x.regime.name,
      ...x.lines.flatMap((li) =>
        [li.goods, li.freight, li.dutiableValue!, li.duty, li.importVat, li.consumptionTax, li.total].map(
          (a) => `${a.label} ${a.sentence}`,
        ),
      ),
    ]);
    for (const s of sentences) expect(withoutRuleIds(s), s).not.toMatch(/[A-Za-z]{3,}/);
    for (const r of b.rules) {
      expect(withoutRuleIds(`${r.title} ${r.effective} ${r.verificationLabel}`)).not.toMatch(/[A-Za-z]{3,}/);
      expect(r.description.lang).toBe('en');
    }
    const dutiable = b.rules.find((r) => r.ruleId === 'CN.cbec.dutiable_value')!;
    expect(dutiable).toMatchObject({ provisional: true, verification: 'No', verificationLabel: '未核实' });
    expect(dutiable.provisionalNote).toContain('暂定');
    expect(b.rules.find((r) => r.ruleId === 'CN.cbec.single_limit')!.effective).toBe('自2019年1月1日起施行');
    expect(b.provisional).toBe(true);
    expect(b.sources.find((s) => s.id === 'C1')!.urls[0]).toMatch(/^https:\/\/chinalawandpractice\.com\//);
  });

  it('explains the same quote in English, with the same figures', async () => {
    const res = await explainQuote(buyer, '?locale=en');
    expect(res.statusCode).toBe(200);
    const b: LandedCostBreakdown = res.json();
    expect(b.locale).toBe('en');
    expectSound(b, quote);
    const l = b.orders.find((x) => x.sellerId === farm.sellerId)!.lines[0]!;
    expect(l.importVat.sentence).toBe(
      'Import VAT: VAT 13% ÷ (1 − consumption tax 0%) × 70% = 9.1%; 9.1% × Dutiable value CN¥1,466.72 = CN¥133.47',
    );
    expect(b.orders[0]!.route.name).toBe('Cross-border e-commerce direct purchase import (9610)');
  });

  it('defaults a buyer to Accept-Language, then English; staff to English with US dollars', async () => {
    const ja = await explainQuote(buyer, '', { 'accept-language': 'fr-FR, ja-JP;q=0.8, en;q=0.5' });
    expect(ja.json().locale).toBe('ja');
    expect(ja.json().market.name).toBe('中国本土');
    const hant = await explainQuote(buyer, '', { 'accept-language': 'zh-TW' });
    expect(hant.json().locale).toBe('zh-Hant');
    expect((await explainQuote(buyer)).json().locale).toBe('en');
    const staff = await explainQuote(admin, '', { 'accept-language': 'zh-CN' });
    expect(staff.statusCode).toBe(200);
    const b: LandedCostBreakdown = staff.json();
    expect(b).toMatchObject({ locale: 'en', audience: 'staff' });
    const l = b.orders.find((x) => x.sellerId === farm.sellerId)!.lines[0]!;
    expect(l.goods.usd!.money).toEqual({ amount: 17800, currency: 'USD' });
    // ¥133.47 ÷ 7.12 = $18.7458… → $18.75.
    expect(l.importVat.usd).toEqual({ money: { amount: 1875, currency: 'USD' }, formatted: '$18.75' });
  });

  it('refuses other buyers, sellers and bad input', async () => {
    expect((await explainQuote(otherBuyer)).statusCode).toBe(404);
    expect((await explainQuote(farm.staff)).statusCode).toBe(404);
    const anon = await h.app.inject({
      method: 'GET',
      url: `/api/v1/checkout/quotes/${quote.id}/landed-cost`,
    });
    expect(anon.statusCode).toBe(401);
    for (const q of ['?locale=fr', '?locale=ZH-HANS', '?locale=', '?locale=en&x=1']) {
      const r = await explainQuote(buyer, q);
      expect(r.statusCode, q).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const bad = await buyer.get('/api/v1/checkout/quotes/quo_nothex/landed-cost');
    expect(bad.statusCode).toBe(400);
    const missing = await buyer.get(`/api/v1/checkout/quotes/quo_${'0'.repeat(32)}/landed-cost`);
    expect(missing.statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    const paths = r.json().paths;
    expect(paths['/api/v1/checkout/quotes/{quoteId}/landed-cost'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'locale', in: 'query' })]),
    );
    expect(paths['/api/v1/orders/{orderId}/landed-cost'].get).toBeDefined();
    const r2 = await h.app.inject({
      method: 'GET',
      url: '/api/v1/compliance/rules?market=CN&date=2018-12-31',
    });
    expect(r2.statusCode).toBe(200);
  });

  it('explains a JP order to its seller in English and US dollars, and to no one else', async () => {
    const jpBuyer = await registerViaApi(h, 'misaki@explain.test', '佐藤美咲');
    const q = await jpBuyer.post('/api/v1/checkout/quotes', {
      market: 'JP',
      lines: [{ variantId: tote, quantity: 3 }],
    });
    expect(q.statusCode, q.body).toBe(201);
    const placed = await jpBuyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('JP'));
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json().orders[0];
    const url = `/api/v1/orders/${order.id}/landed-cost`;

    const res = await farm.staff.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const b: LandedCostBreakdown = res.json();
    expect(b).toMatchObject({
      kind: 'order',
      id: order.id,
      locale: 'en',
      audience: 'seller',
      currency: 'JPY',
    });
    const o = b.orders[0]!;
    expect(o.checks).toEqual({ addsUp: true, recomputed: true });
    expect(o.regime).toEqual({
      code: 'JP_CONSUMPTION_TAX',
      name: 'Import consumption tax on the customs value',
    });
    expect(o.total.money).toEqual(order.total);
    expect(o.tax.money).toEqual(order.tax);
    const l = o.lines[0]!;
    // Worked by hand: $89.00 × 152 = ¥13,528; × 3 = ¥40,584. 390 g express to JP is $27.50 = ¥4,180.
    // Private-use value 60% × ¥40,584 = ¥24,350.4, plus freight = ¥28,530.4 (shown ¥28,530) > ¥10,000.
    // Consumption tax 10% (a bag is not food) × ¥28,530.4 = ¥2,853.04 → ¥2,853; duty 0 (no tariff data).
    expect(l.goods.sentence).toBe('$89.00 × 152 = ¥13,528 each; ¥13,528 × 3 = ¥40,584');
    expect(l.goods.usd!.money).toEqual({ amount: 26700, currency: 'USD' });
    expect(l.freight.money).toEqual({ amount: 4180, currency: 'JPY' });
    expect(l.dutiableValue!.sentence).toBe('Customs value = goods ¥40,584 × 60% + freight ¥4,180 = ¥28,530');
    expect(l.duty.sentence).toBe('Customs duty 0% × Customs value ¥28,530 = ¥0');
    expect(l.importVat.sentence).toBe('Import consumption tax 10% × Customs value ¥28,530 = ¥2,853');
    expect(l.importVat.rules.map((r) => r.ruleId)).toEqual(['JP.ct.standard_10']);
    // ¥2,853 ÷ 152 = $18.769… → $18.77.
    expect(l.importVat.usd).toEqual({ money: { amount: 1877, currency: 'USD' }, formatted: '$18.77' });
    expect(l.consumptionTax.sentence).toBe('Consumption tax: not charged in this market');
    expect(o.total.sentence).toBe('Goods ¥40,584 + shipping ¥4,180 + taxes and duties ¥2,853 = ¥47,617');
    expect(order.total).toEqual({ amount: 47617, currency: 'JPY' });
    for (const k of ['goods', 'freight', 'duty', 'importVat', 'total'] as const)
      expect(l[k].usd).toBeDefined();
    expect(b.totals.total.usd).toBeDefined();

    const inJapanese = await jpBuyer.get(`${url}?locale=ja`);
    expect(inJapanese.json().orders[0].lines[0].importVat.label).toBe('輸入消費税');
    expect(inJapanese.json().orders[0].lines[0].importVat.usd).toBeUndefined();
    expect((await trust.get(url)).json().audience).toBe('staff');
    expect((await admin.get(url)).statusCode).toBe(200);
    expect((await otherFarm.staff.get(url)).statusCode).toBe(403);
    expect((await otherBuyer.get(url)).statusCode).toBe(403);
    expect((await farm.staff.get(`${url}?locale=de`)).statusCode).toBe(400);
    expect((await farm.staff.get(`/api/v1/orders/ord_${'0'.repeat(32)}/landed-cost`)).statusCode).toBe(404);
  });
});
