import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import * as compliance from '../../modules/compliance/index.ts';
import { allocate, applyRate, CURRENCY_CODES, type CurrencyCode, multiply } from '../../money/index.ts';
import { buildBreakdown, chooseLocale, type Priced } from './explain-landed-cost.ts';
import { STRINGS } from './explain-locales/index.ts';
import type { ExplainedAmount } from './schemas.ts';

/**
 * The breakdown of every market's landed cost, priced by the engine itself: in every language the
 * figures add up, the engine reproduces them, every tax names its rule, and no arithmetic shown
 * is false (checked again here from the sentence's own numbers).
 */

const FX = new Map<string, string>(
  (
    JSON.parse(readFileSync(new URL('../../../data/fx-rates.json', import.meta.url), 'utf8')).rates as {
      quote: string;
      rate: string;
    }[]
  ).map((r) => [r.quote, r.rate]),
);

// Goods on China's Positive List that every market accepts: tableware, face cream, perfume, candles, candy.
const CART = [
  { hs: '441990', usd: 8900n, qty: 1, grams: 600 },
  { hs: '330499', usd: 1400n, qty: 3, grams: 180 },
  { hs: '330300', usd: 2500n, qty: 2, grams: 200 },
  { hs: '340600', usd: 1800n, qty: 2, grams: 350 },
  { hs: '170490', usd: 3200n, qty: 1, grams: 500 },
];
const AT = new Date('2026-12-02T04:00:00Z');

/** Prices a cart as checkout does (USD at the rate, freight shared by weight) and returns it as a quote. */
function priced(market: MarketCode, cart: typeof CART, shippingUsd: bigint, route?: string): Priced {
  const currency = marketCurrency(market) as CurrencyCode;
  const rate = FX.get(currency)!;
  const shipping = applyRate({ amount: shippingUsd, currency: 'USD' }, rate, currency);
  const freight = allocate(
    shipping,
    cart.map((c) => BigInt(c.grams * c.qty)),
  );
  const lines = cart.map((c, i) => {
    const unit = applyRate({ amount: c.usd, currency: 'USD' }, rate, currency);
    return { c, unit, freight: freight[i]!, ref: `line-${i}` };
  });
  const lc = compliance.computeLandedCost({
    market,
    currency,
    usdRate: rate,
    at: AT,
    ...(route ? { route: route as compliance.LandedCostInput['route'] } : {}),
    lines: lines.map((l) => ({
      lineRef: l.ref,
      hsCode: l.c.hs,
      productKind: 'goods' as const,
      quantity: l.c.qty,
      unitPrice: l.unit,
      freight: l.freight,
    })),
  });
  const goods = lines.reduce((a, l) => a + multiply(l.unit, l.c.qty).amount, 0n);
  return {
    kind: 'quote',
    id: `quo_${market}`,
    buyerId: 'usr_test',
    market,
    currency,
    fxRate: rate,
    fxSource: 'test rates',
    pricedAt: AT,
    orders: [
      {
        sellerId: 'sel_test',
        regime: lc.regime,
        customs: lc.customs,
        goods,
        shipping: shipping.amount,
        tax: lc.totals.total.amount,
        total: goods + shipping.amount + lc.totals.total.amount,
        goodsUsd: cart.reduce((a, c) => a + c.usd * BigInt(c.qty), 0n),
        shippingUsd,
        rules: [
          { ruleId: `fx.usd_${currency.toLowerCase()}`, description: 'FX', source: 'test rates', kind: 'fx' },
          {
            ruleId: `US-${market}.express.test`,
            description: 'Shipping',
            source: 'data/shipping-rates.json',
            kind: 'shipping',
          },
          ...lc.rules,
        ],
        lines: lines.map((l) => {
          const t = lc.lines.find((x) => x.lineRef === l.ref)!;
          return {
            lineRef: l.ref,
            sku: l.ref,
            title: `HS ${l.c.hs}`,
            hsCode: l.c.hs,
            kind: 'goods' as const,
            quantity: l.c.qty,
            unitPriceUsd: l.c.usd,
            unitPrice: l.unit.amount,
            goods: multiply(l.unit, l.c.qty).amount,
            freight: l.freight.amount,
            duty: t.duty.amount,
            importVat: t.importVat.amount,
            consumptionTax: t.consumptionTax.amount,
            rules: t.rules,
            working: t.working,
          };
        }),
      },
    ],
  };
}

function marketCurrency(market: MarketCode): string {
  const markets = JSON.parse(readFileSync(new URL('../../../data/markets.json', import.meta.url), 'utf8'))
    .markets as { code: string; currency: string }[];
  return markets.find((m) => m.code === market)!.currency;
}

const CASES: { name: string; market: MarketCode; cart: typeof CART; shipping: bigint; route?: string }[] = [
  ...MARKET_CODES.map((market) => ({ name: `${market} 5-line cart`, market, cart: CART, shipping: 5200n })),
  // One cheap line: under each market's threshold where there is one.
  ...MARKET_CODES.map((market) => ({
    name: `${market} small parcel`,
    market,
    cart: [{ hs: '340600', usd: 100n, qty: 1, grams: 100 }],
    shipping: 100n,
  })),
  { name: 'CN bonded 1210', market: 'CN', cart: CART, shipping: 5200n, route: 'CN_CBEC_1210' },
  { name: 'CN postal', market: 'CN', cart: CART.slice(0, 2), shipping: 2800n, route: 'CN_POSTAL' },
  { name: 'CN postal, tax waived', market: 'CN', cart: [CART[3]!], shipping: 1400n, route: 'CN_POSTAL' },
];

/** Intl writes an ISO code where a locale has no symbol for the currency (SGD 115.70 in Chinese). */
const ISO_CODES = new RegExp(`\\b(${CURRENCY_CODES.join('|')})\\b`, 'g');

/** Money as the sentences show it in English: digits with separators, no symbol. */
const digits = (s: string) => s.replace(/[^\d.]/g, '');

describe.each(CASES)('breakdown: $name', ({ market, cart, shipping, route }) => {
  const p = priced(market, cart, shipping, route);

  it.each(LOCALES)('adds up, is reproduced and names every rule in %s', (locale) => {
    const b = buildBreakdown(p, { audience: 'buyer', locale, marketName: market });
    const o = b.orders[0]!;
    expect(o.checks).toEqual({ addsUp: true, recomputed: true });
    expect(o.route.code).toBe(
      compliance.regimeCustoms(o.regime.code)?.route ?? compliance.defaultRoute(market),
    );
    // Every regime the engine produces has a name in every language.
    expect(STRINGS[locale].regimes[o.regime.code], o.regime.code).toBeDefined();
    expect(o.regime.name).toBe(STRINGS[locale].regimes[o.regime.code]);
    const sum = (k: 'duty' | 'importVat' | 'consumptionTax') =>
      o.lines.reduce((a, l) => a + l[k].money.amount, 0);
    expect(sum('duty') + sum('importVat') + sum('consumptionTax')).toBe(Number(p.orders[0]!.tax));
    const ids = new Set(b.rules.map((r) => r.ruleId));
    for (const l of o.lines) {
      for (const k of ['duty', 'importVat', 'consumptionTax', 'total'] as const) {
        const a: ExplainedAmount = l[k];
        if (a.money.amount !== 0) expect(a.rules.length, `${l.lineRef} ${k}`).toBeGreaterThan(0);
        for (const r of a.rules) expect(ids.has(r.ruleId)).toBe(true);
        expect(a.sentence).not.toMatch(/undefined|NaN|\[object/);
      }
      expect(l.dutiableValue).not.toBeNull();
    }
    for (const r of b.rules) for (const id of r.sourceIds) expect(compliance.getSource(id), id).toBeDefined();
    if (locale !== 'en') {
      // No English words in a CJK page’s sentences (rule ids, ISO codes and trade abbreviations aside).
      const text = o.lines.flatMap((l) =>
        [l.goods, l.freight, l.dutiableValue!, l.duty, l.importVat, l.consumptionTax, l.total].map(
          (a) => a.sentence,
        ),
      );
      for (const s of [...text, o.regime.name, o.route.name, ...o.notes.map((n) => n.sentence)]) {
        const bare = s
          .replace(/\b[A-Z]{2,3}\.[a-z0-9_.]+/g, '')
          .replace(/\b(CIF|FOB|GST|OVR|LVG|US|NT|KORUS|PCCC)\b/g, '')
          .replace(ISO_CODES, '');
        expect(bare, s).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
  });

  it('explains a quote stored before the working was kept exactly as one that keeps it', () => {
    const legacy: Priced = {
      ...p,
      orders: p.orders.map(({ customs: _customs, ...o }) => ({
        ...o,
        lines: o.lines.map(({ working: _working, ...l }) => l),
      })),
    };
    for (const audience of ['buyer', 'staff'] as const) {
      const viewer = { audience, locale: 'zh-Hans' as const, marketName: market };
      expect(buildBreakdown(legacy, viewer)).toEqual(buildBreakdown(p, viewer));
    }
  });

  it('shows the charged figures only when the kept working does not reproduce them', () => {
    const o = p.orders[0]!;
    const l = o.lines[0]!;
    const w = l.working!;
    // A stored line whose working disagrees with its figures (1 more of duty than charged).
    const off = {
      ...w,
      duty: { ...(w.duty ?? w.importVat)!, amount: { amount: l.duty + 1n, currency: p.currency } },
    };
    const tampered: Priced = {
      ...p,
      orders: [{ ...o, lines: [{ ...l, working: off }, ...o.lines.slice(1)] }],
    };
    const b = buildBreakdown(tampered, { audience: 'buyer', locale: 'en', marketName: market });
    expect(b.orders[0]!.checks.recomputed).toBe(false);
    expect(b.orders[0]!.mismatchNote).toBe(STRINGS.en.mismatchNote);
    expect(b.orders[0]!.lines[0]!.dutiableValue).toBeNull();
  });

  it('shows arithmetic only where it holds: rate × base = amount, to the minor unit', () => {
    const b = buildBreakdown(p, { audience: 'staff', locale: 'en', marketName: market });
    let checked = 0;
    for (const l of b.orders[0]!.lines) {
      for (const k of ['duty', 'importVat', 'consumptionTax'] as const) {
        // "<label> <r>% × <base label> <base> = <amount>" (the plain form; CBEC's shows its own formula).
        const m = /^[^:]*? (\d+(?:\.\d+)?)% × [^\d]*([\d,.]+) = [^\d]*([\d,.]+)$/.exec(l[k].sentence);
        if (!m) continue;
        checked++;
        const [, rate, base, amount] = m;
        const minor = (Number(digits(base!)) * Number(rate)) / 100;
        expect(Math.abs(minor - Number(digits(amount!))), l[k].sentence).toBeLessThanOrEqual(
          market === 'JP' || market === 'KR' || market === 'VN' ? 1 : 0.01,
        );
      }
      expect(l.goods.usd).toBeDefined();
    }
    // Wherever a tax was charged, at least one sentence showed (and so had checked) its arithmetic.
    if (p.orders[0]!.tax > 0n) expect(checked).toBeGreaterThan(0);
  });
});

describe('locale choice', () => {
  it('gives buyers their Accept-Language, staff English unless they ask', () => {
    expect(chooseLocale('buyer', { acceptLanguage: 'zh-CN,zh;q=0.9' })).toBe('zh-Hans');
    expect(chooseLocale('buyer', { acceptLanguage: 'zh-HK' })).toBe('zh-Hant');
    expect(chooseLocale('buyer', { acceptLanguage: 'zh-Hant-TW;q=0.5, ko;q=0.9' })).toBe('ko');
    expect(chooseLocale('buyer', { acceptLanguage: 'de, fr;q=0.8' })).toBe('en');
    expect(chooseLocale('buyer', { acceptLanguage: 'ja;q=0, ko' })).toBe('ko');
    expect(chooseLocale('buyer', { acceptLanguage: ';;,,q=x' })).toBe('en');
    expect(chooseLocale('buyer', {})).toBe('en');
    expect(chooseLocale('seller', { acceptLanguage: 'ja' })).toBe('en');
    expect(chooseLocale('staff', { locale: 'ko', acceptLanguage: 'ja' })).toBe('ko');
  });

  it('has every template in every language', () => {
    const keys = (o: object) => Object.keys(o).sort();
    for (const l of LOCALES) {
      expect(keys(STRINGS[l].regimes)).toEqual(keys(STRINGS.en.regimes));
      expect(keys(STRINGS[l].s)).toEqual(keys(STRINGS.en.s));
      expect(keys(STRINGS[l].amounts)).toEqual(keys(STRINGS.en.amounts));
    }
  });
});
