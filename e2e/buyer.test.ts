import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { type Heartland, startHeartland } from '../test/support/heartland.ts';
import { browserAvailable, screenshot, seriousA11yViolations, serveToBrowser } from './support/browser.ts';

/**
 * The buyer's pages in a real browser on the demo marketplace: Li Wei in Shanghai signs in, puts a
 * product of two sellers in the cart, checks out (two parcels priced in CNY, her real-name
 * identity on file, the annual allowance left), pays with the sandbox card, sees both orders
 * paid, and confirms receipt of one once its seller has shipped it. Needs `npm run build`.
 */
describe.runIf(browserAvailable())('the buyer pages in a browser', () => {
  let h: Heartland;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    h = await startHeartland({ webApp: true, testCategory: false });
    await seedDemo(h.ctx, { pictures: false });
    ({ base, browser } = await serveToBrowser(h));
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** An API call as the platform admin (the seller side of the story, outside the browser). */
  async function asAdmin(method: 'GET' | 'POST', url: string, payload?: unknown) {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@demo.heartland.example', password: 'heartland-demo-1', returnToken: true },
    });
    const res = await h.app.inject({
      method,
      url,
      payload: payload as never,
      headers: {
        authorization: `Bearer ${login.json().sessionToken}`,
        'idempotency-key': crypto.randomUUID(),
      },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  }

  async function addFirstResult(query: string): Promise<void> {
    // As a shopper does: type, see the instant suggestions, press Enter for the results.
    const searchBox = page.getByRole('combobox', { name: '搜索' });
    await searchBox.fill(query);
    await page.getByRole('listbox', { name: '搜索建议' }).waitFor();
    await searchBox.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.locator('.card a').first().click();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('已加入购物车。');
  }

  it('signs in (a wrong password gets a clear error), fills a cart from two sellers', async () => {
    await page.goto(`${base}/sign-in?next=/`);
    await page.getByLabel('电子邮箱').fill('li.wei@demo.heartland.example');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('邮箱或密码错误。');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'buyer-sign-in-zh-Hans');
    await page.getByLabel('密码').fill('heartland-demo-1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);

    await addFirstResult('花旗参');
    await addFirstResult('蔓越莓');
    await page.getByRole('link', { name: '购物车，2 件' }).click();
    await page.locator('.seller-group').nth(1).waitFor();
    expect(await page.locator('.seller-group').count()).toBe(2);
    expect(await page.locator('.seller-group h2').allTextContents()).toEqual([
      expect.stringMatching(/^卖家：/),
      expect.stringMatching(/^卖家：/),
    ]);
    // Two of the first line: the price follows, and so does the header's count.
    await page.getByLabel('数量').first().fill('2');
    await page.getByRole('link', { name: '购物车，3 件' }).waitFor();
    await page.getByLabel('数量').first().fill('1');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'buyer-cart-zh-Hans');
  });

  it('checks out: two parcels in CNY, identity on file, allowance left, address checked per field, pays', async () => {
    await page.getByRole('link', { name: '去结算' }).click();
    await page.locator('.parcel').nth(1).waitFor();
    expect(await page.locator('.parcel').count()).toBe(2);
    for (const parcel of await page.locator('.parcel').all()) {
      const text = await parcel.textContent();
      expect(text).toMatch(/商品¥[\d,]+\.\d{2}/);
      expect(text).toMatch(/运费¥[\d,]+\.\d{2}/);
      expect(text).toMatch(/关税及税费¥[\d,]+\.\d{2}/);
      expect(text).toMatch(/合计¥[\d,]+\.\d{2}/);
    }
    await page.getByText('已登记：李伟').waitFor();
    expect(await page.getByRole('heading', { name: /年跨境电商年度交易限额/ }).count()).toBe(1);
    expect(await page.locator('#allowance + p').textContent()).toMatch(
      /^今年剩余 ¥[\d,]+\.\d{2}（共 ¥26,000\.00）$/,
    );

    // The API checks the address for the market: a bad postal code is shown on its field.
    await page.getByLabel('收件人').fill('李伟');
    await page.getByLabel('电话').fill('+86 138 0000 0101');
    await page.getByLabel('省份或地区').fill('上海市');
    await page.getByLabel('城市').fill('上海市');
    await page.getByLabel('详细地址').fill('浦东新区世纪大道 1000 号 12 楼 1201 室');
    await page.getByLabel('邮政编码').fill('2001');
    const pay = page.getByRole('button', { name: /^支付 ¥[\d,]+\.\d{2}$/ });
    await pay.click();
    await expect.poll(() => page.getByLabel('邮政编码').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#address-postalCode-error').textContent()).toBe('请检查此项。');
    await page.getByLabel('邮政编码').fill('200120');
    expect(await page.getByLabel('邮政编码').getAttribute('aria-invalid')).toBeNull();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'buyer-checkout-zh-Hans');

    await pay.click();
    await page.waitForURL(`${base}/orders`);
    await page.locator('.order-list li').nth(1).waitFor();
    expect(await page.locator('.order-list li').count()).toBe(2);
    // The sandbox provider captures asynchronously; the page asks again until it has.
    await h.settle();
    await expect
      .poll(() => page.locator('.order-status').allTextContents(), { timeout: 10_000 })
      .toEqual(['已付款', '已付款']);
    expect(await page.getByRole('link', { name: '购物车，0 件' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'buyer-orders-zh-Hans');
  });

  it('the seller ships one order; the buyer follows it and confirms receipt', async () => {
    const orderId = await page.locator('.order-list li').first().getAttribute('data-order');
    const order = await asAdmin('GET', `/api/v1/orders/${orderId}`);
    await asAdmin('POST', `/api/v1/sellers/${order.sellerId}/orders/${orderId}/shipment`, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    for (const status of ['in_transit', 'customs_cleared', 'delivered']) {
      await asAdmin('POST', `/api/v1/orders/${orderId}/tracking-events`, {
        status,
        location: status === 'delivered' ? 'Shanghai' : 'Chicago',
        description: status,
      });
    }
    await page.locator(`[data-order="${orderId}"] a`).click();
    await page.getByRole('heading', { name: '物流跟踪' }).waitFor();
    expect(await page.locator('.order-status').textContent()).toBe('已送达');
    expect(await page.locator('#tracking ~ .timeline').textContent()).toContain('已清关');
    await page.getByRole('button', { name: '确认收货' }).click();
    await expect.poll(() => page.locator('.order-status').textContent()).toBe('已完成');
    expect(await page.getByRole('status').textContent()).toBe('谢谢！货款已付给卖家。');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'buyer-order-completed-zh-Hans');
  });

  it('the buyer opens a dispute on a shipped order that went wrong', async () => {
    await page.getByRole('link', { name: '全部订单' }).click();
    const orderId = await page.locator('.order-list li').nth(1).getAttribute('data-order');
    const order = await asAdmin('GET', `/api/v1/orders/${orderId}`);
    await asAdmin('POST', `/api/v1/sellers/${order.sellerId}/orders/${orderId}/shipment`, {
      carrier: 'USPS',
      trackingNumber: 'LZ123456789US',
    });
    await page.locator(`[data-order="${orderId}"] a`).click();
    await expect.poll(() => page.locator('.order-status').textContent()).toBe('已发货');
    await page.getByText('申请售后纠纷').click();
    await page.getByLabel('遇到了什么问题？').fill('包裹破损，巧克力全部融化了。');
    await page.getByRole('button', { name: '提交' }).click();
    // The confirmation may be replaced at once by the refreshed order: its status is what lasts.
    await expect.poll(() => page.locator('.order-status').textContent()).toBe('纠纷处理中');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Signing out ends the session: the order list then asks her to sign in.
    await page.getByRole('link', { name: '全部订单' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/orders`);
    await page.getByRole('link', { name: '登录' }).waitFor();
  });
});
