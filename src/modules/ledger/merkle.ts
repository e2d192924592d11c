import { createHash } from 'node:crypto';

/**
 * RFC 6962 §2.1 Merkle trees (as restated in RFC 9162 §2.1). Leaves are entry hashes (hex);
 * the 0x00 / 0x01 prefixes keep a leaf from being passed off as an interior node.
 */
const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafHash = (entryHashHex: string): Buffer => sha256(LEAF, Buffer.from(entryHashHex, 'hex'));
const nodeHash = (l: Buffer, r: Buffer): Buffer => sha256(NODE, l, r);

/** The largest power of two strictly less than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(leaves: readonly Buffer[], lo: number, hi: number): Buffer {
  const n = hi - lo;
  if (n === 0) return sha256();
  if (n === 1) return leaves[lo]!;
  const k = split(n);
  return nodeHash(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
}

/** MTH(D[n]) over the given entry hashes, as hex. */
export function merkleRoot(entryHashes: readonly string[]): string {
  const leaves = entryHashes.map(leafHash);
  return mth(leaves, 0, leaves.length).toString('hex');
}

function path(leaves: readonly Buffer[], m: number, lo: number, hi: number): Buffer[] {
  const n = hi - lo;
  if (n <= 1) return [];
  const k = split(n);
  if (m < k) return [...path(leaves, m, lo, lo + k), mth(leaves, lo + k, hi)];
  return [...path(leaves, m - k, lo + k, hi), mth(leaves, lo, lo + k)];
}

/** The audit path PATH(m, D[n]) of RFC 6962 §2.1.1, leaf-most hash first, as hex. */
export function auditPath(entryHashes: readonly string[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= entryHashes.length) {
    throw new RangeError(`leaf index ${index} is outside a tree of ${entryHashes.length}`);
  }
  return path(entryHashes.map(leafHash), index, 0, entryHashes.length).map((b) => b.toString('hex'));
}

/**
 * Checks an inclusion proof (RFC 9162 §2.1.3.2): folds the audit path into the leaf and
 * compares the result with the root. What an auditor runs with a root kept outside our database.
 */
export function verifyInclusion(
  entryHashHex: string,
  leafIndex: number,
  treeSize: number,
  proof: readonly string[],
  rootHex: string,
): boolean {
  if (!Number.isInteger(leafIndex) || !Number.isInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) {
    return false;
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash(entryHashHex);
  for (const hex of proof) {
    if (sn === 0) return false;
    const p = Buffer.from(hex, 'hex');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHex;
}
