import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import { type CurrencyCode, toJson } from '../../money/index.ts';
import { accountBalance, trialBalance } from './balances.ts';
import { entriesByReference } from './entries.ts';
import { inclusionProof, storedEntryHash } from './seal-ledger.ts';
import { isEntryId } from './validate.ts';
import { verifyLedger } from './verify-ledger.ts';

const ACCESS = ['auditor', 'platform_admin'] as const;

const MoneySchema = z.object({ amount: z.number().int(), currency: z.string() });
const Counter = z.number().int();
// Counters leave as JSON integers; toJson refuses anything beyond the safe integer range.
const counter = (amount: bigint, currency: CurrencyCode) => toJson({ amount, currency }).amount;

export const TrialBalanceView = z.object({
  rows: z.array(
    z.object({
      currency: z.string(),
      debitsPosted: Counter,
      creditsPosted: Counter,
      debitsPending: Counter,
      creditsPending: Counter,
      balanced: z.boolean(),
    }),
  ),
  balanced: z.boolean(),
});

export const VerifyView = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  postings: z.number().int(),
  seals: z.number().int(),
  problems: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      entryId: z.string().optional(),
      accountKey: z.string().optional(),
      sealId: z.string().optional(),
    }),
  ),
});

export const EntryViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  reference: z.string(),
  pending: z.boolean(),
  status: z.enum(['posted', 'pending', 'post_of_pending', 'void_of_pending', 'resolved']),
  createdAt: z.string(),
  hash: z.string(),
  postings: z.array(
    z.object({ account: z.string(), direction: z.enum(['debit', 'credit']), amount: MoneySchema }),
  ),
});

const AccountView = z.object({
  key: z.string(),
  type: z.string(),
  currency: z.string(),
  ownerId: z.string().nullable(),
  debitsPosted: Counter,
  creditsPosted: Counter,
  debitsPending: Counter,
  creditsPending: Counter,
  balance: MoneySchema,
});

const ProofView = z.object({
  entryId: z.string(),
  entryHash: z.string(),
  sealId: z.string(),
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  proof: z.array(z.string()),
  merkleRoot: z.string(),
});

const EntryIdParam = z
  .string()
  .min(1)
  .max(200)
  .refine(isEntryId, 'An entry id: letters, digits and _ . : - /.');

/** Read-only routes for auditors and platform admins. */
export function ledgerRoutes(ctx: { db: Db; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/ledger/trial-balance',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['ledger'],
          summary: 'Debits and credits per currency, recomputed from the postings',
          response: { 200: TrialBalanceView },
        },
      },
      async () => {
        const rows = await trialBalance(ctx.db);
        return {
          rows: rows.map((r) => ({
            currency: r.currency,
            debitsPosted: counter(r.debitsPosted, r.currency),
            creditsPosted: counter(r.creditsPosted, r.currency),
            debitsPending: counter(r.debitsPending, r.currency),
            creditsPending: counter(r.creditsPending, r.currency),
            balanced: r.balanced,
          })),
          balanced: rows.every((r) => r.balanced),
        };
      },
    );

    app.get(
      '/ledger/verify',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['ledger'],
          summary: 'Recompute hashes, balances and seals, and list any mismatch',
          response: { 200: VerifyView },
        },
      },
      async () => verifyLedger(ctx.db),
    );

    app.get(
      '/ledger/entries',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['ledger'],
          summary: 'The journal entries about one reference (an order, a payment), oldest first',
          querystring: z.object({ reference: z.string().min(1).max(200) }).strict(),
          response: { 200: z.object({ entries: z.array(EntryViewSchema) }) },
        },
      },
      async (req) => {
        const entries = await entriesByReference(ctx.db, req.query.reference);
        return {
          entries: entries.map((e) => ({
            ...e,
            createdAt: e.createdAt.toISOString(),
            postings: e.postings.map((p) => ({ ...p, amount: toJson(p.amount) })),
          })),
        };
      },
    );

    app.get(
      '/ledger/accounts/:key',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['ledger'],
          summary: 'One account and its balance (the key URL-encoded)',
          params: z.object({ key: z.string().min(1).max(200) }),
          response: { 200: AccountView },
        },
      },
      async (req) => {
        const a = await accountBalance(ctx.db, req.params.key);
        if (!a) {
          throw notFound('ledger.account_not_found', `There is no ledger account ${req.params.key}.`, {
            accountKey: req.params.key,
          });
        }
        return {
          ...a,
          debitsPosted: counter(a.debitsPosted, a.currency),
          creditsPosted: counter(a.creditsPosted, a.currency),
          debitsPending: counter(a.debitsPending, a.currency),
          creditsPending: counter(a.creditsPending, a.currency),
          balance: toJson(a.balance),
        };
      },
    );

    app.get(
      '/ledger/entries/:id/proof',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['ledger'],
          summary: 'An RFC 6962 inclusion proof of a sealed entry',
          params: z.object({ id: EntryIdParam }),
          response: { 200: ProofView },
        },
      },
      async (req) => {
        const id = req.params.id;
        const proof = await inclusionProof(ctx.db, id);
        const entry = proof ? await storedEntryHash(ctx.db, id) : null;
        if (!proof || !entry) {
          throw notFound('ledger.entry_not_sealed', `The entry ${id} does not exist or is not sealed yet.`, {
            entryId: id,
          });
        }
        return { entryId: id, entryHash: entry, ...proof };
      },
    );
  };
}
