import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { CurrencyCode } from '../../money/index.ts';
import type { EntryMode, EntryView } from './types.ts';

const MAX_ENTRIES_PER_REFERENCE = 1000;

type Row = {
  id: string;
  kind: string;
  reference: string;
  mode: EntryMode;
  resolved_by: string | null;
  created_at: string;
  hash: string;
  account_key: string;
  direction: 'debit' | 'credit';
  amount: string;
  currency: CurrencyCode;
};

function status(mode: EntryMode, resolved: boolean): EntryView['status'] {
  if (mode === 'pending') return resolved ? 'resolved' : 'pending';
  if (mode === 'post_pending') return 'post_of_pending';
  if (mode === 'void_pending') return 'void_of_pending';
  return 'posted';
}

/** The entries written about one business object (an order, a payment), oldest first. */
export async function entriesByReference(db: Db, reference: string): Promise<EntryView[]> {
  if (typeof reference !== 'string' || reference.length < 1 || reference.length > 200) return [];
  const r = await db.execute<Row>(sql`
    WITH e AS (
      SELECT * FROM ledger_entries WHERE reference = ${reference}
      ORDER BY created_at, id LIMIT ${MAX_ENTRIES_PER_REFERENCE}
    )
    SELECT e.id, e.kind, e.reference, e.mode, r.entry_id AS resolved_by,
           to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, e.hash,
           p.account_key, p.direction, p.amount, p.currency
    FROM e
    JOIN ledger_postings p ON p.entry_id = e.id
    LEFT JOIN ledger_pending_resolutions r ON r.pending_id = e.id
    ORDER BY e.created_at, e.id, p.idx`);
  const views = new Map<string, EntryView>();
  for (const row of r.rows) {
    let view = views.get(row.id);
    if (!view) {
      view = {
        id: row.id,
        kind: row.kind,
        reference: row.reference,
        pending: row.mode === 'pending',
        status: status(row.mode, row.resolved_by !== null),
        createdAt: new Date(row.created_at),
        hash: row.hash,
        postings: [],
      };
      views.set(row.id, view);
    }
    view.postings.push({
      account: row.account_key,
      direction: row.direction,
      amount: { amount: BigInt(row.amount), currency: row.currency },
    });
  }
  return [...views.values()];
}
