import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { isUsState, type UsState } from '../../kernel/us-states.ts';

/** The SBA Office of Advocacy's research definition: fewer than 500 employees (reference M3). */
export const SMALL_BUSINESS_MAX_EMPLOYEES = 499;

export interface SellerCensusRow {
  usState: UsState;
  isFarm: boolean;
  /** Sellers verified to sell (the businesses Heartland has enabled). */
  verified: number;
  /** Of those, small businesses by the SBA research definition. */
  small: number;
  employees: number;
}

/** Verified sellers counted by home state and farm or not, in one grouped query (no per-seller reads). */
export async function sellerCensus(db: Db): Promise<SellerCensusRow[]> {
  const { rows } = await db.execute<{
    us_state: string;
    is_farm: boolean;
    verified: number;
    small: number;
    employees: string;
  }>(sql`
    SELECT us_state, is_farm, count(*)::int AS verified,
           (count(*) FILTER (WHERE employees <= ${SMALL_BUSINESS_MAX_EMPLOYEES}))::int AS small,
           sum(employees)::text AS employees
    FROM sellers WHERE state = 'verified'
    GROUP BY us_state, is_farm ORDER BY us_state, is_farm`);
  return rows
    .filter((r) => isUsState(r.us_state))
    .map((r) => ({
      usState: r.us_state as UsState,
      isFarm: r.is_farm,
      verified: r.verified,
      small: r.small,
      employees: Number(r.employees),
    }));
}
