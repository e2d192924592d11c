import { type SQL, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import {
  ensureAccounts,
  entriesByReference,
  formatVerifyReport,
  inclusionProof,
  postPendingEntry,
  sealLedger,
  verifyInclusion,
  verifyLedger,
} from './index.ts';
import { merkleRoot } from './merkle.ts';
import { cr, dr, post } from './test-helpers.ts';

const clock = new ManualClock('2026-11-24T08:00:00Z');
const PSP = 'psp_receivable:CNY';

/** Runs an attacker's statements with the immutability triggers off, then puts them back. */
async function tamper(db: Database, table: string, statement: SQL) {
  await db.db.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`));
  try {
    await db.db.execute(statement);
  } finally {
    await db.db.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`));
  }
}

async function seedOrder(db: Database, n: number) {
  const escrow = `escrow:ord_${n}:CNY`;
  await inTransaction(db.db, (tx) =>
    ensureAccounts(tx, [
      { key: PSP, type: 'psp_receivable', currency: 'CNY' },
      { key: escrow, type: 'escrow', currency: 'CNY', limit: 'debits_must_not_exceed_credits' },
    ]),
  );
  await post(
    db.db,
    {
      id: `authorize:${n}`,
      kind: 'payment.authorize',
      reference: `ord_${n}`,
      pending: true,
      postings: [dr(PSP, 100n * BigInt(n), 'CNY'), cr(escrow, 100n * BigInt(n), 'CNY')],
    },
    clock,
  );
  await inTransaction(db.db, (tx) =>
    postPendingEntry(tx, { id: `capture:${n}`, pendingId: `authorize:${n}` }, clock),
  );
}

describe('seals and inclusion proofs', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('computes RFC 6962 roots (one leaf is its leaf hash; the empty tree is sha256 of nothing)', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // sha256(0x00 || 32 zero bytes), worked out independently with `printf '\\0%.0s' {1..33} | sha256sum`.
    expect(merkleRoot(['00'.repeat(32)])).toBe(
      '7f9c9e31ac8256ca2f258583df262dbc7d6f68f2a03043d5c99a4ae5a7396ce9',
    );
  });

  it('seals in batches that chain, and proves every entry against its root', async () => {
    expect(await sealLedger(db.db, clock)).toBeNull();
    for (let n = 1; n <= 7; n++) await seedOrder(db, n); // 14 entries
    const first = await sealLedger(db.db, clock, { maxEntries: 5 });
    expect(first).toMatchObject({ entries: 5 });
    const [second, third] = await Promise.all([sealLedger(db.db, clock), sealLedger(db.db, clock)]);
    // Two sealers at once: the advisory lock lets one seal the rest; the other finds nothing.
    expect([second?.entries ?? 0, third?.entries ?? 0].sort()).toEqual([0, 9]);
    for (let n = 1; n <= 7; n++) {
      for (const e of await entriesByReference(db.db, `ord_${n}`)) {
        const p = (await inclusionProof(db.db, e.id))!;
        expect(verifyInclusion(e.hash, p.leafIndex, p.treeSize, p.proof, p.merkleRoot)).toBe(true);
        // The proof is specific: another leaf, index or root does not verify.
        expect(verifyInclusion('ab'.repeat(32), p.leafIndex, p.treeSize, p.proof, p.merkleRoot)).toBe(false);
        expect(
          verifyInclusion(e.hash, (p.leafIndex + 1) % p.treeSize, p.treeSize, p.proof, p.merkleRoot),
        ).toBe(false);
      }
    }
    await seedOrder(db, 8);
    expect(await inclusionProof(db.db, 'capture:8')).toBeNull();
    const report = await verifyLedger(db.db);
    expect(report).toMatchObject({ ok: true, entries: 16, postings: 32, seals: 2, problems: [] });
    expect(formatVerifyReport(report)).toContain('no problems found');
  });
});

describe('tamper evidence', () => {
  // Each case corrupts its own copy of the same history (sealed and unsealed entries), so one
  // case's damage cannot mask or explain another's.
  let db: Database;
  let sealId: string;
  beforeEach(async () => {
    db = await createTestDatabase();
    for (let n = 1; n <= 4; n++) await seedOrder(db, n);
    sealId = (await sealLedger(db.db, clock))!.sealId;
    await seedOrder(db, 5);
    expect((await verifyLedger(db.db)).ok).toBe(true);
  });
  afterEach(async () => {
    await db.close();
  });

  const named = (r: {
    problems: { code: string; entryId?: string; accountKey?: string; sealId?: string }[];
  }) => r.problems.map((p) => `${p.code} ${p.entryId ?? p.accountKey ?? p.sealId ?? ''}`).sort();

  it('names the entry whose posting amount was changed, and the account it skews', async () => {
    await tamper(
      db,
      'ledger_postings',
      sql`UPDATE ledger_postings SET amount = amount + 1 WHERE entry_id = 'authorize:5' AND idx = 1`,
    );
    const r = await verifyLedger(db.db);
    expect(r.ok).toBe(false);
    expect(named(r)).toEqual([
      'ledger.account_balance_mismatch escrow:ord_5:CNY',
      'ledger.currency_unbalanced ',
      'ledger.entry_hash_mismatch authorize:5',
      'ledger.entry_unbalanced authorize:5',
      'ledger.resolution_mismatch capture:5',
    ]);
    expect(formatVerifyReport(r)).toContain('LEDGER VERIFICATION FAILED');
  });

  it('names the entry whose kind was changed, and its seal when the stored hash was forged too', async () => {
    await tamper(
      db,
      'ledger_entries',
      sql`UPDATE ledger_entries SET kind = 'payment.refund' WHERE id = 'authorize:2'`,
    );
    expect(named(await verifyLedger(db.db))).toEqual(['ledger.entry_hash_mismatch authorize:2']);
    // An attacker who also recomputes the entry's hash is caught by its seal's Merkle root.
    const [e] = await entriesByReference(db.db, 'ord_2');
    const forged = (await import('./hashing.ts')).entryHash({
      id: e!.id,
      kind: 'payment.refund',
      reference: e!.reference,
      mode: 'pending',
      pendingId: null,
      metadata: {},
      createdAt: e!.createdAt,
      postings: e!.postings.map((p) => ({ ...p, amount: p.amount.amount, currency: p.amount.currency })),
    });
    await tamper(
      db,
      'ledger_entries',
      sql`UPDATE ledger_entries SET hash = ${forged} WHERE id = 'authorize:2'`,
    );
    expect(named(await verifyLedger(db.db))).toEqual([`ledger.seal_root_mismatch ${sealId}`]);
  });

  it('names the entry a posting was deleted from', async () => {
    await tamper(
      db,
      'ledger_postings',
      sql`DELETE FROM ledger_postings WHERE entry_id = 'capture:3' AND idx = 0`,
    );
    const r = await verifyLedger(db.db);
    expect(named(r)).toEqual([
      `ledger.account_balance_mismatch ${PSP}`,
      'ledger.currency_unbalanced ',
      'ledger.entry_hash_mismatch capture:3',
      'ledger.entry_postings_incomplete capture:3',
      'ledger.entry_unbalanced capture:3',
      'ledger.resolution_mismatch capture:3',
    ]);
  });

  it('names a seal whose root, or whose link in the chain, was edited', async () => {
    await tamper(
      db,
      'ledger_seals',
      sql`UPDATE ledger_seals SET merkle_root = repeat('a', 64) WHERE id = ${sealId}`,
    );
    expect(named(await verifyLedger(db.db))).toEqual([
      `ledger.seal_hash_mismatch ${sealId}`,
      `ledger.seal_root_mismatch ${sealId}`,
    ]);
    const second = (await sealLedger(db.db, clock))!.sealId;
    await tamper(
      db,
      'ledger_seals',
      sql`UPDATE ledger_seals SET prev_hash = repeat('b', 64) WHERE id = ${second}`,
    );
    expect(named(await verifyLedger(db.db))).toEqual([
      `ledger.seal_chain_broken ${second}`,
      `ledger.seal_hash_mismatch ${sealId}`,
      `ledger.seal_hash_mismatch ${second}`,
      `ledger.seal_root_mismatch ${sealId}`,
    ]);
  });

  it('names an entry dropped from the sealing queue before it was sealed', async () => {
    await db.db.execute(sql`DELETE FROM ledger_unsealed WHERE entry_id = 'capture:5'`);
    expect(named(await verifyLedger(db.db))).toEqual(['ledger.entry_not_sealed_or_queued capture:5']);
  });
});
