import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../kernel/errors.ts';
import { isId, type SellerId } from '../../kernel/ids.ts';
import type { UsState } from '../../kernel/us-states.ts';
import {
  SELLER_COLUMNS,
  type SellerRow,
  type SellerState,
  type SellerView,
  toSellerView,
} from './seller-view.ts';

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

/** The full view of one seller (the EIN unmasked): callers decide who may see it. */
export async function getSeller(db: Db, id: string): Promise<SellerView> {
  if (!isId('sel', id)) throw notFound('sellers.not_found', 'No such seller.', { sellerId: id });
  const { rows } = await db.execute<SellerRow>(sql`SELECT ${SELLER_COLUMNS} FROM sellers WHERE id = ${id}`);
  const row = rows[0];
  if (!row) throw notFound('sellers.not_found', 'No such seller.', { sellerId: id });
  return toSellerView(row);
}

/** Sellers in onboarding order (oldest first), optionally in one state. */
export async function listSellers(
  db: Db,
  filter: { state?: SellerState; limit?: number },
): Promise<SellerView[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);
  const where = filter.state ? sql`WHERE state = ${filter.state}` : sql``;
  const { rows } = await db.execute<SellerRow>(
    sql`SELECT ${SELLER_COLUMNS} FROM sellers ${where} ORDER BY id LIMIT ${limit}`,
  );
  return rows.map(toSellerView);
}

export interface SellerFacts {
  id: SellerId;
  legalName: string;
  ein: string;
  usState: UsState;
  city: string;
  employees: number;
  isFarm: boolean;
  state: SellerState;
  verifiedAt: string | null;
}

/** The small-business facts customs papers and the impact report need; unknown ids are left out. */
export async function sellerFacts(db: Db, ids: string[]): Promise<SellerFacts[]> {
  const wanted = [...new Set(ids)].filter((id) => isId('sel', id));
  if (wanted.length === 0) return [];
  const { rows } = await db.execute<SellerRow>(
    sql`SELECT ${SELLER_COLUMNS} FROM sellers WHERE id = ANY(${sql.param(wanted)}::text[]) ORDER BY id`,
  );
  return rows.map((r) => {
    const v = toSellerView(r);
    return {
      id: v.id,
      legalName: v.legalName,
      ein: v.ein,
      usState: v.usState,
      city: v.city,
      employees: v.employees,
      isFarm: v.isFarm,
      state: v.state,
      verifiedAt: v.verifiedAt,
    };
  });
}
