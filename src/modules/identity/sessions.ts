import { sql } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.ts';
import { DomainError } from '../../kernel/errors.ts';
import { newId, type UserId } from '../../kernel/ids.ts';
import { forgetCredential } from './credential-cache.ts';
import type { IdentityDeps } from './deps.ts';
import { assertNotThrottled, clearFailures, recordFailure } from './login-throttle.ts';
import { dummyPasswordHash, hashSecret, newSecret, verifyPassword } from './secrets.ts';
import { emailKey, getUser, type UserView } from './users.ts';

/** The cookie that carries the session token. src/http reads the same name. */
export const SESSION_COOKIE = 'heartland_session';
/** Sliding: each use (at most once per SESSION_TOUCH_MS) pushes expiry this far ahead… */
export const SESSION_IDLE_MS = 14 * 86_400_000;
/** …but never beyond this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 90 * 86_400_000;
/** Writing on every request would turn each read into a write; an hour's precision is plenty. */
export const SESSION_TOUCH_MS = 3_600_000;

export function slidingExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS));
}

const invalidCredentials = () =>
  new DomainError('unauthenticated', 'identity.invalid_credentials', 'The email or password is wrong.');

/** Signs in with email and password; the session token is returned once and only its hash is stored. */
export async function login(
  deps: IdentityDeps,
  input: { email: string; password: string },
): Promise<{ sessionToken: string; expiresAt: Date; user: UserView }> {
  const key = emailKey(input.email);
  const now = deps.clock.now();
  await assertNotThrottled(deps.db, key, now);
  const { rows } = await deps.db.execute<{ id: string; password_hash: string }>(
    sql`SELECT id, password_hash FROM users WHERE email_key = ${key}`,
  );
  const row = rows[0];
  const ok = await verifyPassword(input.password, row?.password_hash ?? (await dummyPasswordHash()));
  if (!row || !ok) {
    // Unknown emails count too, so the throttle does not reveal which accounts exist.
    await recordFailure(deps.db, key, now);
    throw invalidCredentials();
  }
  await clearFailures(deps.db, key);

  const session = await startSession(deps, row.id as UserId);
  const user = await getUser(deps.db, row.id as UserId);
  if (!user) throw invalidCredentials(); // deleted between the two reads
  return { ...session, user };
}

/** Opens a session for a user whose credentials were just checked (sign-in, registration). */
export async function startSession(
  deps: IdentityDeps,
  userId: UserId,
): Promise<{ sessionToken: string; expiresAt: Date }> {
  const sessionToken = newSecret();
  const now = deps.clock.now();
  const expiresAt = slidingExpiry(now, now);
  await inTransaction(deps.db, async (tx) => {
    // Sweep this user's dead sessions while we are here, so the table does not grow forever.
    await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${userId} AND expires_at <= ${now}`);
    await tx.execute(sql`INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
      VALUES (${newId('ses')}, ${userId}, ${hashSecret(sessionToken)}, ${now}, ${now}, ${expiresAt})`);
  });
  return { sessionToken, expiresAt };
}

/** Ends a session. Unknown or already-ended tokens are fine: signing out twice is not an error. */
export async function logout(deps: IdentityDeps, sessionToken: string): Promise<void> {
  const hash = hashSecret(sessionToken);
  await deps.db.execute(sql`DELETE FROM sessions WHERE token_hash = ${hash}`);
  forgetCredential(hash.toString('hex'));
}
