import { sql } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import { type ApiTokenId, isId, newId, type UserId } from '../../kernel/ids.ts';
import { forgetCredential } from './credential-cache.ts';
import type { IdentityDeps } from './deps.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** API tokens start with this, so they are recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'hl_';
export const API_TOKEN_NAME_MAX = 100;
export const API_TOKENS_PER_USER = 50;

/** Creates an API token. The token is returned this once; only its SHA-256 is stored. */
export async function createApiToken(
  deps: IdentityDeps,
  userId: UserId,
  name: string,
): Promise<{ id: ApiTokenId; token: string }> {
  const label = name.trim();
  if (label.length === 0 || label.length > API_TOKEN_NAME_MAX || /\p{Cc}/u.test(label)) {
    throw invalid(
      'identity.invalid_token_name',
      `A token name has 1 to ${API_TOKEN_NAME_MAX} printable characters.`,
    );
  }
  const id = newId('tok');
  const token = newSecret(API_TOKEN_PREFIX);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // The user row lock serialises concurrent creations, so the cap below holds.
    const user = await tx.execute(sql`SELECT 1 FROM users WHERE id = ${userId} FOR UPDATE`);
    if (user.rows.length === 0)
      throw notFound('identity.user_not_found', 'There is no such user.', { userId });
    const { rows } = await tx.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM api_tokens WHERE user_id = ${userId} AND revoked_at IS NULL`,
    );
    if ((rows[0]?.n ?? 0) >= API_TOKENS_PER_USER) {
      throw conflict(
        'identity.too_many_tokens',
        `A user may hold at most ${API_TOKENS_PER_USER} active API tokens.`,
      );
    }
    await tx.execute(sql`INSERT INTO api_tokens (id, user_id, name, token_hash, created_at)
      VALUES (${id}, ${userId}, ${label}, ${hashSecret(token)}, ${now})`);
    await recordAudit(tx, {
      actor: userId,
      action: 'identity.api_token_created',
      subject: id,
      detail: { name: label },
    });
  });
  return { id, token };
}

/** Revokes one of the user's tokens. Revoking it again is fine; another user's token is not found. */
export async function revokeApiToken(deps: IdentityDeps, userId: UserId, tokenId: string): Promise<void> {
  if (!isId('tok', tokenId)) throw notFound('identity.api_token_not_found', 'There is no such API token.');
  const now = deps.clock.now();
  const hash = await inTransaction(deps.db, async (tx) => {
    const { rows } = await tx.execute<{ token_hash: Buffer; was_revoked: boolean }>(sql`
      UPDATE api_tokens t SET revoked_at = COALESCE(t.revoked_at, ${now})
      FROM (SELECT id, revoked_at IS NOT NULL AS was_revoked FROM api_tokens WHERE id = ${tokenId} FOR UPDATE) old
      WHERE t.id = old.id AND t.user_id = ${userId}
      RETURNING t.token_hash, old.was_revoked`);
    const row = rows[0];
    if (!row) throw notFound('identity.api_token_not_found', 'There is no such API token.');
    if (!row.was_revoked)
      await recordAudit(tx, { actor: userId, action: 'identity.api_token_revoked', subject: tokenId });
    return row.token_hash;
  });
  forgetCredential(hash.toString('hex'));
}
