import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { DomainError } from '../../kernel/errors.ts';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

/** Refuses a sign-in for an account that has failed too often in the current window (429). */
export async function assertNotThrottled(db: Db, emailKey: string, now: Date): Promise<void> {
  const { rows } = await db.execute<{ window_start: string; failures: number }>(
    sql`SELECT window_start::text, failures FROM login_failures WHERE email_key = ${emailKey}`,
  );
  const row = rows[0];
  if (!row || row.failures < MAX_FAILURES) return;
  const until = new Date(new Date(row.window_start).getTime() + WINDOW_MS);
  if (until > now) {
    throw new DomainError(
      'rate_limited',
      'identity.too_many_attempts',
      'Too many failed sign-ins. Try again later.',
      {
        retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000),
      },
    );
  }
}

/** Counts a failure; a window that has ended starts again at one. */
export async function recordFailure(db: Db, emailKey: string, now: Date): Promise<void> {
  const windowOpen = new Date(now.getTime() - WINDOW_MS).toISOString();
  await db.execute(sql`INSERT INTO login_failures (email_key, window_start, failures)
    VALUES (${emailKey}, ${now.toISOString()}, 1)
    ON CONFLICT (email_key) DO UPDATE SET
      failures = CASE WHEN login_failures.window_start <= ${windowOpen} THEN 1 ELSE login_failures.failures + 1 END,
      window_start = CASE WHEN login_failures.window_start <= ${windowOpen} THEN EXCLUDED.window_start
                          ELSE login_failures.window_start END`);
}

export async function clearFailures(db: Db, emailKey: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_failures WHERE email_key = ${emailKey}`);
}
