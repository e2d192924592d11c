import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { seedDemoOrderHistory } from '../src/demo/seed-demo-orders.ts';
import type { ImpactReportJson } from '../src/modules/impact/index.ts';
import { type Heartland, startHeartland } from '../test/support/heartland.ts';
import { browserAvailable, screenshot, seriousA11yViolations, serveToBrowser } from './support/browser.ts';

/**
 * The public impact page on the demo marketplace after its order history: the figures the API
 * reports, a tile map and a table of exports by state, bars by destination, and the method with
 * its sources, in Chinese and in English. Needs `npm run build`.
 */
describe.runIf(browserAvailable())('the public impact page in a browser', () => {
  let h: Heartland;
  let browser: Browser;
  let base: string;
  let report: ImpactReportJson;

  beforeAll(async () => {
    h = await startHeartland({ webApp: true, testCategory: false });
    await seedDemo(h.ctx, { pictures: false });
    await seedDemoOrderHistory(h.ctx, { settle: () => h.settle(1000) });
    h.clock.advance(11_000);
    report = (await h.app.inject({ method: 'GET', url: '/api/v1/impact' })).json();
    ({ base, browser } = await serveToBrowser(h));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const open = async (locale: string, options: Parameters<Browser['newContext']>[0] = {}) => {
    const context: BrowserContext = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${base}/?locale=${locale}&market=${locale === 'en' ? 'SG' : 'CN'}`);
    await page.locator('footer').getByRole('link').click(); // the footer link, as a visitor finds it
    await page.waitForURL(/\/impact$/);
    await page.locator('.impact-figures').waitFor();
    return page;
  };

  it('shows a Chinese visitor the figures, the map, the destinations and the method', async () => {
    const page = await open('zh-Hans', {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'zh-CN',
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('我们的影响');
    const figures = await page.locator('.impact-figure').allTextContents();
    expect(figures[0]).toContain(`已入驻企业${report.businessesEnabled}`);
    expect(figures[1]).toContain('中西部占比100%');
    // US$ amounts in the Chinese locale, exact to the cent.
    const usd = new Intl.NumberFormat('zh-Hans', { style: 'currency', currency: 'USD' });
    expect(figures[2]).toContain(usd.format(report.exports.amount / 100));
    expect(figures[2]).toContain(`${report.exportingBusinesses} 家企业送达 ${report.ordersDelivered} 笔订单`);
    expect(figures[3]).toContain(`支撑的就业岗位${report.jobsSupported}`);
    expect(await page.getByLabel(/已有 \d+ 家，目标 1,000,000 家/).getAttribute('value')).toBe(
      String(report.businessesEnabled),
    );

    // The map: the top exporting state in the darkest shade, a state with no seller in the palest.
    const top = report.byState[0]!;
    expect(await page.locator(`g[data-state="${top.state}"]`).getAttribute('data-shade')).toBe('most');
    expect(await page.locator('g[data-state="TX"]').getAttribute('data-shade')).toBe('none');
    expect(await page.locator('.impact-table tbody tr').count()).toBe(report.byState.length);
    expect(await page.locator('.impact-table tbody tr').first().locator('th').textContent()).toMatch(/州$/);

    // Destinations by name in Chinese, largest first.
    const names = await page.locator('.market-bars .market-name').allTextContents();
    expect(names).toHaveLength(report.byMarket.length);
    expect(names).toContain('中国大陆');
    expect(names).toContain('日本');

    const source = page.getByRole('link', { name: /美国国际贸易管理局/ });
    expect(await source.getAttribute('href')).toBe(report.method.jobs.source.urls[0]);
    expect(await page.locator('.impact-method').textContent()).toContain('每 10 亿美元出口 4,100 个岗位');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'impact-zh-Hans');
    await page.context().close();
  });

  it('shows an English visitor the same figures, with the jobs ratio and its year', async () => {
    const page = await open('en', { viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const text = await page.locator('main').textContent();
    expect(text).toContain('Jobs supported');
    expect(text).toContain('4,100 jobs per US$1 billion of exports, the US average for 2022');
    expect(text).toContain('fewer than 500 employees');
    const wi = page.locator('.impact-table tr[data-state="WI"]');
    expect(await wi.locator('th').textContent()).toBe('Wisconsin');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'impact-en');
    await page.context().close();
  });
});
