import { invalid, unprocessable } from '../../kernel/errors.ts';
import { type CurrencyCode, isCurrencyCode } from '../../money/index.ts';
import {
  ACCOUNT_TYPES,
  type AccountSpec,
  type AccountType,
  BALANCE_LIMITS,
  type EntryInput,
  MAX_AMOUNT,
} from './types.ts';

// Entry ids are callers' idempotency keys ('authorize:pi_…'); keys are 'type:parts…:CCY'.
const ID_RE = /^[A-Za-z0-9_][A-Za-z0-9_.:\-/]{0,199}$/;
const KEY_RE = /^[a-z_]+(:[A-Za-z0-9_.-]+)*:[A-Z]{3}$/;
const KIND_RE = /^[a-z][a-z0-9_.-]{0,63}$/;
export const MAX_POSTINGS = 256;
const MAX_METADATA_KEYS = 32;

export const isEntryId = (s: string): boolean => ID_RE.test(s);
export const isAccountKey = (s: string): boolean => s.length <= 200 && KEY_RE.test(s);

/** Builds a key in the shape ensureAccounts accepts: accountKey('escrow', 'CNY', orderId) → 'escrow:ord_…:CNY'. */
export function accountKey(type: AccountType, currency: CurrencyCode, ...parts: string[]): string {
  return [type, ...parts, currency].join(':');
}

export function checkEntryId(id: unknown, field = 'id'): string {
  if (typeof id !== 'string' || !ID_RE.test(id)) {
    throw invalid(
      'ledger.invalid_entry_id',
      `The entry ${field} must be 1–200 characters of letters, digits and _ . : - /.`,
      {
        field,
      },
    );
  }
  return id;
}

export function checkAccountSpec(spec: AccountSpec): void {
  const { key, type, currency } = spec;
  if (typeof key !== 'string' || !isAccountKey(key)) {
    throw invalid(
      'ledger.invalid_account_key',
      `The account key ${JSON.stringify(key)} is not of the form type:…:CCY.`,
    );
  }
  if (!(ACCOUNT_TYPES as readonly string[]).includes(type)) {
    throw invalid('ledger.invalid_account_type', `Unknown account type ${JSON.stringify(type)}.`, { key });
  }
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
    throw invalid('ledger.invalid_currency', `Unknown currency ${JSON.stringify(currency)}.`, { key });
  }
  // The key names its type and currency, so a key read in a report cannot mislead.
  if (!key.startsWith(`${type}:`) || !key.endsWith(`:${currency}`)) {
    throw invalid(
      'ledger.invalid_account_key',
      `The key ${key} must start with "${type}:" and end with ":${currency}".`,
    );
  }
  if (spec.limit != null && !(BALANCE_LIMITS as readonly string[]).includes(spec.limit)) {
    throw invalid('ledger.invalid_limit', `Unknown balance limit ${JSON.stringify(spec.limit)}.`, { key });
  }
  if (
    spec.ownerId != null &&
    (typeof spec.ownerId !== 'string' || spec.ownerId.length < 1 || spec.ownerId.length > 200)
  ) {
    throw invalid('ledger.invalid_owner', 'The owner id must be 1–200 characters.', { key });
  }
}

/**
 * Checks everything about an entry that needs no database: shape, positive amounts, and that
 * the postings balance in every currency. Nothing is written before this passes.
 */
export function checkEntryInput(entry: EntryInput): void {
  checkEntryId(entry.id);
  if (typeof entry.kind !== 'string' || !KIND_RE.test(entry.kind)) {
    throw invalid(
      'ledger.invalid_kind',
      'The kind must be 1–64 characters of a-z, 0-9, _ . -, starting with a letter.',
    );
  }
  if (typeof entry.reference !== 'string' || entry.reference.length < 1 || entry.reference.length > 200) {
    throw invalid('ledger.invalid_reference', 'The reference must be 1–200 characters.');
  }
  if (entry.pending !== undefined && typeof entry.pending !== 'boolean') {
    throw invalid('ledger.invalid_pending', 'pending must be true or false.');
  }
  const meta = entry.metadata ?? {};
  const metaKeys = Object.keys(meta);
  if (typeof meta !== 'object' || Array.isArray(meta) || metaKeys.length > MAX_METADATA_KEYS) {
    throw invalid('ledger.invalid_metadata', `Metadata is at most ${MAX_METADATA_KEYS} string values.`);
  }
  for (const k of metaKeys) {
    const v = meta[k];
    if (k.length < 1 || k.length > 64 || typeof v !== 'string' || v.length > 1000) {
      throw invalid(
        'ledger.invalid_metadata',
        `Metadata ${JSON.stringify(k)} must be a key of 1–64 and a string of ≤ 1000.`,
      );
    }
  }
  if (!Array.isArray(entry.postings) || entry.postings.length < 2 || entry.postings.length > MAX_POSTINGS) {
    throw unprocessable('ledger.too_few_postings', `An entry needs 2 to ${MAX_POSTINGS} postings.`, {
      entryId: entry.id,
    });
  }
  const net = new Map<string, bigint>();
  entry.postings.forEach((p, i) => {
    if (typeof p.account !== 'string' || !isAccountKey(p.account)) {
      throw invalid('ledger.invalid_account_key', `Posting ${i} names no valid account key.`, {
        entryId: entry.id,
      });
    }
    if (p.direction !== 'debit' && p.direction !== 'credit') {
      throw invalid('ledger.invalid_direction', `Posting ${i} must be a debit or a credit.`, {
        entryId: entry.id,
      });
    }
    const amount = p.amount?.amount;
    const currency = p.amount?.currency;
    if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
      throw invalid('ledger.invalid_currency', `Posting ${i} has an unknown currency.`, {
        entryId: entry.id,
      });
    }
    if (typeof amount !== 'bigint' || amount <= 0n || amount > MAX_AMOUNT) {
      throw invalid(
        'ledger.invalid_amount',
        `Posting ${i} must move a positive whole number of minor units.`,
        {
          entryId: entry.id,
        },
      );
    }
    net.set(currency, (net.get(currency) ?? 0n) + (p.direction === 'debit' ? amount : -amount));
  });
  for (const [currency, diff] of net) {
    if (diff !== 0n) {
      throw unprocessable(
        'ledger.unbalanced',
        `The postings in ${currency} do not balance (debits − credits = ${diff}).`,
        {
          entryId: entry.id,
          currency,
        },
      );
    }
  }
}
