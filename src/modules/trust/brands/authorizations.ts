import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { conflict, invalid, notFound } from '../../../kernel/errors.ts';
import { isId, newId } from '../../../kernel/ids.ts';
import type { MarketCode } from '../../../kernel/locales.ts';
import { getBrand } from './brands.ts';
import { type AuthorizeSellerInput, AuthorizeSellerSchema } from './schemas.ts';

/** A brand owner's permission for one seller to sell the brand: which products, where, until when. */
export interface BrandAuthorization {
  id: string;
  brandId: string;
  sellerId: string;
  /** null: every product of the seller. */
  productIds: string[] | null;
  /** null: every market. */
  markets: MarketCode[] | null;
  validUntil: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  reason: string | null;
}

interface Row extends Record<string, unknown> {
  id: string;
  brand_id: string;
  seller_id: string;
  product_ids: string[] | null;
  markets: MarketCode[] | null;
  valid_until: Date | string | null;
  created_by: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  revoked_by: string | null;
  reason: string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toAuthorization(r: Row): BrandAuthorization {
  return {
    id: r.id,
    brandId: r.brand_id,
    sellerId: r.seller_id,
    productIds: r.product_ids,
    markets: r.markets,
    validUntil: iso(r.valid_until),
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
    reason: r.reason,
  };
}

/**
 * Whether one authorization lets its seller sell this product (in this market, when one is given)
 * at this instant: not revoked by then, not expired, the product and market in its scope.
 */
export function authorizationCovers(
  a: Pick<BrandAuthorization, 'productIds' | 'markets' | 'validUntil' | 'revokedAt'>,
  q: { productId: string; market?: MarketCode | null; at: Date },
): boolean {
  const t = q.at.getTime();
  if (a.revokedAt !== null && new Date(a.revokedAt).getTime() <= t) return false;
  if (a.validUntil !== null && new Date(a.validUntil).getTime() <= t) return false;
  if (a.productIds !== null && !a.productIds.includes(q.productId)) return false;
  if (q.market && a.markets !== null && !a.markets.includes(q.market)) return false;
  return true;
}

/** Grants an authorization. Refused for a rejected or suspended brand and for a past end. */
export async function authorizeSeller(
  tx: Db,
  clock: Clock,
  input: AuthorizeSellerInput & { brandId: string; actor: string },
): Promise<BrandAuthorization> {
  const { brandId, actor, ...rest } = input;
  const parsed = AuthorizeSellerSchema.safeParse(rest);
  if (!parsed.success) {
    throw invalid('trust.invalid_authorization', 'The authorization is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const a = parsed.data;
  const now = clock.now();
  if (a.validUntil && new Date(a.validUntil).getTime() <= now.getTime()) {
    throw invalid('trust.invalid_authorization', 'validUntil is in the past.', { validUntil: a.validUntil });
  }
  const brand = await getBrand(tx, brandId);
  if (brand.status === 'rejected' || brand.status === 'suspended') {
    throw conflict('trust.brand_not_active', `The brand is ${brand.status}.`, {
      brandId,
      status: brand.status,
    });
  }
  await lockSellerAuthorizations(tx, brand.id, a.sellerId);
  const productIds = a.productIds ? [...new Set(a.productIds)].sort() : null;
  const markets = a.markets ? [...new Set(a.markets)].sort() : null;
  const { rows } = await tx.execute<Row>(sql`
    INSERT INTO brand_authorizations (id, brand_id, seller_id, product_ids, markets, valid_until, created_by, created_at)
    VALUES (${newId('bau')}, ${brand.id}, ${a.sellerId},
            ${productIds ? sql`${sql.param(productIds)}::text[]` : sql`NULL`},
            ${markets ? sql`${sql.param(markets)}::text[]` : sql`NULL`},
            ${a.validUntil ? new Date(a.validUntil).toISOString() : null}, ${actor}, ${now.toISOString()})
    RETURNING *`);
  const auth = toAuthorization(rows[0]!);
  await recordAudit(tx, {
    actor,
    action: 'trust.brand_authorization_granted',
    subject: auth.id,
    detail: { brandId: brand.id, sellerId: a.sellerId, productIds, markets, validUntil: auth.validUntil },
  });
  return auth;
}

/**
 * Locks a seller's authorizations of a brand for the transaction. Every grant, revocation and
 * expiry takes it first: otherwise two revocations committing side by side would each see the
 * other's authorization still active, and neither would hide the listings.
 */
export async function lockSellerAuthorizations(tx: Db, brandId: string, sellerId: string): Promise<void> {
  await tx.execute(sql`
    SELECT id FROM brand_authorizations WHERE brand_id = ${brandId} AND seller_id = ${sellerId}
     ORDER BY id FOR UPDATE`);
}

/** Revokes an authorization of the brand (409 when already revoked). Hiding listings is the flow's job. */
export async function revokeAuthorization(
  tx: Db,
  clock: Clock,
  input: { brandId?: string; authorizationId: string; actor: string; reason: string },
): Promise<BrandAuthorization> {
  const found = await getAuthorization(tx, input.authorizationId);
  await lockSellerAuthorizations(tx, found.brandId, found.sellerId);
  const current = await getAuthorization(tx, input.authorizationId);
  if (input.brandId !== undefined && current.brandId !== input.brandId) {
    throw notFound('trust.authorization_not_found', 'No such authorization of this brand.', {
      authorizationId: input.authorizationId,
    });
  }
  if (current.revokedAt !== null) {
    throw conflict('trust.authorization_revoked', 'The authorization is already revoked.', {
      authorizationId: input.authorizationId,
    });
  }
  const { rows } = await tx.execute<Row>(sql`
    UPDATE brand_authorizations SET revoked_at = ${clock.now().toISOString()}, revoked_by = ${input.actor},
           reason = ${input.reason.slice(0, 500)}
     WHERE id = ${input.authorizationId} RETURNING *`);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'trust.brand_authorization_revoked',
    subject: input.authorizationId,
    detail: { brandId: current.brandId, sellerId: current.sellerId, reason: input.reason },
  });
  return toAuthorization(rows[0]!);
}

export async function getAuthorization(db: Db, authorizationId: string): Promise<BrandAuthorization> {
  const { rows } = isId('bau', authorizationId)
    ? await db.execute<Row>(sql`SELECT * FROM brand_authorizations WHERE id = ${authorizationId}`)
    : { rows: [] as Row[] };
  if (!rows[0]) {
    throw notFound('trust.authorization_not_found', 'No such authorization.', { authorizationId });
  }
  return toAuthorization(rows[0]);
}

/** A brand's authorizations, revoked and expired ones included, newest first. */
export async function listAuthorizations(
  db: Db,
  brandId: string,
  opts: { sellerId?: string } = {},
): Promise<BrandAuthorization[]> {
  const seller = opts.sellerId ? sql`AND seller_id = ${opts.sellerId}` : sql``;
  const { rows } = await db.execute<Row>(
    sql`SELECT * FROM brand_authorizations WHERE brand_id = ${brandId} ${seller} ORDER BY created_at DESC, id DESC`,
  );
  return rows.map(toAuthorization);
}

/** Every authorization a seller holds, of any brand, newest first. */
export async function sellerAuthorizations(db: Db, sellerId: string): Promise<BrandAuthorization[]> {
  const { rows } = await db.execute<Row>(
    sql`SELECT * FROM brand_authorizations WHERE seller_id = ${sellerId} ORDER BY created_at DESC, id DESC`,
  );
  return rows.map(toAuthorization);
}

/**
 * Whether the seller may sell the brand's product (in the market, when given) at `at`.
 * @example
 * await isSellerAuthorized(db, { brandId, sellerId, productId, market: 'CN', at: clock.now() });
 */
export async function isSellerAuthorized(
  db: Db,
  q: { brandId: string; sellerId: string; productId: string; market?: MarketCode | null; at: Date },
): Promise<boolean> {
  const auths = await listAuthorizations(db, q.brandId, { sellerId: q.sellerId });
  return auths.some((a) => authorizationCovers(a, q));
}

/**
 * The links (a seller's listing naming a brand) whose seller may not sell the brand's product (in
 * the market, when given) at `at`, in the order given: isSellerAuthorized for many links in one query.
 */
export async function unauthorizedBrandLinks<
  L extends { brandId: string; sellerId: string; productId: string },
>(db: Db, links: readonly L[], q: { market?: MarketCode | null; at: Date }): Promise<L[]> {
  if (links.length === 0) return [];
  const { rows } = await db.execute<Row>(sql`
    SELECT * FROM brand_authorizations
     WHERE (brand_id, seller_id) IN (
       SELECT * FROM unnest(${sql.param(links.map((l) => l.brandId))}::text[],
                            ${sql.param(links.map((l) => l.sellerId))}::text[]))`);
  const held = new Map<string, BrandAuthorization[]>();
  for (const a of rows.map(toAuthorization)) {
    const key = `${a.brandId} ${a.sellerId}`;
    held.set(key, [...(held.get(key) ?? []), a]);
  }
  return links.filter(
    (l) =>
      !(held.get(`${l.brandId} ${l.sellerId}`) ?? []).some((a) =>
        authorizationCovers(a, { productId: l.productId, market: q.market, at: q.at }),
      ),
  );
}

/**
 * Authorizations whose end has passed and whose listings the timer has not yet handled, locked so
 * two timers never handle the same one.
 */
export async function dueExpiredAuthorizations(
  tx: Db,
  clock: Clock,
  limit = 100,
): Promise<BrandAuthorization[]> {
  const { rows } = await tx.execute<Row>(sql`
    SELECT * FROM brand_authorizations
     WHERE revoked_at IS NULL AND valid_until IS NOT NULL AND expiry_handled_at IS NULL
       AND valid_until <= ${clock.now().toISOString()}
     ORDER BY valid_until, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
  return rows.map(toAuthorization);
}

export async function markExpiryHandled(tx: Db, clock: Clock, authorizationId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE brand_authorizations SET expiry_handled_at = ${clock.now().toISOString()} WHERE id = ${authorizationId}`);
  await recordAudit(tx, {
    actor: 'system',
    action: 'trust.brand_authorization_expired',
    subject: authorizationId,
  });
}
