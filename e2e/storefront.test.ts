import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/flows/seed-demo.js';
import { type Heartland, startHeartland } from '../test/support/heartland.js';
import { browserAvailable, launchChromium, screenshot, seriousA11yViolations } from './support/browser.js';

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
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
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
