import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { ensureAccounts, postEntry } from '../src/modules/ledger/index.ts';
import { codeFor, formatCode } from '../src/modules/trust/index.ts';
import { money } from '../src/money/index.ts';
import { type Actor, actorFor, type Heartland, startHeartland } from '../test/support/heartland.ts';
import { counterBody } from '../test/support/notices.ts';
import { browserAvailable, screenshot, seriousA11yViolations, serveToBrowser } from './support/browser.ts';
import { openTrustCases, TEST_BUY_PNG, type TrustCases } from './support/trust-cases.ts';

/**
 * Authenticity, the trust console and the finance page in a real browser on the demo marketplace:
 * a Japanese shopper checks a genuine ginseng code and an altered one; the demo trust agent works
 * the held-listings queue, then opens a notice and decides it, reads the seller's counter-notice,
 * an authenticity alert and a seller's verification evidence; the demo auditor reads the trial
 * balance and the ledger verification.
 * Needs `npm run build` (npm test runs it first).
 */
describe.runIf(browserAvailable())('authenticity, trust console and finance in a browser', () => {
  let h: Heartland;
  let browser: Browser;
  let base: string;
  let genuine: string;
  let heldTitle: string;
  let popcorn: { staff: Actor; sellerId: string };
  let cases: TrustCases;
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
    popcorn = { staff, sellerId };
    cases = await openTrustCases(h, { staff, sellerId, exceptProductId: listed.json().id });

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

    ({ base, browser } = await serveToBrowser(h));
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

  const agentPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${base}/trust`);
    await signIn(page, 'trust@demo.heartland.example');
    await page.getByRole('table', { name: 'Queues and service levels' }).waitFor();
    return { context, page };
  };
  /** Opens the case of the queue's item that mentions `text`, from the keyboard. */
  const openCase = async (page: Page, queue: string, text: string | RegExp) => {
    await page.getByRole('button', { name: queue, exact: true }).click();
    const item = page.locator('.queue-items li').filter({ hasText: text });
    const link = item.getByRole('link', { name: /^Open case:/ });
    await link.focus();
    await page.keyboard.press('Enter');
    // The case heading takes focus, so keyboard and screen-reader users start at the case.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('case-title');
  };

  it('the agent opens a notice, reads reporter, right and listings, and upholds it', async () => {
    const { context, page } = await agentPage();
    await openCase(page, 'notices', cases.ownerName);
    expect(page.url()).toContain(`/trust/notices/${cases.noticeId}`);
    const heading = page.getByRole('heading', { level: 2, name: /^Notice: .*Great Plains Kettle Corn/ });
    await heading.waitFor();
    const reporter = page.getByRole('region', { name: 'Reporter' });
    expect(await reporter.textContent()).toContain('rights@e2e-trust.test');
    expect(await reporter.textContent()).toContain('Standard (every notice is reviewed)');
    const listings = page.getByRole('table', { name: /^Listings named \(2\)/ });
    for (const l of cases.listings) expect(await listings.textContent()).toContain(l.title);
    expect(await listings.textContent()).toContain('pending review');
    expect(await page.locator('.statement').first().textContent()).toContain('kettle-corn mark');
    const exhibit = page.getByRole('link', { name: 'Download test-buy-bag.png' });
    const photo = await page.request.get(new URL((await exhibit.getAttribute('href'))!, base).toString());
    expect(photo.status()).toBe(200);
    expect(photo.headers()['content-type']).toBe('image/png');
    expect(Buffer.from(await photo.body()).equals(TEST_BUY_PNG)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-notice');

    await page.getByRole('radio', { name: /^Uphold/ }).check();
    for (const l of cases.listings)
      expect(await page.getByRole('checkbox', { name: new RegExp(l.title) }).isChecked()).toBe(true);
    await page.getByLabel(/^Reason/).fill('Test buy: the bag carries the registered mark.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Upheld: 2 listing(s) taken down' }).waitFor();
    const history = page.getByRole('table', { name: 'Decision history' });
    await history.waitFor();
    expect(await history.textContent()).toContain('notice.agent_upheld');
    expect(await history.textContent()).toContain('Test buy: the bag carries the registered mark.');
    expect(await listings.textContent()).toMatch(/taken down since/);
    expect(await listings.textContent()).toMatch(/days? .*left/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-notice-upheld');
    await context.close();
  });

  it('the seller counter-notifies; the agent reads the counter-notice, its window and what comes next', async () => {
    const [first] = cases.listings;
    h.clock.advance(3_600_000);
    const countered = await popcorn.staff.post(
      `/api/v1/notices/${cases.noticeId}/listings/${first!.productId}/counter-notice`,
      counterBody,
    );
    expect(countered.statusCode, countered.body).toBe(201);
    const { context, page } = await agentPage();
    await openCase(page, 'counter notices', cases.noticeId);
    const counter = page.getByRole('region', { name: `Counter-notice: ${first!.title}` });
    await counter.waitFor();
    expect(await counter.getAttribute('class')).toContain('highlighted');
    const text = await counter.textContent();
    expect(text).toContain(counterBody.statement);
    expect(text).toContain('Rights owner must answer by');
    expect(text).toMatch(/\d+ business days from the counter-notice/);
    expect(text).toMatch(/What happens next:.*reinstated automatically/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-counter-notice');
    await page.getByRole('link', { name: 'Back to the counter notices queue', exact: false }).click();
    await page.getByRole('button', { name: 'counter notices', pressed: true }).waitFor();
    await context.close();
  });

  it('the agent opens an authenticity alert: code, lot, seller, the scans that raised it; resolves it', async () => {
    const { context, page } = await agentPage();
    await openCase(page, 'authenticity alerts', 'scanned in another market (HK)');
    await page
      .getByRole('heading', { level: 2, name: `Authenticity alert: code ${formatCode(cases.alertCode)}` })
      .waitFor();
    const facts = await page.locator('.case').textContent();
    expect(facts).toContain('Marathon Root Ginseng Farm');
    expect(facts).toContain('Lot MRG-2026-09');
    const scans = page.getByRole('table', { name: 'Scans of this code up to the alert' });
    const rows = scans.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('CN');
    expect(await rows.nth(1).textContent()).toMatch(/HK.*yes/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-alert');
    await page.getByRole('button', { name: 'Mark resolved' }).click();
    await page.getByRole('status').filter({ hasText: 'Resolved' }).waitFor();
    await page.getByText(/^Resolved \w/).waitFor();
    await context.close();
  });

  it('the agent reviews a seller’s verification evidence, downloads its document and approves it', async () => {
    const { context, page } = await agentPage();
    await openCase(page, 'seller verifications', 'business registration');
    await page.getByRole('heading', { level: 2, name: /^Seller verification: / }).waitFor();
    const item = page.getByRole('region', { name: /^business registration: pending/ });
    expect(await item.textContent()).toContain('LC0612345');
    const download = item.getByRole('link', { name: /^Download articles-of-organization\.pdf/ });
    const doc = await page.request.get(new URL((await download.getAttribute('href'))!, base).toString());
    expect(doc.status()).toBe(200);
    expect(doc.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await doc.body()).equals(cases.registrationPdf)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-verification');

    await item
      .getByLabel(/^Reason for business registration/)
      .fill('Matches the Iowa Secretary of State record.');
    await item.getByRole('button', { name: 'Approve business registration' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved: business registration.' }).waitFor();
    const decided = page.getByRole('region', { name: /^Decided/ });
    await decided.getByText('Matches the Iowa Secretary of State record.', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-verification-approved');
    await context.close();
  });

  it('the agent reads a brand’s registration, its certificate and the owner’s other brand, and verifies it', async () => {
    const { context, page } = await agentPage();
    await openCase(page, 'brand verifications', cases.brand.name);
    expect(page.url()).toContain(`/trust/brands/${cases.brand.id}`);
    await page.getByRole('heading', { level: 2, name: `Brand verification: ${cases.brand.name}` }).waitFor();
    const facts = await page.locator('.case .facts').first().textContent();
    expect(facts).toContain('USPTO registration 6120002');
    expect(facts).toContain('29, 30');
    expect(facts).toContain(`${cases.brand.name} Inc.`);
    const docs = page.getByRole('region', { name: /^Documents \(1\)/ });
    expect(await docs.textContent()).toContain('trademark certificate: cedar-valley-certificate.pdf');
    const others = page.getByRole('region', { name: 'The owner’s other brands' });
    await others.getByRole('link', { name: cases.brand.otherName }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-brand');

    // From the keyboard: the reason, then Enter submits the form's first action, Verify.
    await page.getByLabel(/^Reason \(recorded/).focus();
    await page.keyboard.type('Certificate matches the USPTO record 6120002.');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Verify brand');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Verified: ${cases.brand.name}.` })
      .waitFor();
    await page.getByText('Certificate matches the USPTO record 6120002.', { exact: false }).waitFor();
    // The decision re-reads the brand: the form leaves once the verified brand is back.
    await expect.poll(() => page.getByRole('button', { name: 'Verify brand' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to the brand verifications queue', exact: false }).click();
    await page.getByRole('button', { name: 'brand verifications', pressed: true }).waitFor();
    await expect
      .poll(() => page.locator('.queue-items li').filter({ hasText: cases.brand.name }).count())
      .toBe(0);
    await context.close();
  });

  it('the agent reads a held review, why it was held, and removes it with a reason', async () => {
    const { context, page } = await agentPage();
    await openCase(page, 'reviews', 'Held review: phone_number');
    expect(page.url()).toContain(`/trust/reviews/${cases.review.id}`);
    await page
      .getByRole('heading', { level: 2, name: `Review moderation: “${cases.review.title}”` })
      .waitFor();
    const review = page.getByRole('region', { name: 'The review: held' });
    const text = await review.textContent();
    expect(text).toContain('Held by the moderation rules: phone number.');
    expect(text).toContain('4 of 5');
    expect(text).toContain('010 1234 5678');
    expect(text).toContain('verified purchase');
    // The seller by its legal name once /sellers/:id answers, not only by its id.
    await review.getByText(new RegExp(`^\\S.* \\(${popcorn.sellerId}\\)$`)).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'trust-review');

    await review
      .getByLabel(/^Reason for the decision on the review/)
      .fill('Moves the sale off the platform.');
    const remove = review.getByRole('button', { name: 'Remove review' });
    await remove.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The review is now removed.' }).waitFor();
    await page
      .getByRole('region', { name: 'The review: removed' })
      .getByText('Removed by an agent.')
      .waitFor();
    await page.getByRole('button', { name: 'Reinstate review' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const publicList = await page.request.get(`${base}/api/v1/products/${cases.review.productId}/reviews`);
    expect((await publicList.json()).reviews).toEqual([]);
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
