import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/kernel/access.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/** Fills a route's path parameters with ids of the right shape (they need not exist: access is checked first). */
function concrete(url: string): string {
  return url
    .replace(/:sellerId/g, `sel_${'0'.repeat(32)}`)
    .replace(/:variantId/g, `var_${'0'.repeat(32)}`)
    .replace(/:productId/g, `prd_${'0'.repeat(32)}`)
    .replace(/:currency/g, 'CNY')
    .replace(/:market/g, 'CN')
    .replace(/:code/g, 'CN')
    .replace(/:key/g, 'psp_receivable%3ACNY')
    .replace(/:id/g, 'x_1')
    .replace(/:[A-Za-z]+/g, 'x');
}

describe('every route states who may call it', () => {
  let h: Heartland;
  const actors = new Map<Role, Actor>();
  beforeAll(async () => {
    h = await startHeartland();
    for (const role of ROLES) {
      const scopeId = role === 'seller_staff' ? `sel_${'0'.repeat(32)}` : null;
      actors.set(role, await h.actor(`${role}@roles.test`, [{ role, scopeId }]));
    }
  });
  afterAll(() => h.close());

  it('gives 403 to every role a route does not allow, and 401 to anonymous callers', async () => {
    const routes = h.app.accessTable.filter((r) => r.access !== 'public' && r.url.startsWith('/api/v1'));
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const route of routes) {
      const allowed = route.access as readonly Role[];
      const url = concrete(route.url);
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const res = await h.app.inject({
          method: route.method as 'GET',
          url,
          headers: {
            authorization: `Bearer ${actors.get(role)!.token}`,
            'idempotency-key': `roles-${role}-${route.url}`,
          },
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        });
        if (res.statusCode !== 403)
          failures.push(`${route.method} ${route.url} as ${role}: ${res.statusCode}`);
      }
      const anon = await h.app.inject({ method: route.method as 'GET', url });
      if (anon.statusCode !== 401)
        failures.push(`${route.method} ${route.url} anonymous: ${anon.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('bad input gets a 4xx problem, never a 500', () => {
  let h: Heartland;
  let buyer: Actor;
  let admin: Actor;
  let seller: Actor;
  beforeAll(async () => {
    h = await startHeartland();
    buyer = await h.actor('buyer@input.test', [{ role: 'buyer' }]);
    admin = await h.actor('admin@input.test', [{ role: 'platform_admin' }]);
    seller = await h.actor('seller@input.test', [{ role: 'buyer' }]);
  });
  afterAll(() => h.close());

  const huge = 'x'.repeat(100_000);
  const unknownVariant = `var_${'f'.repeat(32)}`;

  /**
   * What each bad request must get: the status and the stable problem code. Pinned per row, so a
   * renamed route (a 404 of its own) or a check that moved (another code) fails the row.
   */
  const EXPECTED = new Map<string, [number, string]>([
    ['quote: no body', [400, 'request.invalid']],
    ['quote: wrong types', [400, 'request.invalid']],
    ['quote: unknown market', [400, 'request.invalid']],
    ['quote: negative quantity', [400, 'request.invalid']],
    ['quote: fractional quantity', [400, 'request.invalid']],
    ['quote: unknown variant', [404, 'orders.variant_not_found']],
    ['quote: malformed id', [400, 'request.invalid']],
    ['quote: extra field', [400, 'request.invalid']],
    ['place: unknown quote', [404, 'orders.quote_not_found']],
    ['place: oversized method', [400, 'request.invalid']],
    ['order: unknown id', [404, 'orders.not_found']],
    ['order: malformed id', [400, 'request.invalid']],
    ['refund: unknown order', [404, 'orders.not_found']],
    ['refund: empty reason', [400, 'request.invalid']],
    ['onboard: bad EIN', [400, 'request.invalid']],
    ['onboard: oversized name', [400, 'request.invalid']],
    ['onboard: negative employees', [400, 'request.invalid']],
    ['fx: negative rate', [400, 'request.invalid']],
    ['fx: float-looking garbage', [400, 'request.invalid']],
    ['search: oversized query', [400, 'request.invalid']],
    ['search: bad page', [400, 'request.invalid']],
    ['identity: bad ID number', [422, 'identity.invalid_id_number']],
    ['register: malformed email', [400, 'request.invalid']],
    ['webhook: unsigned', [401, 'payments.bad_signature']],
  ]);

  it.each([
    ['quote: no body', 'buyer', 'POST', '/api/v1/checkout/quotes', undefined],
    ['quote: wrong types', 'buyer', 'POST', '/api/v1/checkout/quotes', { market: 42, lines: 'many' }],
    [
      'quote: unknown market',
      'buyer',
      'POST',
      '/api/v1/checkout/quotes',
      { market: 'XX', lines: [{ variantId: unknownVariant, quantity: 1 }] },
    ],
    [
      'quote: negative quantity',
      'buyer',
      'POST',
      '/api/v1/checkout/quotes',
      { market: 'CN', lines: [{ variantId: unknownVariant, quantity: -2 }] },
    ],
    [
      'quote: fractional quantity',
      'buyer',
      'POST',
      '/api/v1/checkout/quotes',
      { market: 'CN', lines: [{ variantId: unknownVariant, quantity: 1.5 }] },
    ],
    [
      'quote: unknown variant',
      'buyer',
      'POST',
      '/api/v1/checkout/quotes',
      { market: 'CN', lines: [{ variantId: unknownVariant, quantity: 1 }] },
    ],
    [
      'quote: malformed id',
      'buyer',
      'POST',
      '/api/v1/checkout/quotes',
      { market: 'CN', lines: [{ variantId: "'; DROP TABLE orders;--", quantity: 1 }] },
    ],
    ['quote: extra field', 'buyer', 'POST', '/api/v1/checkout/quotes', { market: 'CN', lines: [], price: 0 }],
    [
      'place: unknown quote',
      'buyer',
      'POST',
      `/api/v1/checkout/quotes/quo_${'a'.repeat(32)}/place`,
      { paymentMethod: 'pm_card_ok' },
    ],
    [
      'place: oversized method',
      'buyer',
      'POST',
      `/api/v1/checkout/quotes/quo_${'a'.repeat(32)}/place`,
      { paymentMethod: huge },
    ],
    ['order: unknown id', 'buyer', 'GET', `/api/v1/orders/ord_${'a'.repeat(32)}`, undefined],
    ['order: malformed id', 'buyer', 'GET', '/api/v1/orders/not-an-id', undefined],
    [
      'refund: unknown order',
      'buyer',
      'POST',
      `/api/v1/orders/ord_${'a'.repeat(32)}/refund`,
      { reason: 'x' },
    ],
    ['refund: empty reason', 'buyer', 'POST', `/api/v1/orders/ord_${'a'.repeat(32)}/refund`, { reason: '' }],
    [
      'onboard: bad EIN',
      'seller',
      'POST',
      '/api/v1/sellers',
      {
        legalName: 'A',
        ein: '00-1234567',
        usState: 'WI',
        city: 'X',
        employees: 1,
        isFarm: true,
        contact: { name: 'A', email: 'a@b.co', phone: '+1 715 555 0100' },
        description: { en: 'x' },
      },
    ],
    ['onboard: oversized name', 'seller', 'POST', '/api/v1/sellers', { legalName: huge }],
    [
      'onboard: negative employees',
      'seller',
      'POST',
      '/api/v1/sellers',
      {
        legalName: 'A',
        ein: '39-1234567',
        usState: 'WI',
        city: 'X',
        employees: -5,
        isFarm: true,
        contact: { name: 'A', email: 'a@b.co', phone: '+1 715 555 0100' },
        description: { en: 'x' },
      },
    ],
    ['fx: negative rate', 'admin', 'PUT', '/api/v1/admin/fx-rates/CNY', { rate: '-7.1', source: 'x' }],
    [
      'fx: float-looking garbage',
      'admin',
      'PUT',
      '/api/v1/admin/fx-rates/CNY',
      { rate: '7.1e3', source: 'x' },
    ],
    ['search: oversized query', 'buyer', 'GET', `/api/v1/search?q=${'x'.repeat(5000)}&locale=en`, undefined],
    ['search: bad page', 'buyer', 'GET', '/api/v1/search?q=rice&locale=en&page=-1', undefined],
    [
      'identity: bad ID number',
      'buyer',
      'PUT',
      '/api/v1/me/buyer-identities/CN',
      { realName: '李伟', idNumber: '12345' },
    ],
    [
      'register: malformed email',
      null,
      'POST',
      '/api/v1/auth/register',
      { email: 'not-an-email', password: 'correct horse battery', displayName: 'x' },
    ],
    [
      'webhook: unsigned',
      null,
      'POST',
      '/api/v1/payments/webhooks/sandbox',
      { id: 'evt_forged', type: 'charge.succeeded' },
    ],
  ])('%s', async (_name, who, method, url, body) => {
    const actor = who === 'buyer' ? buyer : who === 'admin' ? admin : who === 'seller' ? seller : null;
    const res = await h.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(actor ? { authorization: `Bearer ${actor.token}` } : {}),
        'idempotency-key': `input-${Math.random().toString(36).slice(2)}`,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    expect(res.headers['content-type'], res.body).toContain('application/problem+json');
    expect([res.statusCode, res.json().code], res.body).toEqual(EXPECTED.get(_name));
  });

  it('refuses a malformed JSON body and a body over 1 MiB', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/checkout/quotes',
      headers: { authorization: `Bearer ${buyer.token}`, 'content-type': 'application/json' },
      payload: '{"market": "CN", "lines": [',
    });
    expect(bad.statusCode).toBe(400);
    const big = await h.app.inject({
      method: 'POST',
      url: '/api/v1/checkout/quotes',
      headers: { authorization: `Bearer ${buyer.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ market: 'CN', lines: [], pad: 'x'.repeat(2_000_000) }),
    });
    expect(big.statusCode).toBe(413);
  });
});
