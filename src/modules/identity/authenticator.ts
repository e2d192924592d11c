import { sql } from 'drizzle-orm';
import type { Principal, Role } from '../../kernel/access.ts';
import type { SellerId, UserId } from '../../kernel/ids.ts';
import { API_TOKEN_PREFIX } from './api-tokens.ts';
import { CACHE_TTL_MS, CredentialCache } from './credential-cache.ts';
import type { IdentityDeps } from './deps.ts';
import { pgTime } from './pg-time.ts';
import { hashSecret } from './secrets.ts';
import { SESSION_TOUCH_MS, slidingExpiry } from './sessions.ts';

// Real tokens are 43 (session) or 46 (API) characters; anything far longer is not worth hashing.
const TOKEN_MAX = 256;

interface CredentialRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  created_at: string | Date;
  touched_at: string | Date | null;
  role: Role | null;
  scope_id: string | null;
}

function toPrincipal(rows: CredentialRow[]): Principal {
  const roles = new Set<Role>();
  const sellerIds: SellerId[] = [];
  for (const r of rows) {
    if (!r.role) continue;
    roles.add(r.role);
    if (r.role === 'seller_staff' && r.scope_id) sellerIds.push(r.scope_id as SellerId);
  }
  return { userId: rows[0]!.user_id as UserId, roles: [...roles], sellerIds };
}

async function resolveSession(deps: IdentityDeps, hash: Buffer): Promise<Principal | null> {
  const now = deps.clock.now();
  const { rows } = await deps.db.execute<CredentialRow>(sql`
    SELECT s.id, s.user_id, s.created_at, s.last_seen_at AS touched_at, r.role, r.scope_id
    FROM sessions s LEFT JOIN user_roles r ON r.user_id = s.user_id
    WHERE s.token_hash = ${hash} AND s.expires_at > ${now}`);
  const first = rows[0];
  if (!first) return null;
  if (
    now.getTime() - (first.touched_at === null ? 0 : pgTime(first.touched_at).getTime()) >=
    SESSION_TOUCH_MS
  ) {
    await deps.db.execute(sql`UPDATE sessions SET last_seen_at = ${now}, expires_at = ${slidingExpiry(pgTime(first.created_at), now)}
      WHERE id = ${first.id}`);
  }
  return toPrincipal(rows);
}

async function resolveApiToken(deps: IdentityDeps, hash: Buffer): Promise<Principal | null> {
  const now = deps.clock.now();
  const { rows } = await deps.db.execute<CredentialRow>(sql`
    SELECT t.id, t.user_id, t.created_at, t.last_used_at AS touched_at, r.role, r.scope_id
    FROM api_tokens t LEFT JOIN user_roles r ON r.user_id = t.user_id
    WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL`);
  const first = rows[0];
  if (!first) return null;
  if (
    now.getTime() - (first.touched_at === null ? 0 : pgTime(first.touched_at).getTime()) >=
    SESSION_TOUCH_MS
  ) {
    await deps.db.execute(sql`UPDATE api_tokens SET last_used_at = ${now} WHERE id = ${first.id}`);
  }
  return toPrincipal(rows);
}

/**
 * Resolves a session cookie or a bearer token (an API token `hl_…`, or a session token sent as
 * bearer by non-browser clients) to a Principal, or null. A bearer token wins over the cookie.
 * Results are cached for at most `ttlMs` (2 s), so revocation and role changes reach every
 * process within that time.
 */
export function authenticator(
  deps: IdentityDeps,
  options: { ttlMs?: number } = {},
): (credentials: { sessionToken?: string; bearerToken?: string }) => Promise<Principal | null> {
  const cache = new CredentialCache(deps.clock, Math.min(options.ttlMs ?? CACHE_TTL_MS, CACHE_TTL_MS));
  return async ({ sessionToken, bearerToken }) => {
    const token = bearerToken || sessionToken;
    if (!token || token.length > TOKEN_MAX) return null;
    const hash = hashSecret(token);
    const key = hash.toString('hex');
    const hit = cache.get(key);
    if (hit) return hit.principal;
    const principal = token.startsWith(API_TOKEN_PREFIX)
      ? await resolveApiToken(deps, hash)
      : await resolveSession(deps, hash);
    cache.set(key, principal);
    return principal;
  };
}
