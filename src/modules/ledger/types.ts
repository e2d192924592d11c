import type { CurrencyCode, Money } from '../../money/index.ts';

export const ACCOUNT_TYPES = [
  'psp_receivable',
  'escrow',
  'customs_remittance',
  'platform_revenue',
  'fx_position',
  'seller_payable',
  'payout_clearing',
  'refund_clearing',
  'treasury',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/**
 * The side on which an account's balance grows. Assets we hold or are owed (money at the PSP,
 * our bank, our FX positions) are debit-normal; what we owe (escrow for buyers, duties for
 * customs, sellers' payables, refunds and payouts in flight) and what we earn are credit-normal.
 */
export const NORMAL_SIDE: Readonly<Record<AccountType, 'debit' | 'credit'>> = {
  psp_receivable: 'debit',
  treasury: 'debit',
  fx_position: 'debit',
  escrow: 'credit',
  customs_remittance: 'credit',
  seller_payable: 'credit',
  platform_revenue: 'credit',
  refund_clearing: 'credit',
  payout_clearing: 'credit',
};

export const BALANCE_LIMITS = ['debits_must_not_exceed_credits', 'credits_must_not_exceed_debits'] as const;
export type BalanceLimit = (typeof BALANCE_LIMITS)[number];

export interface AccountSpec {
  key: string;
  type: AccountType;
  currency: CurrencyCode;
  ownerId?: string | null;
  limit?: BalanceLimit | null;
}

export interface PostingInput {
  account: string;
  direction: 'debit' | 'credit';
  amount: Money;
}

export interface EntryInput {
  id: string;
  kind: string;
  reference: string;
  postings: PostingInput[];
  pending?: boolean;
  metadata?: Record<string, string>;
}

export interface PostResult {
  status: 'created' | 'exists';
  entryId: string;
}

export interface AccountBalance {
  key: string;
  type: AccountType;
  currency: CurrencyCode;
  ownerId: string | null;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
  /** posted balance on the account's normal side */
  balance: Money;
}

export interface TrialBalanceRow {
  currency: CurrencyCode;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
  balanced: boolean;
}

export interface LedgerProblem {
  code: string;
  message: string;
  entryId?: string;
  accountKey?: string;
  sealId?: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  postings: number;
  seals: number;
  problems: LedgerProblem[];
}

export interface SealResult {
  sealId: string;
  entries: number;
  merkleRoot: string;
}

export interface InclusionProof {
  sealId: string;
  leafIndex: number;
  treeSize: number;
  proof: string[];
  merkleRoot: string;
}

export interface EntryView {
  id: string;
  kind: string;
  reference: string;
  pending: boolean;
  status: 'posted' | 'pending' | 'post_of_pending' | 'void_of_pending' | 'resolved';
  createdAt: Date;
  hash: string;
  postings: { account: string; direction: 'debit' | 'credit'; amount: Money }[];
}

/** How an entry moves balances: at once, as a hold, or resolving a hold. */
export type EntryMode = 'single' | 'pending' | 'post_pending' | 'void_pending';

/** The largest amount a bigint column holds. */
export const MAX_AMOUNT = 9_223_372_036_854_775_807n;
