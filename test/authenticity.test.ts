import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ListedProduct, listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/** Issue 4, authenticity codes: a farm labels a lot; shoppers scan; copies and forgeries show. */
describe('authenticity codes through the API', () => {
  let h: Heartland;
  let farm: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };
  let ginseng: ListedProduct;
  let lotId: string;
  let codes: string[];

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'marathon', legalName: 'Marathon Ginseng LLC' });
    other = await onboardVerifiedSeller(h, admin, { key: 'other', legalName: 'Other Farm LLC' });
    ginseng = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '121120',
      en: 'Wisconsin American ginseng, 4 oz',
      priceUsd: 7_800,
      stock: 20,
      weightGrams: 160,
    });
  });
  afterAll(() => h.close());

  it('records a lot with its provenance, and only the seller’s own staff may', async () => {
    const body = {
      productId: ginseng.productId,
      lotNumber: 'MRG-2026-07',
      farmName: 'Marathon Ginseng Farm',
      usState: 'WI',
      county: 'Marathon',
      harvestedOrMadeOn: '2026-09-20',
      certifications: [
        { scheme: 'USDA Organic', number: '8150001234', certifier: 'MOSA', expiresOn: '2027-06-30' },
      ],
      soldToMarkets: ['CN', 'HK'],
    };
    const refused = await other.staff.post(`/api/v1/sellers/${farm.sellerId}/lots`, body);
    expect(refused.statusCode).toBe(403);
    const foreign = await other.staff.post(`/api/v1/sellers/${other.sellerId}/lots`, body);
    expect(foreign.statusCode).toBe(404); // another seller's product
    const res = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/lots`, body);
    expect(res.statusCode).toBe(201);
    lotId = res.json().id;
    expect(res.json()).toMatchObject({ county: 'Marathon', usState: 'WI', soldToMarkets: ['CN', 'HK'] });
    const bad = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/lots`, { ...body, usState: 'XX' });
    expect(bad.statusCode).toBe(400);
  });

  it('issues signed codes once per reference, and prints them as a QR label sheet', async () => {
    const path = `/api/v1/sellers/${farm.sellerId}/lots/${lotId}/codes`;
    const res = await farm.staff.post(path, { count: 3, reference: 'print-run-1' });
    expect(res.statusCode).toBe(201);
    codes = res.json().codes;
    expect(codes).toHaveLength(3);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const again = await farm.staff.post(path, { count: 3, reference: 'print-run-1' });
    expect(again.json()).toMatchObject({ codes, replayed: true });
    expect((await other.staff.post(path, { count: 3, reference: 'x' })).statusCode).toBe(403);

    const pdf = await farm.staff.post(
      path,
      { count: 3, reference: 'print-run-1' },
      { accept: 'application/pdf' },
    );
    expect(pdf.statusCode).toBe(201);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('tells genuine, replayed, altered and forged codes apart, and alerts on a scan in another market', async () => {
    const scan = (code: string, market: string) =>
      h.app.inject({
        method: 'GET',
        url: `/api/v1/authenticity/${encodeURIComponent(code)}?market=${market}`,
      });

    const first = await scan(codes[0]!, 'CN');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      outcome: 'genuine',
      firstScan: true,
      product: { id: ginseng.productId, title: 'Wisconsin American ginseng, 4 oz' },
      seller: { id: farm.sellerId, name: 'Marathon Ginseng LLC', usState: 'WI' },
      lot: { lotNumber: 'MRG-2026-07', county: 'Marathon', farmName: 'Marathon Ginseng Farm' },
    });
    expect(first.json().alert).toBeUndefined();

    // Typed by hand, in lower case without hyphens: the same code, now a replay.
    const replay = await scan(codes[0]!.replaceAll('-', '').toLowerCase(), 'CN');
    expect(replay.json()).toMatchObject({ outcome: 'genuine', firstScan: false, previousScans: 1 });

    // The same label scanned in Japan, a market the lot was not sold to: genuine, but an alert.
    const elsewhere = await scan(codes[0]!, 'JP');
    expect(elsewhere.json().outcome).toBe('genuine');
    expect(elsewhere.json().alert).toBeDefined();
    // …which lands in the trust agents' authenticity-alert queue, naming the seller.
    const agent = await h.actor('agent@heartland.test', [{ role: 'trust_agent' }]);
    const queue = await agent.get('/api/v1/trust/queues/authenticity_alerts');
    expect(queue.json().items).toEqual([
      expect.objectContaining({ subjectKind: 'authenticity_alert', sellerId: farm.sellerId, overdue: false }),
    ]);
    // The seller sees it (another seller may not), looks into it and resolves it: the item closes.
    const alertsPath = `/api/v1/sellers/${farm.sellerId}/authenticity-alerts`;
    expect((await other.staff.get(alertsPath)).statusCode).toBe(403);
    const alerts = (await farm.staff.get(alertsPath)).json().alerts;
    expect(alerts).toEqual([
      expect.objectContaining({ reason: 'market_not_sold_to', market: 'JP', resolvedAt: null }),
    ]);
    expect((await other.staff.post(`${alertsPath}/${alerts[0].id}/resolve`)).statusCode).toBe(403);
    const resolved = await farm.staff.post(`${alertsPath}/${alerts[0].id}/resolve`);
    expect(resolved.json().resolvedAt).not.toBeNull();
    expect((await agent.get('/api/v1/trust/queues/authenticity_alerts')).json().items).toEqual([]);

    // One symbol changed: the signature no longer matches.
    const c = codes[1]!;
    const altered = `${c.slice(0, 5)}${c[5] === 'A' ? 'B' : 'A'}${c.slice(6)}`;
    expect((await scan(altered, 'CN')).json().outcome).toBe('forged');
    expect((await scan('ABCD-EFGH-JKMN-PQRS', 'CN')).json().outcome).toBe('forged');
    expect((await scan('not a code', 'CN')).statusCode).toBe(400);
    expect((await scan(codes[1]!, 'XX')).statusCode).toBe(400);
  });

  it('shows the lot’s provenance and certifications on the product page buyers see', async () => {
    const page = await h.app.inject({
      method: 'GET',
      url: `/api/v1/storefront/products/${ginseng.productId}?market=HK&locale=zh-Hant`,
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().provenance).toEqual([
      {
        lotNumber: 'MRG-2026-07',
        farmName: 'Marathon Ginseng Farm',
        usState: 'WI',
        county: 'Marathon',
        harvestedOrMadeOn: '2026-09-20',
        certifications: [
          {
            scheme: 'USDA Organic',
            number: '8150001234',
            certifier: 'MOSA',
            expiresOn: '2027-06-30',
            expired: false,
          },
        ],
      },
    ]);
  });
});
