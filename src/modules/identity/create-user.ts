import { sql } from 'drizzle-orm';
import { emitEvent, recordAudit } from '../../db/audit.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Role } from '../../kernel/access.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { newId, type UserId } from '../../kernel/ids.ts';
import type { IdentityDeps } from './deps.ts';
import { checkRoleScope, grantRole } from './roles.ts';
import { hashPassword } from './secrets.ts';
import { emailKey, getUser, isPlausibleEmail, type UserView } from './users.ts';

export const PASSWORD_MIN = 10;
// scrypt accepts any length, but an unbounded password is free CPU for an attacker.
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MAX = 100;
export const ROLES_MAX = 20;

export interface CreateUserInput {
  email: string;
  password: string;
  displayName: string;
  roles: { role: Role; scopeId?: string | null }[];
}

function validate(input: CreateUserInput): { email: string; displayName: string } {
  const email = input.email.trim();
  if (!isPlausibleEmail(email)) throw invalid('identity.invalid_email', 'That is not an email address.');
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) {
    throw invalid('identity.weak_password', `A password has ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`);
  }
  const displayName = input.displayName.trim();
  if (displayName.length === 0 || displayName.length > DISPLAY_NAME_MAX || /\p{Cc}/u.test(displayName)) {
    throw invalid(
      'identity.invalid_display_name',
      `A display name has 1 to ${DISPLAY_NAME_MAX} printable characters.`,
    );
  }
  if (input.roles.length > ROLES_MAX) throw invalid('identity.too_many_roles', `At most ${ROLES_MAX} roles.`);
  for (const r of input.roles) checkRoleScope(r.role, r.scopeId);
  return { email, displayName };
}

/** Creates a user with the given roles. The email is unique regardless of case. */
export async function createUser(
  deps: IdentityDeps,
  input: CreateUserInput,
  actor: UserId | null = null,
): Promise<UserView> {
  const { email, displayName } = validate(input);
  // Hash outside the transaction: it takes tens of milliseconds and needs no row locks.
  const passwordHash = await hashPassword(input.password);
  const id = newId('usr');
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const inserted =
      await tx.execute(sql`INSERT INTO users (id, email, email_key, display_name, password_hash, created_at, updated_at)
      VALUES (${id}, ${email}, ${emailKey(email)}, ${displayName}, ${passwordHash}, ${now}, ${now})
      ON CONFLICT (email_key) DO NOTHING RETURNING id`);
    if (inserted.rows.length === 0) {
      throw conflict('identity.email_taken', 'An account with this email already exists.');
    }
    for (const r of input.roles) await grantRole(tx, id, r.role, r.scopeId);
    await recordAudit(tx, {
      actor,
      action: 'identity.user_created',
      subject: id,
      detail: { roles: input.roles.map((r) => ({ role: r.role, scopeId: r.scopeId ?? null })) },
    });
    await emitEvent(tx, 'identity.user_created', id, { userId: id });
  });
  const view = await getUser(deps.db, id);
  if (!view) throw new Error(`user ${id} vanished right after it was created`);
  return view;
}
