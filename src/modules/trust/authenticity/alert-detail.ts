import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../kernel/errors.ts';
import { type AuthenticityAlert, alertWithScan } from './verify-scan.ts';

export interface AlertScan {
  id: string;
  at: string;
  market: string;
  outcome: 'genuine' | 'unknown' | 'forged';
  /** The scan that raised this alert. */
  raisedAlert: boolean;
}

export interface AuthenticityAlertDetail extends AuthenticityAlert {
  /** Every scan of the alert's code up to and including the one that raised it, oldest first. */
  scans: AlertScan[];
  /** Scans of the code after the alert (the code may have been scanned again since). */
  laterScans: number;
}

const TS = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** One alert with the scans of its code that raised it: what an agent reads before resolving it. */
export async function getAuthenticityAlert(db: Db, alertId: string): Promise<AuthenticityAlertDetail> {
  const missing = () => notFound('trust.alert_not_found', 'No such alert.', { alertId });
  if (!/^\d{1,18}$/.test(alertId)) throw missing();
  const found = await alertWithScan(db, alertId);
  if (!found) throw missing();
  const { alert, scanId } = found;
  // Scan ids grow with time, so "up to the raising scan" is id <= scan_id.
  const scans = await db.execute<{
    id: string;
    at: string;
    market: string;
    outcome: AlertScan['outcome'];
  }>(sql`
    SELECT id::text, ${TS('at')} AS at, market, outcome FROM authenticity_scans
     WHERE serial = ${alert.serial}::int8 AND id <= ${scanId}::int8 ORDER BY id`);
  const later = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM authenticity_scans WHERE serial = ${alert.serial}::int8 AND id > ${scanId}::int8`);
  return {
    ...alert,
    scans: scans.rows.map((s) => ({ ...s, raisedAlert: s.id === scanId })),
    laterScans: later.rows[0]!.n,
  };
}
