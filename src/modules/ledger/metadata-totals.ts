import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export interface MetadataTotal {
  /** The grouping fields' values, by field name (null where an entry lacks the field). */
  group: Record<string, string | null>;
  entries: number;
  /** The sum of the amount field over the entries that carry it (minor units). */
  total: bigint;
  /** Entries in the group without the amount field, left out of `total` rather than guessed. */
  missing: number;
}

/**
 * Totals of a decimal-string amount kept in the metadata of the entries of one kind, grouped by
 * other metadata fields: how a report (exports by seller and market) reads the journal without
 * knowing how postings are laid out. Summed in PostgreSQL as numeric, so no amount overflows.
 */
export async function metadataTotals(
  db: Db,
  query: { kind: string; amountField: string; groupBy: string[] },
): Promise<MetadataTotal[]> {
  for (const f of [query.amountField, ...query.groupBy]) {
    if (!FIELD.test(f)) throw new Error(`metadataTotals: bad field name ${JSON.stringify(f)}`);
  }
  const groups = query.groupBy.map((f, i) => sql`metadata->>${f} AS ${sql.raw(`g${i}`)}`);
  const groupCols = query.groupBy.map((_f, i) => sql.raw(`g${i}`));
  const amount = sql`metadata->>${query.amountField}`;
  const select = groups.length > 0 ? sql`${sql.join(groups, sql`, `)},` : sql``;
  const groupClause = groups.length > 0 ? sql`GROUP BY ${sql.join(groupCols, sql`, `)}` : sql``;
  const { rows } = await db.execute<
    Record<string, string | null> & { n: number; total: string; missing: number }
  >(sql`
    SELECT ${select}
           count(*)::int AS n,
           coalesce(sum((${amount})::numeric) FILTER (WHERE ${amount} ~ '^[0-9]+$'), 0)::text AS total,
           (count(*) FILTER (WHERE ${amount} IS NULL OR ${amount} !~ '^[0-9]+$'))::int AS missing
    FROM ledger_entries
    WHERE kind = ${query.kind}
    ${groupClause}`);
  return rows.map((r) => ({
    group: Object.fromEntries(query.groupBy.map((f, i) => [f, r[`g${i}`] ?? null])),
    entries: r.n,
    total: BigInt(r.total),
    missing: r.missing,
  }));
}
