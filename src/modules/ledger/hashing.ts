import { createHash } from 'node:crypto';
import type { EntryMode } from './types.ts';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface CanonicalPosting {
  account: string;
  direction: 'debit' | 'credit';
  amount: bigint;
  currency: string;
}

export interface CanonicalEntry {
  id: string;
  kind: string;
  reference: string;
  mode: EntryMode;
  pendingId: string | null;
  metadata: Record<string, string>;
  createdAt: Date;
  postings: readonly CanonicalPosting[];
}

// Key order in jsonb is not the caller's, so metadata is hashed as sorted pairs.
const sortedPairs = (m: Record<string, string>): [string, string][] =>
  Object.keys(m)
    .sort()
    .map((k) => [k, m[k]!]);

const postingTuples = (ps: readonly CanonicalPosting[]) =>
  ps.map((p) => [p.account, p.direction, p.amount.toString(), p.currency]);

/**
 * The entry hash: sha256 of a JSON array of every field that carries meaning, postings in
 * order. A versioned tag first, so the encoding can change without old hashes becoming ambiguous.
 */
export function entryHash(e: CanonicalEntry): string {
  return sha256Hex(
    JSON.stringify([
      'heartland.ledger.entry.v1',
      e.id,
      e.kind,
      e.reference,
      e.mode,
      e.pendingId,
      sortedPairs(e.metadata),
      e.createdAt.toISOString(),
      postingTuples(e.postings),
    ]),
  );
}

/** What the caller asked for, without the time it was written: equal payloads make a replay "exists". */
export function entryPayloadHash(e: Omit<CanonicalEntry, 'createdAt' | 'id'>): string {
  return sha256Hex(
    JSON.stringify([
      'heartland.ledger.payload.v1',
      e.kind,
      e.reference,
      e.mode,
      e.pendingId,
      sortedPairs(e.metadata),
      postingTuples(e.postings),
    ]),
  );
}

/** A resolution's payload is only which pending entry it resolves and how. */
export const resolutionPayloadHash = (mode: 'post_pending' | 'void_pending', pendingId: string): string =>
  sha256Hex(JSON.stringify(['heartland.ledger.resolution.v1', mode, pendingId]));

export interface CanonicalSeal {
  id: string;
  prevSealId: string | null;
  prevHash: string | null;
  merkleRoot: string;
  treeSize: number;
  createdAt: Date;
}

/** The seal hash commits to the Merkle root and to the previous seal's hash: the chain. */
export function sealHash(s: CanonicalSeal): string {
  return sha256Hex(
    JSON.stringify([
      'heartland.ledger.seal.v1',
      s.id,
      s.prevSealId,
      s.prevHash,
      s.merkleRoot,
      s.treeSize,
      s.createdAt.toISOString(),
    ]),
  );
}
