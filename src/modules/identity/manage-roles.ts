import { recordAudit } from '../../db/audit.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Role } from '../../kernel/access.ts';
import { conflict } from '../../kernel/errors.ts';
import type { UserId } from '../../kernel/ids.ts';
import type { IdentityDeps } from './deps.ts';
import { grantRole, revokeRole } from './roles.ts';
import { getUser, type UserView } from './users.ts';

/** An administrator grants or revokes a role, audited under the administrator's name. */
export async function changeRole(
  deps: IdentityDeps,
  actor: UserId,
  change: { userId: UserId; role: Role; scopeId: string | null; grant: boolean },
): Promise<UserView> {
  if (!change.grant && change.userId === actor && change.role === 'platform_admin') {
    // The last administrator revoking themself would leave nobody able to grant it back.
    throw conflict(
      'identity.cannot_revoke_own_admin',
      'Administrators cannot revoke their own platform_admin role.',
    );
  }
  await inTransaction(deps.db, async (tx) => {
    if (change.grant) await grantRole(tx, change.userId, change.role, change.scopeId);
    else await revokeRole(tx, change.userId, change.role, change.scopeId);
    await recordAudit(tx, {
      actor,
      action: change.grant ? 'identity.role_granted' : 'identity.role_revoked',
      subject: change.userId,
      detail: { role: change.role, scopeId: change.scopeId },
    });
  });
  const user = await getUser(deps.db, change.userId);
  if (!user) throw new Error(`user ${change.userId} vanished while its roles changed`);
  return user;
}
