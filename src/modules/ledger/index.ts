/**
 * The ledger: double-entry accounting on TigerBeetle's model, kept in PostgreSQL.
 *
 * - ensureAccounts creates accounts (the key is the id: 'escrow:ord_…:CNY'), idempotently.
 * - postEntry writes one balanced journal entry in the caller's transaction; the entry id is
 *   the idempotency key. pending:true makes a hold, resolved once by postPendingEntry or
 *   voidPendingEntry. A refused entry writes nothing.
 * - Balance limits follow TigerBeetle: with 'debits_must_not_exceed_credits', pending and posted
 *   debits together may never exceed posted credits (a payable never below zero).
 * - Normal sides: psp_receivable, treasury, fx_position are debit-normal (assets); escrow,
 *   customs_remittance, seller_payable, platform_revenue, refund_clearing, payout_clearing
 *   are credit-normal (what we owe, and what we earn). AccountBalance.balance is on that side.
 * - Tamper evidence: each entry stores a sha256 of its content; sealLedger batches entries
 *   under RFC 6962 Merkle roots chained seal to seal; verifyLedger recomputes it all.
 *
 * @example
 * await inTransaction(db, async (tx) => {
 *   await ensureAccounts(tx, [
 *     { key: 'psp_receivable:CNY', type: 'psp_receivable', currency: 'CNY' },
 *     { key: `escrow:${orderId}:CNY`, type: 'escrow', currency: 'CNY', limit: 'debits_must_not_exceed_credits' },
 *   ]);
 *   await postEntry(tx, {
 *     id: `authorize:${intentId}`, kind: 'payment.authorize', reference: orderId, pending: true,
 *     postings: [
 *       { account: 'psp_receivable:CNY', direction: 'debit', amount: money(12_900n, 'CNY') },
 *       { account: `escrow:${orderId}:CNY`, direction: 'credit', amount: money(12_900n, 'CNY') },
 *     ],
 *   }, clock);
 * });
 */
export { accountBalance, accountBalances, trialBalance } from './balances.ts';
export { ensureAccounts } from './ensure-accounts.ts';
export { entriesByReference } from './entries.ts';
export { formatTrialBalance, formatVerifyReport } from './format.ts';
export { verifyInclusion } from './merkle.ts';
export { type MetadataTotal, metadataTotals } from './metadata-totals.ts';
export { postEntry } from './post-entry.ts';
export { postPendingEntry, voidPendingEntry } from './resolve-pending.ts';
export { EntryViewSchema, ledgerRoutes, TrialBalanceView, VerifyView } from './routes.ts';
export { inclusionProof, sealLedger } from './seal-ledger.ts';
export {
  ACCOUNT_TYPES,
  type AccountBalance,
  type AccountSpec,
  type AccountType,
  type BalanceLimit,
  type EntryInput,
  type EntryView,
  type InclusionProof,
  type LedgerProblem,
  NORMAL_SIDE,
  type PostingInput,
  type PostResult,
  type SealResult,
  type TrialBalanceRow,
  type VerifyReport,
} from './types.ts';
export { accountKey } from './validate.ts';
export { verifyLedger } from './verify-ledger.ts';
