import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { placeBody } from '../test/support/addresses.ts';
import { type Actor, actorFor, type Heartland, startHeartland } from '../test/support/heartland.ts';
import { browserAvailable, screenshot, seriousA11yViolations, serveToBrowser } from './support/browser.ts';

const SELLER = 'marathon-ginseng@demo.heartland.example';
const PASSWORD = 'heartland-demo-1';
/** The smallest well-formed PDF and PNG: what the server checks is their first bytes. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const DESCRIPTION_EN =
  'Hand-dug four-year Wisconsin ginseng roots, small prongs, dried slowly; simmer for tea or soup.';

/**
 * The seller center in a real browser, on a laptop: the Marathon ginseng farm signs in, lists a
 * product with translations side by side, ships a paid order with its customs papers, and reads
 * its balance chart. Needs `npm run build`.
 */
describe.runIf(browserAvailable())('the seller center in a browser', () => {
  let h: Heartland;
  let browser: Browser;
  let base: string;
  let page: Page;
  let sellerId: string;
  let buyer: Actor;
  let orderId: string;
  /** Scrolled to the top first, so the sticky header sits where it belongs in the full-page shot. */
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name);
  };
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Seller center' }).getByRole('link', { name, exact: true }).click();

  async function signedIn(email: string): Promise<Actor> {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD, returnToken: true },
    });
    expect(res.statusCode).toBe(200);
    const { user, sessionToken } = res.json() as { user: { id: string }; sessionToken: string };
    return actorFor(h.app, user.id, sessionToken);
  }

  beforeAll(async () => {
    h = await startHeartland({ webApp: true, testCategory: false });
    await seedDemo(h.ctx, { pictures: false });
    ({ base, browser } = await serveToBrowser(h));
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    page = await context.newPage();

    // A Japanese buyer pays for the farm's ginseng through the API, so the farm has an order to ship.
    const seller = await signedIn(SELLER);
    const me = (await seller.get('/api/v1/me')).json() as {
      roles: { role: string; scopeId: string | null }[];
    };
    sellerId = me.roles.find((r) => r.role === 'seller_staff')!.scopeId!;
    const products = (await seller.get(`/api/v1/sellers/${sellerId}/products`)).json() as {
      visible: boolean;
      kind: string;
      variants: { id: string; stock: number }[];
    }[];
    const variant = products.find((p) => p.visible && p.kind === 'goods' && p.variants[0]!.stock > 0)!
      .variants[0]!;
    buyer = await signedIn('sato.misaki@demo.heartland.example');
    const quote = await buyer.post('/api/v1/checkout/quotes', {
      market: 'JP',
      shippingMethod: 'express',
      lines: [{ variantId: variant.id, quantity: 1 }],
    });
    expect(quote.statusCode, quote.body).toBe(201);
    const placed = await buyer.post(`/api/v1/checkout/quotes/${quote.json().id}/place`, placeBody('JP'));
    expect(placed.statusCode, placed.body).toBe(201);
    orderId = placed.json().orders[0].id;
    await h.settle(1000);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('signs in and shows the verification level and what is missing', async () => {
    await page.goto(`${base}/seller`);
    await page.getByRole('heading', { name: 'Seller center sign-in' }).waitFor();
    await page.getByLabel('Email').fill(SELLER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Verification' }).waitFor();
    expect(await page.locator('.tiles').textContent()).toMatch(/1orders to ship/);
    expect(
      await page.getByRole('list').filter({ hasText: 'business registration document' }).count(),
    ).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('seller-dashboard');

    // The onboarding step: the farm sends its business address for review.
    const step = page.getByRole('form', { name: 'Next step: send what is missing' });
    await step.getByLabel('What to send').selectOption('business_address');
    await step.getByLabel('Street', { exact: true }).fill('1200 County Road K');
    await step.getByLabel('City').fill('Wausau');
    await step.getByLabel('State (2 letters)').fill('WI');
    await step.getByLabel('ZIP code').fill('54401');
    await step.getByRole('button', { name: 'Send for review' }).click();
    await page.getByRole('status').filter({ hasText: 'Business address sent' }).waitFor();
    await page.getByRole('cell', { name: 'business address' }).waitFor();
  });

  it('uploads a registration document in the wizard, sees it awaiting review, and replaces a rejected one', async () => {
    const step = page.getByRole('form', { name: 'Business registration document' });
    const file = step.getByLabel('File', { exact: true });
    // A text file named .pdf is caught in the browser, next to the file input, before anything is sent.
    await file.setInputFiles({
      name: 'notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('notes'),
    });
    await step.getByText('notes.pdf is not a PDF, PNG or JPEG file').waitFor();
    expect(await file.getAttribute('aria-invalid')).toBe('true');

    // The server's field error (an entity number it cannot be) is shown next to that field.
    await step.getByLabel('State of registration (2 letters)').fill('wi');
    await step.getByLabel('Entity or file number').fill('--');
    await file.setInputFiles({
      name: 'articles-of-organization.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await step.getByText(/Chosen: articles-of-organization\.pdf/).waitFor();
    await step.getByRole('button', { name: 'Upload for review' }).click();
    const entity = step.getByLabel('Entity or file number');
    await step.getByText('the entity or file number the state issued').waitFor();
    expect(await entity.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => entity.evaluate((el) => el === document.activeElement)).toBe(true);

    await entity.fill('M087421');
    await step.getByRole('button', { name: 'Upload for review' }).click();
    await page.getByRole('status').filter({ hasText: 'Business registration document sent' }).waitFor();
    const documents = page.getByRole('region', { name: 'Documents for review' });
    await documents.getByText('Submitted, awaiting review').waitFor();
    await documents.getByText('articles-of-organization.pdf').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('seller-onboarding-document-awaiting-review');

    // A trust agent rejects it with a reason; the farmer sees the reason and sends a replacement.
    const pending = (await (await signedIn(SELLER)).get(`/api/v1/sellers/${sellerId}/verification`)).json()
      .items as { id: string; kind: string; status: string }[];
    const item = pending.find((i) => i.kind === 'business_registration' && i.status === 'pending')!;
    const agent = await h.actor('agent@seller-e2e.test', [{ role: 'trust_agent' }]);
    const rejected = await agent.post(`/api/v1/trust/seller-verification/${item.id}/decision`, {
      decision: 'reject',
      reason: 'Page 2 is missing; send all pages.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    await page.reload();
    const again = page.getByRole('form', { name: 'Business registration document' });
    await again.getByText('Reviewer’s reason: “Page 2 is missing; send all pages.”').waitFor();
    expect(await again.getByLabel('Entity or file number').inputValue()).toBe('M087421');
    // Keyboard only: Tab reaches the file input, then the button.
    await again.getByLabel('File', { exact: true }).setInputFiles({
      name: 'articles-all-pages.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await again.getByLabel('File', { exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Send replacement for review',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('seller-onboarding-document-rejected');
    // The request is held until the pending state has been seen: the button says so, a progress bar shows.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let passedOn: Promise<void> = Promise.resolve();
    await page.route('**/verification/items', (route) => {
      passedOn = held.then(() => route.continue());
      return passedOn;
    });
    await page.keyboard.press('Enter');
    await again.getByRole('button', { name: 'Uploading…' }).waitFor();
    expect(await again.getByRole('button', { name: 'Uploading…' }).isDisabled()).toBe(true);
    await again.getByRole('status').filter({ hasText: 'articles-all-pages.png' }).waitFor();
    release();
    await passedOn;
    await page.unroute('**/verification/items');
    await documents.getByText('Submitted, awaiting review').waitFor();
    expect(await documents.locator('.file-name').allTextContents()).toEqual(['articles-all-pages.png']);
    await page.getByRole('cell', { name: 'business registration' }).first().waitFor();
  });

  it('creates a listing with translations side by side, each with a completeness meter', async () => {
    await nav('Listings');
    await page.getByRole('link', { name: 'New listing' }).click();
    await page.getByRole('heading', { name: 'New listing' }).waitFor();
    await expect.poll(() => page.getByLabel('Category').locator('option').count()).toBeGreaterThan(1);
    await page.getByLabel('Category').selectOption('american-ginseng');
    await page.getByLabel('HS code (customs)').fill('121120');
    const fill = async (lang: string, title: string, description: string) => {
      await page.getByLabel(`${lang} title`).fill(title);
      await page.getByLabel(`${lang} description`).fill(description);
    };
    await fill('English', 'Wisconsin Ginseng Prong Roots, 2 oz', DESCRIPTION_EN);
    await fill(
      'Simplified Chinese',
      '威斯康星花旗参 参须 2盎司',
      '马拉松县人工采挖的四年生花旗参参须，低温慢速烘干，可煲汤或泡茶饮用。每次取三到五克，用水慢火煲煮二十分钟即可。',
    );
    await fill(
      'Japanese',
      'ウィスコンシン産アメリカ人参 ひげ根 2オンス',
      'マラソン郡で手掘りした四年根のアメリカ人参のひげ根を低温でじっくり乾燥させました。スープやお茶に三から五グラムを煮出してください。',
    );
    await fill(
      'Korean',
      '위스콘신 화기삼 잔뿌리 2온스',
      '마라톤 카운티에서 손으로 캔 4년근 화기삼 잔뿌리를 저온에서 천천히 말렸습니다. 차나 국에 3~5그램을 넣어 끓여 드세요.',
    );
    await page.getByLabel('Traditional Chinese title').fill('威斯康辛花旗蔘 鬚根');
    for (const l of ['en', 'zh-Hans', 'ja', 'ko'])
      expect(await page.getByTestId(`pct-${l}`).textContent()).toBe('100 %');
    expect(await page.getByTestId('pct-zh-Hant').textContent()).toBe('40 %');
    await page.getByLabel('Traditional Chinese title').fill(''); // a half translation is not sent
    expect(await page.getByTestId('pct-zh-Hant').textContent()).toBe('0 %');

    await page.getByLabel('Variant 1 SKU').fill('MG-PRONG-2OZ');
    await page.getByLabel('Variant 1 price in US dollars').fill('19.99');
    await page.getByLabel('Variant 1 stock').fill('40');
    await page.getByLabel('Variant 1 weight in grams').fill('70');
    // A variant's options are the seller's English; each other language translates every value.
    await page.getByLabel('Variant 1 options in English').fill('size: 2 oz (57 g)');
    expect(await page.getByTestId('pct-zh-Hans').textContent()).toBe('80 %');
    const option = (lang: string) => page.getByLabel(`2 oz (57 g) (size, SKU MG-PRONG-2OZ) in ${lang}`);
    await option('Simplified Chinese').fill('2盎司（57克）');
    await option('Japanese').fill('2オンス（57g）');
    await option('Korean').fill('2온스(57g)');
    for (const l of ['en', 'zh-Hans', 'ja', 'ko'])
      expect(await page.getByTestId(`pct-${l}`).textContent()).toBe('100 %');
    await page.getByLabel('Korean description').focus();
    await page.keyboard.press('Tab'); // reached by keyboard, right after the description
    expect(await option('Korean').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('seller-listing-editor');
    await page.getByRole('button', { name: 'Create listing' }).click();
    await page.getByRole('heading', { name: /^Edit: Wisconsin Ginseng Prong Roots/ }).waitFor();
    await page.getByRole('heading', { name: 'Trust status' }).waitFor();
    await page.getByRole('heading', { name: 'Where it can be sold' }).waitFor();
    await page.locator('.panel table tbody tr').first().waitFor();
    await shot('seller-listing-saved');

    // The API holds the price exactly as typed, in cents.
    const mine = await (await signedIn(SELLER)).get(`/api/v1/sellers/${sellerId}/products`);
    const created = (
      mine.json() as { translations: Record<string, unknown>; variants: { priceUsd: { amount: number } }[] }[]
    )[0]!;
    expect(created.variants[0]!.priceUsd.amount).toBe(1999);
    expect(Object.keys(created.translations).sort()).toEqual(['en', 'ja', 'ko', 'zh-Hans']);
    expect(created.translations['zh-Hans']).toMatchObject({
      variantAttributes: { 'MG-PRONG-2OZ': { size: '2盎司（57克）' } },
    });

    await page.getByRole('link', { name: '← All listings' }).click();
    await page.getByRole('link', { name: 'Wisconsin Ginseng Prong Roots, 2 oz' }).waitFor();
  });

  it('ships a paid order with a tracking number, with the customs papers to download', async () => {
    await page
      .getByRole('navigation', { name: 'Seller center' })
      .getByRole('link', { name: 'Orders to ship' })
      .click();
    await page.getByRole('heading', { name: 'Orders to ship', level: 1 }).waitFor();
    const order = page.locator('.order').first();
    const invoice = order.getByRole('link', { name: 'Commercial invoice (PDF)' });
    const href = (await invoice.getAttribute('href'))!;
    const pdf = await page.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('seller-orders');
    await order.getByLabel('Tracking number').fill('1Z999AA10123456784');
    await order.getByRole('button', { name: 'Mark shipped' }).click();
    await page.getByRole('status').filter({ hasText: 'shipped with UPS 1Z999AA10123456784' }).waitFor();
    await page.getByText('No paid orders are waiting to ship.').waitFor();
    const shipped = page.locator('.order', { hasText: 'Status: shipped' });
    await shipped.getByRole('link', { name: 'Packing list (PDF)' }).waitFor();
  });

  it('shows the balance in escrow, released and paid out, with a chart over time', async () => {
    await nav('Balance');
    await page.getByRole('heading', { name: 'Balance', level: 1 }).waitFor();
    await page.locator('figure.chart svg rect').first().waitFor();
    expect(await page.locator('.money').textContent()).toContain('In escrow');
    expect(await page.locator('.money dd').first().textContent()).toMatch(/¥|\$/);
    expect(await page.locator('.money dd').nth(1).textContent()).toBe('$0.00');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The buyer confirms receipt: the escrow is released and the farm is owed its dollars.
    const confirmed = await buyer.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await page.reload();
    await expect.poll(() => page.locator('.money dd').nth(1).textContent()).toMatch(/^\$[1-9][\d,]*\.\d{2}$/);
    await page.locator('figure.chart rect[fill="#2e6b30"]').first().waitFor();
    await shot('seller-balance');
  });
});
