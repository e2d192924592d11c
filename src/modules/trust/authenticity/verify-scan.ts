import { sql } from 'drizzle-orm';
import { emitEvent } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import { invalid, notFound } from '../../../kernel/errors.ts';
import { isMarketCode, type MarketCode } from '../../../kernel/locales.ts';
import { closeQueueItem, openQueueItem } from '../queues/index.ts';
import { type CodeKey, parseCode, verifyTag } from './codes.ts';
import { type Certification, LOT_COLUMNS, type Lot, type LotRow, toLot } from './lots.ts';

export type AlertReason = 'scanned_in_another_market' | 'market_not_sold_to';

export interface LotProvenance extends Omit<Lot, 'certifications'> {
  /** `expired`: the certificate's expiry date is before the scan's (UTC) date. */
  certifications: (Certification & { expired: boolean })[];
}

export type ScanResult =
  | {
      outcome: 'genuine';
      code: string;
      productId: string;
      sellerId: string;
      lot: LotProvenance;
      /** No one had scanned this code before: the label has not been copied (yet). */
      firstScan: boolean;
      /** Earlier scans of this code (a replay when > 0). */
      previousScans: number;
      /** Markets of the earlier scans, sorted. */
      previousMarkets: MarketCode[];
      firstScannedAt: string | null;
      alert?: AlertReason;
    }
  /** `forged`: the tag does not match the serial (made up or altered). `unknown`: the tag is right
   * but no code with this serial was issued here (another installation's key, or lost records). */
  | { outcome: 'forged' | 'unknown'; code: string };

/**
 * A buyer scanned or typed a code in a market. Every scan is recorded. A genuine code scanned
 * again from another market than before, or in a market its lot was not sold to, raises an
 * alert for the seller and the trust queue (an `authenticity_alerts` row and a
 * `trust.authenticity_alert` outbox event). Malformed codes → `trust.code_malformed` (400).
 */
export async function verifyScan(
  tx: Db,
  key: CodeKey,
  input: { code: string; market: string; at: Date; clientRef?: string },
): Promise<ScanResult> {
  const { market, at, clientRef } = input;
  if (typeof market !== 'string' || !isMarketCode(market)) {
    throw invalid('trust.invalid_market', 'market is not a market Heartland sells to.');
  }
  if (
    clientRef !== undefined &&
    (typeof clientRef !== 'string' || clientRef.length === 0 || clientRef.length > 128)
  ) {
    throw invalid('trust.invalid_client_ref', 'clientRef must be 1 to 128 characters.');
  }
  const parsed = parseCode(input.code);
  const record = (outcome: 'genuine' | 'unknown' | 'forged') =>
    tx.execute<{ id: string }>(sql`
      INSERT INTO authenticity_scans (serial, at, market, client_ref, outcome)
      VALUES (${parsed.serial.toString()}::int8, ${at.toISOString()}::timestamptz, ${market},
        ${clientRef ?? null}, ${outcome})
      RETURNING id::text`);

  if (!verifyTag(key, parsed)) {
    await record('forged');
    return { outcome: 'forged', code: parsed.canonical };
  }
  // Locking the code serialises its scans, so two simultaneous first scans cannot both be first.
  const issued = await tx.execute<LotRow>(sql`
    SELECT ${LOT_COLUMNS} FROM authenticity_codes c JOIN authenticity_lots l ON l.id = c.lot_id
    WHERE c.serial = ${parsed.serial.toString()}::int8 FOR UPDATE OF c`);
  const row = issued.rows[0];
  if (!row) {
    await record('unknown');
    return { outcome: 'unknown', code: parsed.canonical };
  }
  const lot = toLot(row);
  const history = await tx.execute<{ n: number; markets: MarketCode[] | null; first_at: string | null }>(sql`
    SELECT count(*)::int AS n, array_agg(DISTINCT market ORDER BY market) AS markets,
      to_char(min(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first_at
    FROM authenticity_scans WHERE serial = ${parsed.serial.toString()}::int8 AND outcome = 'genuine'`);
  const { n, markets, first_at } = history.rows[0]!;
  const previousMarkets = markets ?? [];
  const scan = await record('genuine');

  let alert: AlertReason | undefined;
  if (lot.soldToMarkets !== null && !lot.soldToMarkets.includes(market)) alert = 'market_not_sold_to';
  else if (previousMarkets.some((m) => m !== market)) alert = 'scanned_in_another_market';
  if (alert) {
    const { rows: created } = await tx.execute<{ id: string }>(sql`
      INSERT INTO authenticity_alerts (serial, scan_id, seller_id, lot_id, reason, at)
      VALUES (${parsed.serial.toString()}::int8, ${scan.rows[0]!.id}::int8, ${lot.sellerId}, ${lot.id},
        ${alert}, ${at.toISOString()}::timestamptz)
      RETURNING id::text`);
    await openQueueItem(
      tx,
      { now: () => at },
      {
        queue: 'authenticity_alerts',
        subjectKind: 'authenticity_alert',
        subjectId: created[0]!.id,
        sellerId: lot.sellerId,
        summary: `Code ${parsed.canonical} of lot ${lot.lotNumber}: ${alert.replaceAll('_', ' ')} (${market})`,
      },
    );
    await emitEvent(tx, 'trust.authenticity_alert', lot.sellerId, {
      reason: alert,
      code: parsed.canonical,
      sellerId: lot.sellerId,
      productId: lot.productId,
      lotId: lot.id,
      market,
      previousMarkets,
      at: at.toISOString(),
    });
  }
  const today = at.toISOString().slice(0, 10);
  return {
    outcome: 'genuine',
    code: parsed.canonical,
    productId: lot.productId,
    sellerId: lot.sellerId,
    lot: {
      ...lot,
      certifications: lot.certifications.map((c) => ({
        ...c,
        expired: c.expiresOn !== null && c.expiresOn < today,
      })),
    },
    firstScan: n === 0,
    previousScans: n,
    previousMarkets,
    firstScannedAt: first_at,
    ...(alert ? { alert } : {}),
  };
}

export interface AuthenticityAlert {
  id: string;
  serial: string;
  sellerId: string;
  lotId: string;
  reason: AlertReason;
  market: string;
  at: string;
  resolvedAt: string | null;
}

const ALERT_SELECT = sql`
  SELECT a.id::text, a.serial::text, a.seller_id, a.lot_id, a.reason, s.market,
    to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
    to_char(a.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS resolved_at,
    a.scan_id::text
  FROM authenticity_alerts a JOIN authenticity_scans s ON s.id = a.scan_id`;

interface AlertRow extends Record<string, unknown> {
  id: string;
  serial: string;
  seller_id: string;
  lot_id: string;
  reason: AlertReason;
  market: string;
  at: string;
  resolved_at: string | null;
  scan_id: string;
}

const toAlert = (r: AlertRow): AuthenticityAlert => ({
  id: r.id,
  serial: r.serial,
  sellerId: r.seller_id,
  lotId: r.lot_id,
  reason: r.reason,
  market: r.market,
  at: r.at,
  resolvedAt: r.resolved_at,
});

/** One alert and the id of the scan that raised it, or null when there is no such alert. */
export async function alertWithScan(
  db: Db,
  alertId: string,
): Promise<{ alert: AuthenticityAlert; scanId: string } | null> {
  const { rows } = await db.execute<AlertRow>(sql`${ALERT_SELECT} WHERE a.id = ${alertId}::int8`);
  const r = rows[0];
  return r ? { alert: toAlert(r), scanId: r.scan_id } : null;
}

/** A seller's alerts, newest first; open ones only unless `includeResolved`. */
export async function listAuthenticityAlerts(
  db: Db,
  sellerId: string,
  opts: { includeResolved?: boolean; limit?: number } = {},
): Promise<AuthenticityAlert[]> {
  const limit = opts.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw invalid('trust.invalid_limit', 'limit must be from 1 to 1000.');
  }
  const { rows } = await db.execute<AlertRow>(sql`${ALERT_SELECT}
    WHERE a.seller_id = ${sellerId} ${opts.includeResolved ? sql`` : sql`AND a.resolved_at IS NULL`}
    ORDER BY a.at DESC, a.id DESC LIMIT ${limit}`);
  return rows.map(toAlert);
}

/** Marks an alert resolved. Idempotent: resolving it again keeps the first time. */
export async function resolveAuthenticityAlert(
  tx: Db,
  input: { alertId: string; sellerId: string; at: Date; actor?: string },
): Promise<AuthenticityAlert> {
  if (!/^\d{1,18}$/.test(input.alertId))
    throw invalid('trust.invalid_alert_id', 'alertId is not an alert id.');
  await tx.execute(sql`
    UPDATE authenticity_alerts SET resolved_at = ${input.at.toISOString()}::timestamptz
    WHERE id = ${input.alertId}::int8 AND seller_id = ${input.sellerId} AND resolved_at IS NULL`);
  await closeQueueItem(
    tx,
    { now: () => input.at },
    {
      queue: 'authenticity_alerts',
      subjectKind: 'authenticity_alert',
      subjectId: input.alertId,
      actor: input.actor ?? input.sellerId,
      outcome: 'resolved',
    },
  );
  const { rows } = await tx.execute<AlertRow>(
    sql`${ALERT_SELECT} WHERE a.id = ${input.alertId}::int8 AND a.seller_id = ${input.sellerId}`,
  );
  if (!rows[0]) throw notFound('trust.alert_not_found', 'No such alert.');
  return toAlert(rows[0]);
}
