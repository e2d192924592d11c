import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { isDomainError } from '../../kernel/errors.ts';
import type { CurrencyCode } from '../../money/index.ts';
import {
  type AccountSpec,
  accountBalances,
  ensureAccounts,
  inclusionProof,
  postPendingEntry,
  sealLedger,
  trialBalance,
  verifyInclusion,
  verifyLedger,
  voidPendingEntry,
} from './index.ts';
import { storedEntryHash } from './seal-ledger.ts';
import { cr, dr, post } from './test-helpers.ts';
import type { EntryInput } from './types.ts';

/**
 * Model-based property: random sequences of entries (random accounts, currencies, amounts;
 * some holds later posted or voided; replays; seals) run against PostgreSQL and a plain model
 * of the four counters. After every sequence the balances equal the model's, every currency
 * balances, and verifyLedger finds nothing.
 */

const CURRENCIES: CurrencyCode[] = ['CNY', 'USD', 'JPY'];

interface Counters {
  dpost: bigint;
  cpost: bigint;
  dpend: bigint;
  cpend: bigint;
}

function accountsFor(run: number): AccountSpec[] {
  return CURRENCIES.flatMap((c) => [
    { key: `psp_receivable:r${run}:${c}`, type: 'psp_receivable', currency: c },
    { key: `escrow:r${run}:${c}`, type: 'escrow', currency: c, limit: 'debits_must_not_exceed_credits' },
    { key: `treasury:r${run}:${c}`, type: 'treasury', currency: c, limit: 'credits_must_not_exceed_debits' },
    { key: `fx_position:r${run}:${c}`, type: 'fx_position', currency: c },
  ]);
}

const legArb = fc.record({
  account: fc.nat({ max: 3 }),
  currency: fc.nat({ max: 2 }),
  direction: fc.constantFrom('debit' as const, 'credit' as const),
  amount: fc.bigInt({ min: 1n, max: 50_000n }),
});

const commandArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('entry' as const),
      legs: fc.array(legArb, { minLength: 1, maxLength: 4 }),
      pending: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('resolve' as const), which: fc.nat(), post: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('replay' as const), which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('seal' as const), max: fc.integer({ min: 1, max: 6 }) }),
  },
);

describe('ledger invariants under random sequences', () => {
  let db: Database;
  const clock = new ManualClock('2026-11-24T00:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps every balance equal to the model, every currency balanced, and the ledger verifiable', async () => {
    let run = 0;
    const seen = { refused: 0, posted: 0, voided: 0, replayed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 14 }), async (commands) => {
        run++;
        const specs = accountsFor(run);
        await inTransaction(db.db, (tx) => ensureAccounts(tx, specs));
        const model = new Map<string, Counters>(
          specs.map((s) => [s.key, { dpost: 0n, cpost: 0n, dpend: 0n, cpend: 0n }]),
        );
        const limits = new Map(specs.map((s) => [s.key, s.limit ?? null]));
        const written: { entry: EntryInput; deltas: Map<string, Counters> }[] = [];
        const holds: { id: string; deltas: Map<string, Counters>; open: boolean }[] = [];
        const sealed: string[] = [];

        // What an entry would do to each account; refused if any limited account would break its limit.
        const fits = (deltas: Map<string, Counters>) =>
          [...deltas].every(([key, d]) => {
            const m = model.get(key)!;
            const limit = limits.get(key);
            if (limit === 'debits_must_not_exceed_credits')
              return m.dpend + d.dpend + m.dpost + d.dpost <= m.cpost + d.cpost;
            if (limit === 'credits_must_not_exceed_debits')
              return m.cpend + d.cpend + m.cpost + d.cpost <= m.dpost + d.dpost;
            return true;
          });
        const apply = (deltas: Map<string, Counters>, sign: 1n | -1n, moveToPosted = false) => {
          for (const [key, d] of deltas) {
            const m = model.get(key)!;
            m.dpend += sign * d.dpend;
            m.cpend += sign * d.cpend;
            m.dpost += sign * d.dpost + (moveToPosted ? d.dpend : 0n);
            m.cpost += sign * d.cpost + (moveToPosted ? d.cpend : 0n);
          }
        };

        for (const [i, cmd] of commands.entries()) {
          clock.advance(1000);
          if (cmd.t === 'entry') {
            const postings = cmd.legs.map((l) => {
              const key = specs[l.currency * 4 + l.account]!.key;
              return l.direction === 'debit'
                ? dr(key, l.amount, CURRENCIES[l.currency]!)
                : cr(key, l.amount, CURRENCIES[l.currency]!);
            });
            // Balance each currency through its psp_receivable account (no limit), like a real funding leg.
            const net = new Map<number, bigint>();
            for (const l of cmd.legs)
              net.set(
                l.currency,
                (net.get(l.currency) ?? 0n) + (l.direction === 'debit' ? l.amount : -l.amount),
              );
            for (const [c, n] of net) {
              const key = specs[c * 4]!.key;
              if (n > 0n) postings.push(cr(key, n, CURRENCIES[c]!));
              if (n < 0n) postings.push(dr(key, -n, CURRENCIES[c]!));
            }
            const entry: EntryInput = {
              id: `r${run}:e${i}`,
              kind: 'test.random',
              reference: `r${run}`,
              pending: cmd.pending,
              postings,
            };
            const deltas = new Map<string, Counters>();
            for (const p of postings) {
              const d = deltas.get(p.account) ?? { dpost: 0n, cpost: 0n, dpend: 0n, cpend: 0n };
              const field =
                `${p.direction === 'debit' ? 'd' : 'c'}${cmd.pending ? 'pend' : 'post'}` as keyof Counters;
              d[field] += p.amount.amount;
              deltas.set(p.account, d);
            }
            const expectOk = fits(deltas);
            try {
              expect((await post(db.db, entry, clock)).status).toBe('created');
              expect(expectOk).toBe(true);
              apply(deltas, 1n);
              written.push({ entry, deltas });
              if (cmd.pending) holds.push({ id: entry.id, deltas, open: true });
            } catch (e) {
              if (!isDomainError(e)) throw e;
              expect(expectOk).toBe(false);
              expect(['ledger.exceeds_credits', 'ledger.exceeds_debits']).toContain(e.code);
              seen.refused++;
            }
          } else if (cmd.t === 'resolve' && holds.length > 0) {
            const hold = holds[cmd.which % holds.length]!;
            const input = { id: `r${run}:res${i}`, pendingId: hold.id };
            const attempt = inTransaction(db.db, (tx) =>
              (cmd.post ? postPendingEntry : voidPendingEntry)(tx, input, clock),
            );
            if (!hold.open) {
              await expect(attempt).rejects.toMatchObject({ code: 'ledger.pending_already_resolved' });
              continue;
            }
            expect((await attempt).status).toBe('created');
            hold.open = false;
            seen[cmd.post ? 'posted' : 'voided']++;
            apply(hold.deltas, -1n, cmd.post);
          } else if (cmd.t === 'replay' && written.length > 0) {
            const w = written[cmd.which % written.length]!;
            expect(await post(db.db, w.entry, clock)).toEqual({ status: 'exists', entryId: w.entry.id });
            seen.replayed++;
          } else if (cmd.t === 'seal') {
            const s = await sealLedger(db.db, clock, { maxEntries: cmd.max });
            if (s) sealed.push(s.sealId);
          }
        }

        const stored = await accountBalances(db.db, { keys: specs.map((s) => s.key) });
        for (const b of stored) {
          const m = model.get(b.key)!;
          expect({
            key: b.key,
            dpost: b.debitsPosted,
            cpost: b.creditsPosted,
            dpend: b.debitsPending,
            cpend: b.creditsPending,
          }).toEqual({
            key: b.key,
            ...m,
          });
        }
        expect((await trialBalance(db.db)).filter((r) => !r.balanced)).toEqual([]);
        if (written.length > 0) {
          await sealLedger(db.db, clock);
          const last = written[written.length - 1]!.entry.id;
          const proof = (await inclusionProof(db.db, last))!;
          const hash = (await storedEntryHash(db.db, last))!;
          expect(verifyInclusion(hash, proof.leafIndex, proof.treeSize, proof.proof, proof.merkleRoot)).toBe(
            true,
          );
        }
        const report = await verifyLedger(db.db);
        expect(report.problems).toEqual([]);
      }),
      { numRuns: 40 },
    );
    // The sequences really exercised refusals, both resolutions and replays.
    for (const n of Object.values(seen)) expect(n).toBeGreaterThan(0);
    const report = await verifyLedger(db.db);
    expect(report.ok).toBe(true);
    expect(report.seals).toBeGreaterThan(0);
  });
});
