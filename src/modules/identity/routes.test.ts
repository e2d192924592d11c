import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { type App, createApp } from '../../http/app.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { IdentityDeps } from './deps.ts';
import { authenticator, createUser, identityRoutes } from './index.ts';

const KEY = Buffer.alloc(32, 7);

describe('identity over HTTP', () => {
  let db: Database;
  let app: App;
  let deps: IdentityDeps;
  const clock = new ManualClock();
  let adminToken: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    deps = { db: db.db, clock, idEncryptionKey: KEY };
    app = await createApp({
      pool: db.pool,
      authenticate: authenticator(deps),
      routes: [identityRoutes(deps)],
    });
    await createUser(deps, {
      email: 'admin@heartland.example',
      password: 'admin-password-1',
      displayName: 'Admin',
      roles: [{ role: 'platform_admin' }],
    });
    adminToken = await signIn('admin@heartland.example', 'admin-password-1');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const register = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
  const cookieOf = (r: { cookies: { name: string; value: string }[] }) =>
    r.cookies.find((c) => c.name === 'heartland_session')?.value;
  async function signIn(email: string, password: string): Promise<string> {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, returnToken: true },
    });
    expect(r.statusCode).toBe(200);
    return r.json().sessionToken;
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('registers a buyer, sets an HttpOnly session cookie, and GET /me answers with it', async () => {
    const r = await register({ email: 'Mei@Example.com', password: 'correct horse', displayName: '李梅' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      email: 'Mei@Example.com',
      displayName: '李梅',
      roles: [{ role: 'buyer', scopeId: null }],
    });
    const cookie = r.cookies.find((c) => c.name === 'heartland_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { heartland_session: cookie.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(r.json().id);
  });

  it('refuses a second account for the same email in any case with 409', async () => {
    await register({ email: 'dup@example.com', password: 'long enough pw', displayName: 'A' });
    const r = await register({ email: 'DUP@example.COM', password: 'long enough pw', displayName: 'B' });
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().code).toBe('identity.email_taken');
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    await register({ email: 'pw@example.com', password: 'the right one', displayName: 'P' });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'pw@example.com', password: 'the wrong one' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'the right one' },
    });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({
        code: 'identity.invalid_credentials',
        detail: 'The email or password is wrong.',
      });
      expect(cookieOf(r)).toBeUndefined();
    }
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'PW@example.com', password: 'the right one' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().sessionToken).toBeUndefined(); // only on request: browsers keep it in the HttpOnly cookie
    expect(cookieOf(right)).toBeTruthy();
  });

  it.each([
    ['a malformed email', { email: 'not-an-email', password: 'long enough pw', displayName: 'X' }],
    ['a short password', { email: 'short@example.com', password: 'short', displayName: 'X' }],
    [
      'a 10 KB display name',
      { email: 'big@example.com', password: 'long enough pw', displayName: 'x'.repeat(10_240) },
    ],
    [
      'an extra field',
      { email: 'extra@example.com', password: 'long enough pw', displayName: 'X', roles: ['platform_admin'] },
    ],
    ['a blank display name', { email: 'blank@example.com', password: 'long enough pw', displayName: '   ' }],
    ['a number for the email', { email: 42, password: 'long enough pw', displayName: 'X' }],
  ])('answers registration with %s with 400 problem+json', async (_label, payload) => {
    const r = await register(payload);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().code).toBe('request.invalid');
  });

  it('stops password guessing: ten failures lock sign-in for 15 minutes, even with the right password', async () => {
    await register({ email: 'guessed@example.com', password: 'the real password', displayName: 'G' });
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'guessed@example.com', password },
      });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong guess ${i}`)).statusCode).toBe(401);
    const locked = await attempt('the real password');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'identity.too_many_attempts' });
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(0);
    clock.advance(15 * 60_000 + 1000);
    expect((await attempt('the real password')).statusCode).toBe(200);
    // A success clears the count.
    expect((await attempt('one more wrong guess')).statusCode).toBe(401);
    expect((await attempt('the real password')).statusCode).toBe(200);
  });

  it('answers oversized or extra login fields with 400', async () => {
    for (const payload of [
      { email: 'a@b.co', password: 'x'.repeat(10_000) },
      { email: 'a@b.co', password: 'whatever pw', admin: true },
    ]) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(r.statusCode).toBe(400);
    }
  });

  it('signs out: the session no longer works and the cookie is cleared', async () => {
    const r = await register({ email: 'out@example.com', password: 'long enough pw', displayName: 'O' });
    const token = cookieOf(r)!;
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { heartland_session: token },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'heartland_session')?.value).toBe('');
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { heartland_session: token } });
    expect(me.statusCode).toBe(401);
  });

  it('creates an API token that works as a bearer, and revoked it stops working', async () => {
    const session = cookieOf(
      await register({ email: 'tok@example.com', password: 'long enough pw', displayName: 'T' }),
    )!;
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/me/api-tokens',
      cookies: { heartland_session: session },
      payload: { name: 'inventory sync' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^hl_[A-Za-z0-9_-]{43}$/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(
      200,
    );

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/api-tokens/${id}`,
      headers: bearer(token),
    });
    expect(revoked.statusCode).toBe(204);
    // Revoked in this process, so the authenticator's cache forgets it at once (other processes: ≤ 2 s).
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.invalid_token');
  });

  it("does not let a user revoke another user's token", async () => {
    const a = cookieOf(
      await register({ email: 'ta@example.com', password: 'long enough pw', displayName: 'A' }),
    )!;
    const b = cookieOf(
      await register({ email: 'tb@example.com', password: 'long enough pw', displayName: 'B' }),
    )!;
    const t = await app.inject({
      method: 'POST',
      url: '/api/v1/me/api-tokens',
      cookies: { heartland_session: a },
      payload: { name: 'a' },
    });
    const r = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/api-tokens/${t.json().id}`,
      cookies: { heartland_session: b },
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('identity.api_token_not_found');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(t.json().token) })).statusCode,
    ).toBe(200);
  });

  it('saves and reads back the buyer identity, masked, and refuses an invalid number with 422', async () => {
    const s = cookieOf(
      await register({ email: 'cn@example.com', password: 'long enough pw', displayName: 'C' }),
    )!;
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/buyer-identities/CN',
      cookies: { heartland_session: s },
      payload: { realName: '王小明', idNumber: '11010519491231002x' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      market: 'CN',
      realName: '王小明',
      idNumberMasked: '1101**********002X',
    });
    expect(put.body).not.toContain('19491231');
    const get = await app.inject({
      method: 'GET',
      url: '/api/v1/me/buyer-identities/CN',
      cookies: { heartland_session: s },
    });
    expect(get.json()).toEqual(put.json());

    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/buyer-identities/CN',
      cookies: { heartland_session: s },
      payload: { realName: '王小明', idNumber: '310101199001011235' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('identity.invalid_id_number');
    const otherMarket = await app.inject({
      method: 'GET',
      url: '/api/v1/me/buyer-identities/JP',
      cookies: { heartland_session: s },
    });
    expect(otherMarket.statusCode).toBe(400);
  });

  it('answers GET of a missing buyer identity with 404', async () => {
    const s = cookieOf(
      await register({ email: 'none@example.com', password: 'long enough pw', displayName: 'N' }),
    )!;
    const r = await app.inject({
      method: 'GET',
      url: '/api/v1/me/buyer-identities/CN',
      cookies: { heartland_session: s },
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('identity.buyer_identity_not_found');
  });

  it('lets an admin create a seller_staff user and grant and revoke roles', async () => {
    const seller = `sel_${'a'.repeat(32)}`;
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: bearer(adminToken),
      payload: {
        email: 'staff@farm.example',
        password: 'long enough pw',
        displayName: 'Staff',
        roles: [{ role: 'seller_staff', scopeId: seller }],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const granted = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${id}/roles`,
      headers: bearer(adminToken),
      payload: { role: 'trust_agent' },
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual([
      { role: 'seller_staff', scopeId: seller },
      { role: 'trust_agent', scopeId: null },
    ]);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${id}/roles/seller_staff?scopeId=${seller}`,
      headers: bearer(adminToken),
    });
    expect(revoked.json().roles).toEqual([{ role: 'trust_agent', scopeId: null }]);

    const badScope = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${id}/roles`,
      headers: bearer(adminToken),
      payload: { role: 'seller_staff' },
    });
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json().code).toBe('identity.invalid_role_scope');
    const unknownUser = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/usr_${'0'.repeat(32)}/roles`,
      headers: bearer(adminToken),
      payload: { role: 'auditor' },
    });
    expect(unknownUser.statusCode).toBe(404);
  });

  it('refuses every identity route to a caller lacking the role with 403', async () => {
    const buyerSession = cookieOf(
      await register({ email: 'plain-buyer@example.com', password: 'long enough pw', displayName: 'B' }),
    )!;
    const auditor = await createUser(deps, {
      email: 'audit@example.com',
      password: 'long enough pw',
      displayName: 'Au',
      roles: [{ role: 'auditor' }],
    });
    const auditorToken = await signIn('audit@example.com', 'long enough pw');
    const anyUser = `usr_${'1'.repeat(32)}`;
    const adminRoutes = [
      {
        method: 'POST',
        url: '/api/v1/admin/users',
        payload: { email: 'x@example.com', password: 'long enough pw', displayName: 'X', roles: [] },
      },
      { method: 'POST', url: `/api/v1/admin/users/${anyUser}/roles`, payload: { role: 'platform_admin' } },
      { method: 'DELETE', url: `/api/v1/admin/users/${auditor.id}/roles/auditor` },
    ] as const;
    const buyerRoutes = [
      {
        method: 'PUT',
        url: '/api/v1/me/buyer-identities/CN',
        payload: { realName: '王小明', idNumber: '11010519491231002X' },
      },
      { method: 'GET', url: '/api/v1/me/buyer-identities/CN' },
    ] as const;
    for (const route of adminRoutes) {
      const r = await app.inject({ ...route, cookies: { heartland_session: buyerSession } });
      expect(r.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(r.json().code).toBe('auth.forbidden');
    }
    for (const route of buyerRoutes) {
      const r = await app.inject({ ...route, headers: bearer(auditorToken) });
      expect(r.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    // And the signed-in-only routes refuse anonymous callers.
    for (const route of [
      { method: 'GET', url: '/api/v1/me' },
      { method: 'POST', url: '/api/v1/auth/logout' },
      { method: 'POST', url: '/api/v1/me/api-tokens', payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/v1/me/api-tokens/tok_${'0'.repeat(32)}` },
    ] as const) {
      expect((await app.inject(route)).statusCode, `${route.method} ${route.url}`).toBe(401);
    }
    // The refused grant did not happen.
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(auditorToken) });
    expect(me.json().roles).toEqual([{ role: 'auditor', scopeId: null }]);
  });

  it('does not let an administrator revoke their own platform_admin role', async () => {
    const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(adminToken) })).json();
    const r = await app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${me.id}/roles/platform_admin`,
      headers: bearer(adminToken),
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('identity.cannot_revoke_own_admin');
  });
  it('documents every identity route in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/me',
        '/api/v1/me/api-tokens',
        '/api/v1/me/api-tokens/{id}',
        '/api/v1/me/buyer-identities/{market}',
        '/api/v1/admin/users',
        '/api/v1/admin/users/{id}/roles',
        '/api/v1/admin/users/{id}/roles/{role}',
      ]),
    );
  });
});
