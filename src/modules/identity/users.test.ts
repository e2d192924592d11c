import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { UserId } from '../../kernel/ids.ts';
import type { IdentityDeps } from './deps.ts';
import { createUser, findUserByEmail, getUser, grantRole, login, revokeRole } from './index.ts';

describe('users and roles', () => {
  let db: Database;
  let deps: IdentityDeps;
  const seller = `sel_${'c'.repeat(32)}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    deps = {
      db: db.db,
      clock: new ManualClock('2026-11-24T00:00:00Z'),
      idEncryptionKey: Buffer.alloc(32, 5),
    };
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates a user, finds it by email in any case, and stores the password only as a scrypt hash', async () => {
    const user = await createUser(deps, {
      email: ' Farmer@Example.com ',
      password: 'ginseng-2026!',
      displayName: ' Wisconsin Farm ',
      roles: [],
    });
    expect(user).toMatchObject({
      email: 'Farmer@Example.com',
      displayName: 'Wisconsin Farm',
      roles: [],
      createdAt: '2026-11-24T00:00:00.000Z',
    });
    expect(await findUserByEmail(deps.db, 'FARMER@example.COM')).toEqual(user);
    expect(await getUser(deps.db, user.id)).toEqual(user);
    expect(await getUser(deps.db, `usr_${'0'.repeat(32)}` as UserId)).toBeNull();
    const { rows } = await deps.db.execute<{ password_hash: string }>(
      sql`SELECT password_hash FROM users WHERE id = ${user.id}`,
    );
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0]!.password_hash).not.toContain('ginseng');
    expect((await login(deps, { email: 'farmer@example.com', password: 'ginseng-2026!' })).user.id).toBe(
      user.id,
    );
  });

  it('refuses bad input with stable invalid codes', async () => {
    type Input = Parameters<typeof createUser>[1];
    const base: Input = { email: 'ok@example.com', password: 'long enough pw', displayName: 'Ok', roles: [] };
    // Roles arrive from outside (CLI, other modules) untyped at runtime, so unknown roles are tried too.
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'no-at-sign' }, 'identity.invalid_email'],
      [{ password: 'short' }, 'identity.weak_password'],
      [{ displayName: '  ' }, 'identity.invalid_display_name'],
      [{ displayName: 'x'.repeat(101) }, 'identity.invalid_display_name'],
      [{ roles: [{ role: 'seller_staff' }] }, 'identity.invalid_role_scope'],
      [{ roles: [{ role: 'auditor', scopeId: seller }] }, 'identity.invalid_role_scope'],
      [{ roles: [{ role: 'emperor' }] }, 'identity.unknown_role'],
    ];
    for (const [patch, code] of cases) {
      await expect(createUser(deps, { ...base, ...patch } as Input)).rejects.toMatchObject({
        kind: 'invalid',
        code,
      });
    }
    expect(await findUserByEmail(deps.db, 'ok@example.com')).toBeNull();
  });

  it('refuses a duplicate email even when created concurrently', async () => {
    const input = { email: 'race@example.com', password: 'long enough pw', displayName: 'R', roles: [] };
    const results = await Promise.allSettled([
      createUser(deps, input),
      createUser(deps, { ...input, email: 'RACE@example.com' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ kind: 'conflict', code: 'identity.email_taken' });
  });

  it('grants idempotently inside the caller’s transaction and revokes', async () => {
    const user = await createUser(deps, {
      email: 'staff@example.com',
      password: 'long enough pw',
      displayName: 'S',
      roles: [{ role: 'buyer' }],
    });
    await inTransaction(deps.db, async (tx) => {
      await grantRole(tx, user.id, 'seller_staff', seller);
      await grantRole(tx, user.id, 'seller_staff', seller);
      await grantRole(tx, user.id, 'auditor');
      await grantRole(tx, user.id, 'auditor', null);
    });
    expect((await getUser(deps.db, user.id))?.roles).toEqual([
      { role: 'auditor', scopeId: null },
      { role: 'buyer', scopeId: null },
      { role: 'seller_staff', scopeId: seller },
    ]);
    await inTransaction(deps.db, async (tx) => {
      await revokeRole(tx, user.id, 'auditor');
      await revokeRole(tx, user.id, 'seller_staff', seller);
      await revokeRole(tx, user.id, 'seller_staff', seller);
    });
    expect((await getUser(deps.db, user.id))?.roles).toEqual([{ role: 'buyer', scopeId: null }]);
  });

  it('rolls a grant back with the caller’s transaction', async () => {
    const user = await createUser(deps, {
      email: 'rollback@example.com',
      password: 'long enough pw',
      displayName: 'R',
      roles: [],
    });
    await expect(
      inTransaction(deps.db, async (tx) => {
        await grantRole(tx, user.id, 'seller_staff', seller);
        throw new Error('seller onboarding failed');
      }),
    ).rejects.toThrow('seller onboarding failed');
    expect((await getUser(deps.db, user.id))?.roles).toEqual([]);
  });

  it('refuses to grant to a user that does not exist', async () => {
    await expect(
      inTransaction(deps.db, (tx) => grantRole(tx, `usr_${'f'.repeat(32)}` as UserId, 'buyer')),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'identity.user_not_found' });
  });
});
