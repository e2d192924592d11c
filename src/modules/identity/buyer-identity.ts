import { sql } from 'drizzle-orm';
import { recordAudit } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { notFound, unprocessable } from '../../kernel/errors.ts';
import { type BuyerIdentityId, newId, type UserId } from '../../kernel/ids.ts';
import type { IdentityDeps } from './deps.ts';
import { decryptIdNumber, encryptIdNumber, idNumberHmac } from './id-cipher.ts';
import { pgTime } from './pg-time.ts';
import { isValidPrcIdNumber, maskPrcIdNumber } from './prc-id-number.ts';

export type BuyerIdentityMarket = 'CN';

export interface BuyerIdentityView {
  id: BuyerIdentityId;
  userId: UserId;
  market: BuyerIdentityMarket;
  realName: string;
  /** First 4 and last 4 characters, e.g. '1101**********002X'. The full number never leaves the module's reveal. */
  idNumberMasked: string;
  verifiedAt: string;
}

export const REAL_NAME_MAX = 50;
// Han names, and minority or foreign-born names written with a middle dot (买买提·艾力).
const REAL_NAME_RE = /^[\p{L}\p{M}][\p{L}\p{M} ·•・.'-]*$/u;

interface Row extends Record<string, unknown> {
  id: string;
  user_id: string;
  market: BuyerIdentityMarket;
  real_name: string;
  id_number_first4: string;
  id_number_last4: string;
  verified_at: string | Date;
}

const toView = (r: Row): BuyerIdentityView => ({
  id: r.id as BuyerIdentityId,
  userId: r.user_id as UserId,
  market: r.market,
  realName: r.real_name,
  idNumberMasked: maskPrcIdNumber(r.id_number_first4, r.id_number_last4),
  verifiedAt: pgTime(r.verified_at).toISOString(),
});

/** Binds a ciphertext to its owner and market (GCM associated data). */
const aad = (userId: string, market: string) => `buyer-identity:${userId}:${market}`;

/**
 * Saves (or replaces) the buyer's real-name identity for a market. The number is checked (check
 * character, birth date), then stored encrypted with a lookup HMAC and the display fragments.
 */
export async function saveBuyerIdentity(
  deps: IdentityDeps,
  userId: UserId,
  input: { market: BuyerIdentityMarket; realName: string; idNumber: string },
): Promise<BuyerIdentityView> {
  const realName = input.realName.normalize('NFC').trim();
  if (realName.length === 0 || realName.length > REAL_NAME_MAX || !REAL_NAME_RE.test(realName)) {
    throw unprocessable('identity.invalid_real_name', 'Give the real name as written on the identity card.');
  }
  const idNumber = input.idNumber.trim().toUpperCase();
  const now = deps.clock.now();
  if (!isValidPrcIdNumber(idNumber, now)) {
    throw unprocessable(
      'identity.invalid_id_number',
      'That is not a valid 18-character resident identity number: check the birth date and the last character.',
    );
  }
  const ciphertext = encryptIdNumber(deps.idEncryptionKey, idNumber, aad(userId, input.market));
  const hmac = idNumberHmac(deps.idEncryptionKey, idNumber);
  return inTransaction(deps.db, async (tx) => {
    const user = await tx.execute(sql`SELECT 1 FROM users WHERE id = ${userId}`);
    if (user.rows.length === 0)
      throw notFound('identity.user_not_found', 'There is no such user.', { userId });
    const { rows } = await tx.execute<Row>(sql`
      INSERT INTO buyer_identities (id, user_id, market, real_name, id_number_ciphertext, id_number_hmac,
        id_number_first4, id_number_last4, verified_at, created_at, updated_at)
      VALUES (${newId('bid')}, ${userId}, ${input.market}, ${realName}, ${ciphertext}, ${hmac},
        ${idNumber.slice(0, 4)}, ${idNumber.slice(-4)}, ${now}, ${now}, ${now})
      ON CONFLICT (user_id, market) DO UPDATE SET
        real_name = EXCLUDED.real_name, id_number_ciphertext = EXCLUDED.id_number_ciphertext,
        id_number_hmac = EXCLUDED.id_number_hmac, id_number_first4 = EXCLUDED.id_number_first4,
        id_number_last4 = EXCLUDED.id_number_last4, verified_at = EXCLUDED.verified_at, updated_at = EXCLUDED.updated_at
      RETURNING id, user_id, market, real_name, id_number_first4, id_number_last4, verified_at`);
    const row = rows[0]!;
    await recordAudit(tx, {
      actor: userId,
      action: 'identity.buyer_identity_saved',
      subject: row.id,
      detail: { market: input.market },
    });
    return toView(row);
  });
}

export async function getBuyerIdentity(
  db: Db,
  userId: UserId,
  market: BuyerIdentityMarket,
): Promise<BuyerIdentityView | null> {
  const { rows } = await db.execute<Row>(sql`
    SELECT id, user_id, market, real_name, id_number_first4, id_number_last4, verified_at
    FROM buyer_identities WHERE user_id = ${userId} AND market = ${market}`);
  return rows[0] ? toView(rows[0]) : null;
}

/**
 * The full identity, decrypted, for the customs order record (CEB311 buyerIdNumber). Only flows
 * call this; no route returns it. Every reveal is audited.
 */
export async function revealBuyerIdentity(
  deps: IdentityDeps,
  userId: UserId,
  market: BuyerIdentityMarket,
): Promise<{ realName: string; idNumber: string } | null> {
  const { rows } = await deps.db.execute<{ id: string; real_name: string; id_number_ciphertext: Buffer }>(sql`
    SELECT id, real_name, id_number_ciphertext FROM buyer_identities WHERE user_id = ${userId} AND market = ${market}`);
  const row = rows[0];
  if (!row) return null;
  const idNumber = decryptIdNumber(deps.idEncryptionKey, row.id_number_ciphertext, aad(userId, market));
  await recordAudit(deps.db, {
    actor: null,
    action: 'identity.buyer_identity_revealed',
    subject: row.id,
    detail: { market },
  });
  return { realName: row.real_name, idNumber };
}
