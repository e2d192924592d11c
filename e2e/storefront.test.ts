import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { codeFor } from '../src/modules/trust/index.ts';
import { type Heartland, startHeartland } from '../test/support/heartland.ts';
import { browserAvailable, screenshot, seriousA11yViolations, serveToBrowser } from './support/browser.ts';

/**
 * Latin words that belong on a Chinese page: the marketplace's name, the language picker's own
 * "English", currency codes, units and customs terms. Names from the data (sellers, farms,
 * counties, certifiers, brands, lot numbers) are added per page from the API answers.
 */
const LATIN_ALLOWED = new Set(['Heartland', 'English', 'USD', 'HS', 'oz', 'lb', 'kg', 'g', 'ml', 'L']);

/** An authenticity code as printed (XXXX-XXXX-XXXX-XXXX): a code, not words. */
const AUTHENTICITY_CODE = /\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b/g;

/** Every run of Latin letters in a text (words joined by apostrophes stay one: Farmer's). */
const latinRuns = (text: string): string[] => text.match(/[A-Za-z]+(?:['’][A-Za-z]+)*/g) ?? [];

/** The Latin runs of the page's visible text that are neither allowed nor a name from the data. */
async function englishLeftOn(page: Page, names: readonly string[]): Promise<string[]> {
  const allowed = new Set([...LATIN_ALLOWED, ...names.flatMap(latinRuns)]);
  // innerText, not textContent: the text as rendered, hidden elements left out.
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
  const text = (await page.evaluate(() => document.body.innerText)).replace(AUTHENTICITY_CODE, ' ');
  return [...new Set(latinRuns(text).filter((w) => !allowed.has(w)))];
}

/** The proper names a product page shows, as its API gives them: seller, brand, farms, certifiers, lots. */
function namesOf(p: {
  brand: string | null;
  seller: { name: string; city: string };
  provenance: {
    lotNumber: string;
    farmName: string;
    county: string;
    certifications: { scheme: string; number: string; certifier: string }[];
  }[];
}): string[] {
  return [
    p.brand ?? '',
    p.seller.name,
    p.seller.city,
    ...p.provenance.flatMap((l) => [
      l.lotNumber,
      l.farmName,
      l.county,
      ...l.certifications.flatMap((c) => [c.scheme, c.number, c.certifier]),
    ]),
  ];
}

/**
 * The storefront in a real browser (Debian's Chromium through Playwright) on the demo marketplace:
 * a shopper in Shanghai searches in Chinese and reads a product page priced in CNY with its
 * duties, taxes and provenance; Japanese and Korean shoppers get their language and currency.
 * Needs `npm run build` (npm test runs it first).
 */
describe.runIf(browserAvailable())('the storefront in a browser', () => {
  let h: Heartland;
  let browser: Browser;
  let base: string;
  const phone = {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  };
  const shopper = (locale: string): Promise<BrowserContext> => browser.newContext({ ...phone, locale });

  beforeAll(async () => {
    h = await startHeartland({ webApp: true, testCategory: false });
    await seedDemo(h.ctx);
    ({ base, browser } = await serveToBrowser(h));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a shopper in Shanghai searches 花旗参 in Chinese and sees the delivered price in CNY with its provenance', async () => {
    const context = await shopper('zh-CN');
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('美国农场与匠人好物，直送到家');
    await page.locator('.card').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'storefront-home-zh-Hans');

    const searchBox = page.getByRole('combobox', { name: '搜索' });
    await searchBox.fill('花旗参');
    await page.getByRole('listbox', { name: '搜索建议' }).waitFor(); // instant suggestions as they type
    await searchBox.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.locator('.card').first().waitFor();
    const prices = await page.locator('.card .price').allTextContents();
    expect(prices.length).toBeGreaterThan(3);
    for (const p of prices) expect(p).toMatch(/^¥[\d,]+\.\d{2} 起$/);
    expect(await page.locator('h1 .count').textContent()).toMatch(/共 \d+ 件商品/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'storefront-search-zh-Hans');

    await page.locator('.card a', { hasText: '长枝原根' }).first().click();
    await page.getByRole('heading', { name: '产地溯源' }).waitFor();
    const breakdown = await page.locator('.breakdown').textContent();
    expect(breakdown).toContain('关税及进口税');
    expect(breakdown).toMatch(/到手价（含税）¥[\d,]+\.\d{2}/);
    expect(await page.locator('.provenance').textContent()).toContain('Marathon');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'storefront-product-zh-Hans');
    await context.close();
  });

  it.each([
    ['ja-JP', 'ja', 'アメリカの農場と作り手から、あなたのもとへ', /^￥[\d,]+から$/],
    ['ko-KR', 'ko', '미국 농장과 장인의 제품을 집까지', /^₩[\d,]+부터$/],
  ])(
    'a shopper whose browser speaks %s sees the storefront in %s, priced without decimals',
    async (browserLocale, lang, tagline, price) => {
      const context = await shopper(browserLocale);
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(tagline);
      await page.locator('.card .price').first().waitFor();
      for (const p of await page.locator('.card .price').allTextContents()) expect(p).toMatch(price);
      await screenshot(page, `storefront-home-${lang}`);
      await context.close();
    },
  );

  it('leaves no English on a Chinese page: home, search, products (with colors and packs), cart and code check', async () => {
    const context = await shopper('zh-CN');
    const page = await context.newPage();
    const api = async (url: string) => (await h.app.inject({ method: 'GET', url })).json();
    // The currency codes of the market picker are codes, not words.
    const currencies = ((await api('/api/v1/markets')).markets as { currency: string }[]).map(
      (m) => m.currency,
    );
    /** The names a page about this product may show: its seller, brand, farms, certifiers and lots. */
    const namesOfProduct = async (id: string) => [
      ...currencies,
      ...namesOf(await api(`/api/v1/storefront/products/${id}?market=CN&locale=zh-Hans`)),
    ];
    /** The brands of the listings a grid shows: a brand name in a Chinese title is still a name. */
    const brandsOnCards = async () => {
      const hrefs = await page.locator('.card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      const pages = await Promise.all(
        hrefs.map((href) =>
          api(`/api/v1/storefront/products/${href.split('/p/')[1]}?market=CN&locale=zh-Hans`),
        ),
      );
      return [...currencies, ...pages.map((p: { brand: string | null }) => p.brand ?? '')];
    };
    const { rows } = await h.ctx.db.execute<{ serial: string; product_id: string }>(sql`
      SELECT c.serial::text, l.product_id FROM authenticity_codes c JOIN authenticity_lots l ON l.id = c.lot_id
      WHERE l.lot_number = 'MRG-2026-09' ORDER BY c.serial LIMIT 1`);
    const code = codeFor(h.ctx.config.authenticityCodeKey, BigInt(rows[0]!.serial));

    const left: Record<string, string[]> = {};
    await page.goto(`${base}/`);
    await page.locator('.card .price').first().waitFor();
    left.home = await englishLeftOn(page, await brandsOnCards());

    await page.goto(`${base}/search?q=${encodeURIComponent('花旗参')}`);
    await page.locator('.card .price').first().waitFor();
    left.search = await englishLeftOn(page, await brandsOnCards());
    // Each card's picture comes with the hit, lazy below the fold.
    const src = await page.locator('.card img').first().getAttribute('src');
    expect(src).not.toContain('/picture');
    expect(await page.locator('.card img').last().getAttribute('loading')).toBe('lazy');

    await page.locator('.card a', { hasText: '长枝原根' }).first().click();
    await page.getByRole('heading', { name: '产地溯源' }).waitFor();
    const productNames = await namesOfProduct(page.url().split('/p/')[1]!);
    await page.getByText('税费计算依据').click(); // the rules behind the taxes, opened
    const rules = page.locator('.tax-rules li');
    expect(await rules.count()).toBeGreaterThan(0);
    for (const r of await rules.allTextContents()) expect(r).toMatch(/\p{Script=Han}/u);
    left.product = await englishLeftOn(page, productNames);
    await screenshot(page, 'storefront-product-rules-zh-Hans');

    await page.getByRole('button', { name: '加入购物车' }).click();

    // Products whose variants differ by color and by pack: the seller's "Navy", "25 jigs" in Chinese.
    const { rows: attributed } = await h.ctx.db.execute<{ sku: string; product_id: string }>(sql`
      SELECT sku, product_id FROM variants WHERE sku IN ('NSC-DAY-NVY', 'WBT-JIG-25') ORDER BY sku`);
    const [dayPack, jigs] = attributed.map((r) => r.product_id);
    const attributesShown = async (id: string) => {
      await page.goto(`${base}/p/${id}`);
      await page.getByTestId('variant-attributes').waitFor();
      const langs = await page
        .locator('[data-testid=variant-attributes] [lang]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('lang')));
      expect(langs.length).toBeGreaterThan(0);
      expect(langs.every((l) => l === 'zh-Hans')).toBe(true);
      return englishLeftOn(page, await namesOfProduct(id!));
    };
    left.colors = await attributesShown(dayPack!);
    expect(await page.getByTestId('variant-attributes').textContent()).toBe('原野棕');
    await page.getByLabel('选择规格').selectOption({ index: 1 });
    expect(await page.getByTestId('variant-attributes').textContent()).toBe('藏青色');
    await page.getByRole('button', { name: '加入购物车' }).click();
    left.packs = await attributesShown(jigs!);
    expect(await page.getByTestId('variant-attributes').textContent()).toBe('25枚');
    await screenshot(page, 'storefront-product-attributes-zh-Hans');

    await page.goto(`${base}/cart`);
    await page.locator('.cart-line .price').first().waitFor();
    await page.getByText('藏青色').waitFor();
    left.cart = await englishLeftOn(page, [...productNames, ...(await namesOfProduct(dayPack!))]);

    await page.goto(`${base}/verify/${code}`);
    await page.locator('#verdict').waitFor();
    await page.locator('.provenance').waitFor();
    expect(await page.locator('.verdict dd a').getAttribute('lang')).toBe('zh-Hans');
    left.verify = await englishLeftOn(page, await namesOfProduct(rows[0]!.product_id));
    await screenshot(page, 'verify-genuine-zh-Hans');
    expect(left).toEqual({
      home: [],
      search: [],
      product: [],
      colors: [],
      packs: [],
      cart: [],
      verify: [],
    });
    await context.close();
  });

  it('lets a shopper switch market and language by keyboard-reachable pickers', async () => {
    const context = await shopper('en-US');
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Ship to').selectOption('HK');
    // Hong Kong offers English: an English reader keeps it, now with Hong Kong dollars.
    await expect
      .poll(() => page.locator('.card .price').first().textContent())
      .toMatch(/^from HK\$[\d,]+\.\d{2}$/);
    await page.getByLabel('Language').selectOption('zh-Hant');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('美國農場與職人好物，直送到府');
    await page.keyboard.press('Tab'); // the skip link comes first for keyboard users
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳至主要內容');
    await context.close();
  });
});
