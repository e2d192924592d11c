import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { SellerId } from '../../kernel/ids.ts';
import type { IdentityDeps } from './deps.ts';
import {
  authenticator,
  createApiToken,
  createUser,
  grantRole,
  login,
  logout,
  revokeApiToken,
} from './index.ts';

describe('authenticator', () => {
  let db: Database;
  let deps: IdentityDeps;
  const clock = new ManualClock('2026-11-24T00:00:00Z');
  let n = 0;
  const newUser = () =>
    createUser(deps, {
      email: `u${++n}@example.com`,
      password: 'long enough pw',
      displayName: `U${n}`,
      roles: [{ role: 'buyer' }],
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    deps = { db: db.db, clock, idEncryptionKey: Buffer.alloc(32, 1) };
  });
  afterAll(async () => {
    await db.close();
  });

  it('resolves a session to the principal with its roles and seller ids', async () => {
    const user = await newUser();
    const seller = `sel_${'b'.repeat(32)}` as SellerId;
    await inTransaction(deps.db, (tx) => grantRole(tx, user.id, 'seller_staff', seller));
    const { sessionToken } = await login(deps, { email: user.email, password: 'long enough pw' });
    const principal = await authenticator(deps)({ sessionToken });
    expect(principal).toEqual({
      userId: user.id,
      roles: expect.arrayContaining(['buyer', 'seller_staff']),
      sellerIds: [seller],
    });
    expect(principal?.roles).toHaveLength(2);
  });

  it('answers unknown, oversized and absent credentials with null', async () => {
    const auth = authenticator(deps);
    expect(await auth({})).toBeNull();
    expect(await auth({ sessionToken: 'nope' })).toBeNull();
    expect(await auth({ bearerToken: 'hl_nope' })).toBeNull();
    expect(await auth({ bearerToken: 'x'.repeat(5000) })).toBeNull();
  });

  it('accepts a session token sent as a bearer token, and prefers the bearer over the cookie', async () => {
    const a = await newUser();
    const b = await newUser();
    const sa = await login(deps, { email: a.email, password: 'long enough pw' });
    const tb = await createApiToken(deps, b.id, 'cli');
    const auth = authenticator(deps);
    expect((await auth({ bearerToken: sa.sessionToken }))?.userId).toBe(a.id);
    expect((await auth({ sessionToken: sa.sessionToken, bearerToken: tb.token }))?.userId).toBe(b.id);
  });

  it('stores only hashes of session and API tokens', async () => {
    const user = await newUser();
    const { sessionToken } = await login(deps, { email: user.email, password: 'long enough pw' });
    const { token } = await createApiToken(deps, user.id, 'ci');
    const { rows } = await deps.db.execute<{ dump: string }>(sql`
      SELECT (SELECT string_agg(t::text, '|') FROM sessions t WHERE user_id = ${user.id}) || '|' ||
             (SELECT string_agg(t::text, '|') FROM api_tokens t WHERE user_id = ${user.id}) AS dump`);
    expect(rows[0]!.dump).not.toContain(sessionToken);
    expect(rows[0]!.dump).not.toContain(token);
    expect(rows[0]!.dump).not.toContain(Buffer.from(token).toString('hex'));
  });

  it('keeps honouring a credential revoked by another process for at most 2 seconds', async () => {
    const user = await newUser();
    const { token } = await createApiToken(deps, user.id, 'sync');
    const auth = authenticator(deps);
    expect((await auth({ bearerToken: token }))?.userId).toBe(user.id);
    // Another process revokes it: this process's cache is not told.
    await deps.db.execute(sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${user.id}`);
    clock.advance(1_999);
    expect((await auth({ bearerToken: token }))?.userId).toBe(user.id);
    clock.advance(2);
    expect(await auth({ bearerToken: token })).toBeNull();
  });

  it('forgets a credential revoked or signed out in this process at once', async () => {
    const user = await newUser();
    const { id, token } = await createApiToken(deps, user.id, 'sync');
    const { sessionToken } = await login(deps, { email: user.email, password: 'long enough pw' });
    const auth = authenticator(deps);
    expect(await auth({ bearerToken: token })).not.toBeNull();
    expect(await auth({ sessionToken })).not.toBeNull();
    await revokeApiToken(deps, user.id, id);
    await revokeApiToken(deps, user.id, id); // again: still fine
    await logout(deps, sessionToken);
    expect(await auth({ bearerToken: token })).toBeNull();
    expect(await auth({ sessionToken })).toBeNull();
  });

  it('sees a role granted elsewhere once the cache entry expires', async () => {
    const user = await newUser();
    const { sessionToken } = await login(deps, { email: user.email, password: 'long enough pw' });
    const auth = authenticator(deps);
    expect((await auth({ sessionToken }))?.roles).toEqual(['buyer']);
    await inTransaction(deps.db, (tx) => grantRole(tx, user.id, 'auditor'));
    clock.advance(2_001);
    expect((await auth({ sessionToken }))?.roles).toEqual(expect.arrayContaining(['buyer', 'auditor']));
  });

  it('slides the session expiry with use, and ends it after 14 idle days', async () => {
    const user = await newUser();
    const { sessionToken, expiresAt } = await login(deps, { email: user.email, password: 'long enough pw' });
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(14 * 86_400_000);
    const auth = authenticator(deps);
    clock.advanceDays(10);
    expect(await auth({ sessionToken })).not.toBeNull(); // used on day 10: now good until day 24
    clock.advanceDays(10);
    expect(await auth({ sessionToken })).not.toBeNull(); // day 20
    clock.advanceDays(14);
    expect(await auth({ sessionToken })).toBeNull(); // day 34: idle for 14 days
  });

  it('ends a session 90 days after sign-in however often it is used', async () => {
    const user = await newUser();
    const { sessionToken } = await login(deps, { email: user.email, password: 'long enough pw' });
    const auth = authenticator(deps);
    for (let day = 10; day < 90; day += 10) {
      clock.advanceDays(10);
      expect(await auth({ sessionToken }), `day ${day}`).not.toBeNull();
    }
    clock.advanceDays(10);
    expect(await auth({ sessionToken })).toBeNull();
  });
});
