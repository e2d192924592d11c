import { describe, expect, it } from 'vitest';
import { auditPath, merkleRoot, verifyInclusion } from './merkle.ts';

// The eight leaves and roots of Certificate Transparency's reference tests (merkle_tree_test.cc),
// leaves given as hex bytes.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 Merkle trees', () => {
  it('reproduces the reference roots for 1 to 8 leaves, and sha256() for none', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (const [i, root] of ROOTS.entries()) expect(merkleRoot(LEAVES.slice(0, i + 1))).toBe(root);
  });

  it('reproduces the reference audit path of leaf 0 in the 8-leaf tree', () => {
    expect(auditPath(LEAVES, 0)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });

  it('verifies every leaf of trees of 1 to 70 leaves, and nothing else', () => {
    const leaves = Array.from({ length: 71 }, (_, i) => i.toString(16).padStart(64, '0'));
    for (let n = 1; n <= 70; n++) {
      const tree = leaves.slice(0, n);
      const root = merkleRoot(tree);
      for (let i = 0; i < n; i++) {
        const proof = auditPath(tree, i);
        expect(verifyInclusion(tree[i]!, i, n, proof, root)).toBe(true);
        expect(verifyInclusion(tree[(i + 1) % n]!, i, n, proof, root)).toBe(n === 1);
        // The root binds the tree: the same path does not prove membership of a larger tree.
        expect(verifyInclusion(tree[i]!, i, n, proof, merkleRoot(leaves.slice(0, n + 1)))).toBe(false);
      }
    }
    expect(() => auditPath(leaves, 71)).toThrow(RangeError);
  });
});
