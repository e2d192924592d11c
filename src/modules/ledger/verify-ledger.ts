import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { entryHash, sealHash } from './hashing.ts';
import { merkleRoot } from './merkle.ts';
import type { EntryMode, LedgerProblem, VerifyReport } from './types.ts';
import {
  checkAccountBalances,
  checkPostingsAgainstAccounts,
  checkResolutions,
  checkSealCoverage,
  checkTrialBalance,
} from './verify-checks.ts';

const PAGE = 2000;
const MAX_PROBLEMS = 1000;

type EntryRow = {
  id: string;
  kind: string;
  reference: string;
  mode: EntryMode;
  pending_id: string | null;
  metadata: Record<string, string>;
  created_at: string;
  hash: string;
  postings: [number, string, 'debit' | 'credit', string, string][];
};

/** Recomputes each entry's hash and balance from its stored postings, a page at a time. */
async function checkEntries(
  db: Db,
  problems: LedgerProblem[],
): Promise<{ entries: number; postings: number }> {
  let entries = 0;
  let postings = 0;
  let after = '';
  for (;;) {
    const page = await db.execute<EntryRow>(sql`
      SELECT e.id, e.kind, e.reference, e.mode, e.pending_id, e.metadata, e.hash,
        to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
        coalesce(jsonb_agg(jsonb_build_array(p.idx, p.account_key, p.direction, p.amount::text, p.currency)
          ORDER BY p.idx) FILTER (WHERE p.entry_id IS NOT NULL), '[]'::jsonb) AS postings
      FROM ledger_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id
      WHERE e.id COLLATE "C" > ${after}
      GROUP BY e.id
      ORDER BY e.id COLLATE "C"
      LIMIT ${PAGE}`);
    for (const e of page.rows) {
      entries++;
      postings += e.postings.length;
      const legs = e.postings.map(([, account, direction, amount, currency]) => ({
        account,
        direction,
        amount: BigInt(amount),
        currency,
      }));
      const recomputed = entryHash({
        id: e.id,
        kind: e.kind,
        reference: e.reference,
        mode: e.mode,
        pendingId: e.pending_id,
        metadata: e.metadata,
        createdAt: new Date(e.created_at),
        postings: legs,
      });
      if (recomputed !== e.hash) {
        problems.push({
          code: 'ledger.entry_hash_mismatch',
          message: `Entry ${e.id}: its content no longer matches its hash.`,
          entryId: e.id,
        });
      }
      if (legs.length < 2 || e.postings.some(([idx], i) => idx !== i)) {
        problems.push({
          code: 'ledger.entry_postings_incomplete',
          message: `Entry ${e.id}: its postings are fewer than two or not numbered 0…n−1.`,
          entryId: e.id,
        });
      }
      const net = new Map<string, bigint>();
      for (const l of legs)
        net.set(l.currency, (net.get(l.currency) ?? 0n) + (l.direction === 'debit' ? l.amount : -l.amount));
      for (const [currency, diff] of net) {
        if (diff !== 0n) {
          problems.push({
            code: 'ledger.entry_unbalanced',
            message: `Entry ${e.id}: ${currency} debits − credits = ${diff}.`,
            entryId: e.id,
          });
        }
      }
    }
    if (page.rows.length < PAGE) break;
    after = page.rows[page.rows.length - 1]!.id;
  }
  return { entries, postings };
}

type SealRow = {
  id: string;
  prev_seal_id: string | null;
  prev_hash: string | null;
  merkle_root: string;
  tree_size: number;
  created_at: string;
  seal_hash: string;
};

/** Recomputes every seal's Merkle root from its members' entry hashes, its own hash, and the chain. */
async function checkSeals(db: Db, problems: LedgerProblem[]): Promise<number> {
  const seals = await db.execute<SealRow>(sql`
    SELECT id, prev_seal_id, prev_hash, merkle_root, tree_size, seal_hash,
      to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
    FROM ledger_seals ORDER BY seq`);
  let prev: SealRow | null = null;
  for (const s of seals.rows) {
    const bad = (code: string, text: string) =>
      problems.push({ code, message: `Seal ${s.id}: ${text}.`, sealId: s.id });
    const members = await db.execute<{ position: number; entry_id: string; hash: string | null }>(sql`
      SELECT m.position, m.entry_id, e.hash
      FROM ledger_seal_members m LEFT JOIN ledger_entries e ON e.id = m.entry_id
      WHERE m.seal_id = ${s.id} ORDER BY m.position`);
    for (const m of members.rows) {
      if (m.hash === null) {
        problems.push({
          code: 'ledger.sealed_entry_missing',
          message: `Seal ${s.id} covers entry ${m.entry_id}, which no longer exists.`,
          sealId: s.id,
          entryId: m.entry_id,
        });
      }
    }
    const size = Number(s.tree_size);
    if (members.rows.length !== size || members.rows.some((m, i) => Number(m.position) !== i)) {
      bad('ledger.seal_members_mismatch', `it lists ${members.rows.length} members for a tree of ${size}`);
    }
    if (merkleRoot(members.rows.map((m) => m.hash ?? '')) !== s.merkle_root) {
      bad('ledger.seal_root_mismatch', 'the Merkle root of its entries differs from the stored root');
    }
    const recomputed = sealHash({
      id: s.id,
      prevSealId: s.prev_seal_id,
      prevHash: s.prev_hash,
      merkleRoot: s.merkle_root,
      treeSize: size,
      createdAt: new Date(s.created_at),
    });
    if (recomputed !== s.seal_hash)
      bad('ledger.seal_hash_mismatch', 'its content no longer matches its hash');
    if (
      (s.prev_seal_id ?? null) !== (prev?.id ?? null) ||
      (s.prev_hash ?? null) !== (prev?.seal_hash ?? null)
    ) {
      bad('ledger.seal_chain_broken', `it does not chain to the seal before it (${prev?.id ?? 'none'})`);
    }
    prev = s;
  }
  return seals.rows.length;
}

/**
 * Recomputes everything from the stored postings: each entry's hash and per-currency balance,
 * each account's balance rows, the per-currency totals, the resolution records, and every seal's
 * root and chain. Names the entry, account or seal behind each problem.
 */
export async function verifyLedger(db: Db): Promise<VerifyReport> {
  const problems: LedgerProblem[] = [];
  const { entries, postings } = await checkEntries(db, problems);
  problems.push(...(await checkPostingsAgainstAccounts(db)));
  problems.push(...(await checkAccountBalances(db)));
  problems.push(...(await checkTrialBalance(db)));
  problems.push(...(await checkResolutions(db)));
  problems.push(...(await checkSealCoverage(db)));
  const seals = await checkSeals(db, problems);
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) {
    shown.push({
      code: 'ledger.too_many_problems',
      message: `${problems.length - MAX_PROBLEMS} more problems not listed.`,
    });
  }
  return { ok: problems.length === 0, entries, postings, seals, problems: shown };
}
