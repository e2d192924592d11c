import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, unprocessable } from '../../kernel/errors.ts';
import { entryHash, entryPayloadHash } from './hashing.ts';
import type { BalanceLimit, EntryInput, EntryMode, PostResult } from './types.ts';
import { checkEntryInput } from './validate.ts';
import { balanceDeltas, type WritePosting, writeEntry } from './write-entry.ts';

/**
 * The answer for an id that is already taken: 'exists' when the stored payload is the one asked
 * for (a retry), a conflict otherwise (a caller reusing an id for something else).
 */
export async function replayOutcome(tx: Db, id: string, payloadHash: string): Promise<PostResult | null> {
  const r = await tx.execute<{ payload_hash: string }>(
    sql`SELECT payload_hash FROM ledger_entries WHERE id = ${id}`,
  );
  const stored = r.rows[0];
  return stored ? replayOf(id, stored.payload_hash, payloadHash) : null;
}

export function replayOf(id: string, storedHash: string, payloadHash: string): PostResult {
  if (storedHash !== payloadHash) {
    throw conflict(
      'ledger.entry_exists_with_different_payload',
      `The entry ${id} already exists with a different payload.`,
      { entryId: id },
    );
  }
  return { status: 'exists', entryId: id };
}

type AccountRow = {
  key: string;
  currency: string;
  balance_limit: BalanceLimit | null;
  shards: number;
};

type LockedBalance = {
  account_key: string;
  debits_posted: string;
  credits_posted: string;
  debits_pending: string;
  credits_pending: string;
};

/**
 * Checks the balance limits of the limited accounts this entry touches, holding their (single)
 * balance rows locked until the transaction ends, so the check stays true until the write.
 * TigerBeetle's rule: debits_pending + debits_posted must stay ≤ credits_posted (and symmetrically).
 */
async function checkLimits(
  tx: Db,
  mode: EntryMode,
  postings: readonly WritePosting[],
  limits: Map<string, BalanceLimit>,
) {
  // Only postings that move an account toward its limit need the check (and the row lock):
  // a credit can never push debits past credits, nor a debit credits past debits.
  const risky = new Set(
    postings
      .filter((p) => {
        const limit = limits.get(p.account);
        if (limit === 'debits_must_not_exceed_credits') return p.direction === 'debit';
        if (limit === 'credits_must_not_exceed_debits') return p.direction === 'credit';
        return false;
      })
      .map((p) => p.account),
  );
  const touched = postings.filter((p) => risky.has(p.account));
  if (touched.length === 0) return;
  const deltas = balanceDeltas(mode, touched);
  const keys = JSON.stringify(deltas.map((d) => d.account_key));
  const locked = await tx.execute<LockedBalance>(sql`
    SELECT account_key, debits_posted, credits_posted, debits_pending, credits_pending
    FROM ledger_balances
    WHERE account_key IN (SELECT jsonb_array_elements_text(${keys}::jsonb)) AND shard = 0
    ORDER BY account_key
    FOR UPDATE`);
  const rows = new Map(locked.rows.map((r) => [r.account_key, r]));
  for (const d of deltas) {
    const b = rows.get(d.account_key)!;
    const debits = BigInt(b.debits_pending) + d.dpend + BigInt(b.debits_posted) + d.dpost;
    const credits = BigInt(b.credits_pending) + d.cpend + BigInt(b.credits_posted) + d.cpost;
    const limit = limits.get(d.account_key);
    if (limit === 'debits_must_not_exceed_credits' && debits > BigInt(b.credits_posted) + d.cpost) {
      throw unprocessable('ledger.exceeds_credits', `The entry would take ${d.account_key} below zero.`, {
        accountKey: d.account_key,
      });
    }
    if (limit === 'credits_must_not_exceed_debits' && credits > BigInt(b.debits_posted) + d.dpost) {
      throw unprocessable('ledger.exceeds_debits', `The entry would take ${d.account_key} below zero.`, {
        accountKey: d.account_key,
      });
    }
  }
}

/**
 * Posts one journal entry atomically in the caller's transaction (see index.ts for the contract).
 * Every check runs before the single write statement, so a refusal writes nothing.
 */
export async function postEntry(tx: Db, entry: EntryInput, clock: Clock): Promise<PostResult> {
  checkEntryInput(entry);
  const mode: EntryMode = entry.pending ? 'pending' : 'single';
  const metadata = { ...(entry.metadata ?? {}) };
  const canonical = entry.postings.map((p) => ({
    account: p.account,
    direction: p.direction,
    amount: p.amount.amount,
    currency: p.amount.currency as string,
  }));
  const payloadHash = entryPayloadHash({
    kind: entry.kind,
    reference: entry.reference,
    mode,
    pendingId: null,
    metadata,
    postings: canonical,
  });
  // The replay check and the account lookup share one round trip: every entry pays for both.
  const keys = JSON.stringify([...new Set(canonical.map((p) => p.account))]);
  const looked = await tx.execute<{ replay_hash: string | null; accounts: AccountRow[] }>(sql`
    SELECT (SELECT payload_hash FROM ledger_entries WHERE id = ${entry.id}) AS replay_hash,
      (SELECT COALESCE(json_agg(json_build_object('key', key, 'currency', currency,
          'balance_limit', balance_limit, 'shards', shards)), '[]'::json)
        FROM ledger_accounts WHERE key IN (SELECT jsonb_array_elements_text(${keys}::jsonb))) AS accounts`);
  const { replay_hash: replayHash, accounts: found } = looked.rows[0]!;
  if (replayHash !== null) return replayOf(entry.id, replayHash, payloadHash);
  const accounts = new Map(found.map((a) => [a.key, a]));
  const limits = new Map<string, BalanceLimit>();
  const postings: WritePosting[] = canonical.map((p) => {
    const account = accounts.get(p.account);
    if (!account) {
      throw unprocessable('ledger.account_not_found', `There is no ledger account ${p.account}.`, {
        accountKey: p.account,
      });
    }
    if (account.currency !== p.currency) {
      throw unprocessable(
        'ledger.currency_mismatch',
        `The account ${p.account} holds ${account.currency}, not ${p.currency}.`,
        { accountKey: p.account },
      );
    }
    if (account.balance_limit) limits.set(p.account, account.balance_limit);
    // Hot accounts: a random shard per posting spreads concurrent writers over several rows.
    const shard = account.shards > 1 ? Math.floor(Math.random() * account.shards) : 0;
    return { ...p, shard };
  });
  await checkLimits(tx, mode, postings, limits);

  const head = {
    id: entry.id,
    kind: entry.kind,
    reference: entry.reference,
    mode,
    pendingId: null,
    metadata,
    createdAt: clock.now(),
  };
  const hash = entryHash({ ...head, postings: canonical });
  const inserted = await writeEntry(tx, {
    ...head,
    payloadHash,
    hash,
    postings,
  });
  if (inserted) return { status: 'created', entryId: entry.id };
  // A concurrent transaction committed the same id between our check and our insert.
  const raced = await replayOutcome(tx, entry.id, payloadHash);
  if (!raced) throw new Error(`ledger: entry ${entry.id} neither inserted nor found`);
  return raced;
}
