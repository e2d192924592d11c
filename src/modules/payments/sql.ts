import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { type CurrencyCode, isCurrencyCode, type Money } from '../../money/index.ts';

/** Runs a query and returns its rows typed as the caller declares them. */
export async function query<T extends Record<string, unknown>>(db: Db, q: SQL): Promise<T[]> {
  const result = await db.execute<T>(q);
  return result.rows as T[];
}

/** int8 columns come back from pg as strings; money is rebuilt as bigint + a known currency. */
export function moneyOf(amount: string | number | bigint, currency: string): Money {
  if (!isCurrencyCode(currency)) throw new Error(`unknown currency in payments row: ${currency}`);
  return { amount: BigInt(amount), currency };
}

export const iso = (d: Date): string => d.toISOString();

export function currencyOf(code: string): CurrencyCode {
  if (!isCurrencyCode(code)) throw new Error(`unknown currency: ${code}`);
  return code;
}
