import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { ROLES, type Role } from '../../kernel/access.ts';
import { invalid, notFound } from '../../kernel/errors.ts';
import { isId, type UserId } from '../../kernel/ids.ts';

/**
 * Only seller_staff is scoped (to a seller organisation, `sel_…`): a Principal carries the
 * sellerIds of its seller_staff roles and nothing else, so a scope on any other role would be
 * silently ignored by every check. Refusing it keeps grants meaning what they say.
 */
export function checkRoleScope(role: Role, scopeId: string | null | undefined): string | null {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw invalid('identity.unknown_role', `There is no role ${String(role)}.`, { role });
  }
  const scope = scopeId ?? null;
  if (role === 'seller_staff') {
    if (scope === null || !isId('sel', scope)) {
      throw invalid(
        'identity.invalid_role_scope',
        'The seller_staff role needs the seller organisation id (sel_…) as its scope.',
        {
          role,
        },
      );
    }
  } else if (scope !== null) {
    throw invalid('identity.invalid_role_scope', `The ${role} role is platform-wide and takes no scope.`, {
      role,
    });
  }
  return scope;
}

async function assertUserExists(tx: Db, userId: UserId): Promise<void> {
  const { rows } = await tx.execute(sql`SELECT 1 FROM users WHERE id = ${userId}`);
  if (rows.length === 0) throw notFound('identity.user_not_found', 'There is no such user.', { userId });
}

/** Grants a role; granting one the user already holds does nothing. Runs in the caller's transaction. */
export async function grantRole(tx: Db, userId: UserId, role: Role, scopeId?: string | null): Promise<void> {
  const scope = checkRoleScope(role, scopeId);
  await assertUserExists(tx, userId);
  await tx.execute(sql`INSERT INTO user_roles (user_id, role, scope_id, granted_at)
    VALUES (${userId}, ${role}, ${scope}, now())
    ON CONFLICT (user_id, role, scope_id) DO NOTHING`);
}

/** Revokes a role; revoking one the user does not hold does nothing. Runs in the caller's transaction. */
export async function revokeRole(tx: Db, userId: UserId, role: Role, scopeId?: string | null): Promise<void> {
  const scope = checkRoleScope(role, scopeId);
  await assertUserExists(tx, userId);
  await tx.execute(sql`DELETE FROM user_roles
    WHERE user_id = ${userId} AND role = ${role} AND scope_id IS NOT DISTINCT FROM ${scope}`);
}
