import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.js';
import { seedDemo } from '../src/flows/seed-demo.js';
import { ensureAccounts, postEntry } from '../src/modules/ledger/index.js';
import { codeFor, formatCode } from '../src/modules/trust/index.js';
import { money } from '../src/money/index.js';
import { actorFor, type Heartland, startHeartland } from '../test/support/heartland.js';
import { browserAvailable, launchChromium, screenshot, seriousA11yViolations } from './support/browser.js';

/**
 * Authenticity, the trust console and the finance page in a real browser on the demo marketplace:
 * a Japanese shopper checks a genuine ginseng code and an altered one; the demo trust agent works
 * the held-listings queue; the demo auditor reads the trial balance and the ledger verification.
 * Needs `npm run build` (npm test runs it first).
 */
describe.runIf(browserAvailable())('authenticity, trust console and finance in a browser', () => {
  let h: Heartland;
  let browser: Browser;
  let base: string;
  let genuine: string;
  let heldTitle: string;
  const orderId = 'ord_0e2e0000000000000000000000000001';

  const signIn = async (page: Page, email: string) => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('heartland-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  beforeAll(async () => {
    h = await startHeartland({ webApp: true, testCategory: false });
    await seedDemo(h.ctx, { pictures: false });
    // A code of the demo ginseng lot: the tag is never stored, the key re-derives it from the serial.
    const { rows } = await h.ctx.db.execute<{ serial: string }>(sql`
      SELECT c.serial::text FROM authenticity_codes c JOIN authenticity_lots l ON l.id = c.lot_id
      WHERE l.lot_number = 'MRG-2026-09' ORDER BY c.serial LIMIT 1`);
    genuine = codeFor(h.ctx.config.authenticityCodeKey, BigInt(rows[0]!.serial));

    // A popcorn seller lists jerky naming a brand it is not authorized for: the checks hold it.
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: {
        email: 'prairie-pop@demo.heartland.example',
        password: 'heartland-demo-1',
        returnToken: true,
      },
    });
    expect(login.statusCode, login.body).toBe(200);
    const { user, sessionToken } = login.json() as {
      user: { id: string; roles: { role: string; scopeId: string | null }[] };
      sessionToken: string;
    };
    const sellerId = user.roles.find((r) => r.role === 'seller_staff')!.scopeId!;
    const staff = actorFor(h.app, user.id, sessionToken);
    heldTitle = 'Badlands Ridge beef jerky, 3 oz';
    const listed = await staff.post(`/api/v1/sellers/${sellerId}/products`, {
      kind: 'goods',
      categorySlug: 'jerky',
      originState: 'IA',
      hsCode: '160250',
      status: 'active',
      translations: { en: { title: heldTitle, description: 'Smoked beef jerky.' } },
      images: [],
      variants: [{ sku: 'PP-JERKY-1', priceUsd: 900, stock: 10, weightGrams: 100 }],
    });
    expect(listed.statusCode, listed.body).toBe(201);
    expect(listed.json().trustHold).toBe('held_for_review');

    // The demo seeds no orders: one authorized payment gives the auditor entries to read and search.
    await inTransaction(h.ctx.db, async (tx) => {
      await ensureAccounts(tx, [
        { key: 'psp_receivable:JPY', type: 'psp_receivable', currency: 'JPY' },
        {
          key: `escrow:${orderId}:JPY`,
          type: 'escrow',
          currency: 'JPY',
          limit: 'debits_must_not_exceed_credits',
        },
      ]);
      await postEntry(
        tx,
        {
          id: `authorize:e2e-${orderId}`,
          kind: 'payment.authorize',
          reference: orderId,
          pending: true,
          postings: [
            { account: 'psp_receivable:JPY', direction: 'debit', amount: money(12_900n, 'JPY') },
            { account: `escrow:${orderId}:JPY`, direction: 'credit', amount: money(12_900n, 'JPY') },
          ],
        },
        h.clock,
      );
    });

    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a Japanese shopper checks a genuine code, then an altered one', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
    });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: '正規品チェック' }).click();
    await page.getByRole('heading', { level: 1, name: '認証コードを確認する' }).waitFor();
    // Typed as a buyer would: lower case, spaces between the groups.
    await page.getByLabel('認証コード').fill(formatCode(genuine).toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: '確認する' }).click();
    const verdict = page.locator('#verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('正規品です');
    expect(page.url()).toContain(`/verify/${genuine}`);
    const provenance = await page.locator('.provenance').textContent();
    expect(provenance).toContain('Marathon Root Ginseng Farm');
    expect(provenance).toContain('MRG-2026-09');
    expect(provenance).toContain('DEMO-GBW-26-0412');
    expect(await page.locator('.scans').textContent()).toContain('初回の確認です');
    // The lot was not sold to Japan: the shopper is warned.
    expect(await page.getByRole('alert').textContent()).toContain('注意');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'verify-genuine-ja');

    const last = genuine.at(-1) === 'A' ? 'B' : 'A';
    const altered = `${genuine.slice(0, -1)}${last}`;
    await page.getByLabel('認証コード').fill(formatCode(altered));
    await page.getByRole('button', { name: '確認する' }).click();
    await expect.poll(() => verdict.textContent()).toContain('正規品ではありません');
    expect(await page.locator('.provenance').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'verify-forged-ja');
    await page.getByLabel('認証コード').fill('ABCD-1234');
    await page.getByRole('button', { name: '確認する' }).click();
    await page.getByText('認証コードではありません').waitFor();
    await context.close();
  });

  it('the trust agent signs in, sees the queues with service levels and removes the held listing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${base}/trust`);
    await page.getByRole('heading', { level: 1, name: 'Trust console' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await signIn(page, 'trust@demo.heartland.example');
    const queues = page.getByRole('table', { name: 'Queues and service levels' });
    await queues.waitFor();
    const held = queues.getByRole('row').filter({ hasText: 'held listings' });
    expect(await held.locator('td').first().textContent()).toBe('1');
    expect(await held.locator('td').nth(2).textContent()).toMatch(/\d+ (hours?|days?|minutes)/);
    await page.getByRole('heading', { name: 'Published figures' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-queues');

    await page.getByRole('button', { name: 'held listings' }).click();
    const item = page.locator('.queue-items li').filter({ hasText: 'Badlands Ridge' });
    await item.getByRole('button', { name: /^Claim/ }).click();
    await item.getByText(/^Claimed by you/).waitFor();
    await item.locator('table').waitFor(); // the decisions with their rules
    expect(await item.locator('table').textContent()).toMatch(/listing\.\w+/);
    await item.getByLabel(/Reason/).fill('Names a brand the seller is not authorized for.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-held-listing');
    await item.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Removed: the listing is taken down.').waitFor();
    await expect.poll(() => held.locator('td').first().textContent()).toBe('0');
    // An agent's removal is proactive and counts in the published figures (over [from, now)).
    h.clock.advance(60_000);
    await page.reload();
    await expect.poll(() => page.locator('dd').first().textContent()).toMatch(/^1 \(1 proactive/);
    await screenshot(page, 'trust-removed');
    await context.close();
  });

  it('the auditor sees the trial balance per currency and a sound ledger', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${base}/finance`);
    await signIn(page, 'auditor@demo.heartland.example');
    await page.getByRole('heading', { name: 'Trial balance per currency' }).waitFor();
    expect(await page.locator('.tb-verdict').textContent()).toContain('Balanced in every currency');
    await page.locator('.ledger-verdict').waitFor();
    expect(await page.locator('.ledger-verdict').textContent()).toContain('✓ Sound');
    const jpy = page.getByRole('row').filter({ hasText: 'JPY' });
    expect(await jpy.textContent()).toContain('¥12,900');
    expect(await jpy.textContent()).toContain('✓ yes');
    await page.getByLabel(/Order id/).fill(orderId);
    await page.getByRole('button', { name: 'Find entries' }).click();
    const entry = page.locator('article.entry');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('payment.authorize');
    expect(await entry.textContent()).toContain(`escrow:${orderId}:JPY`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'finance');
    await context.close();
  });
});
