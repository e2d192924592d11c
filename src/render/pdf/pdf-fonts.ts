import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Fonts for the shipping-paper PDFs. Consignee names and addresses are written in Chinese,
 * Japanese or Korean, which PDF's standard fonts cannot show, so the Noto Sans CJK faces of the
 * @fontsource packages are embedded (pdfkit subsets them: only the glyphs used are stored).
 * Fontsource ships WOFF; pdfkit's font engine reads WOFF but decompresses a table each time it is
 * touched (seconds per document), so each face is unpacked once into a plain sfnt and kept.
 */

export type CjkFace = 'sc' | 'tc' | 'jp' | 'kr';

const FILES: Record<CjkFace, { pkg: string; file: string }> = {
  sc: { pkg: '@fontsource/noto-sans-sc', file: 'noto-sans-sc-chinese-simplified-400-normal.woff' },
  tc: { pkg: '@fontsource/noto-sans-tc', file: 'noto-sans-tc-chinese-traditional-400-normal.woff' },
  jp: { pkg: '@fontsource/noto-sans-jp', file: 'noto-sans-jp-japanese-400-normal.woff' },
  kr: { pkg: '@fontsource/noto-sans-kr', file: 'noto-sans-kr-korean-400-normal.woff' },
};

/** WOFF 1.0 → sfnt (TrueType/OpenType): inflate each table and lay the tables out again. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: string; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({
      tag: woff.toString('latin1', e, e + 4),
      checksum: woff.readUInt32BE(e + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    });
  }
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(12 + 16 * numTables + tables.reduce((s, t) => s + padded(t.data.length), 0));
  let pow2 = 1;
  let log2 = 0;
  while (pow2 * 2 <= numTables) {
    pow2 *= 2;
    log2++;
  }
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(pow2 * 16, 6);
  out.writeUInt16BE(log2, 8);
  out.writeUInt16BE(numTables * 16 - pow2 * 16, 10);
  let offset = 12 + 16 * numTables;
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    out.write(t.tag, r, 'latin1');
    out.writeUInt32BE(t.checksum, r + 4);
    out.writeUInt32BE(offset, r + 8);
    out.writeUInt32BE(t.data.length, r + 12);
    t.data.copy(out, offset);
    offset += padded(t.data.length);
  });
  return out;
}

/** The code point ranges a font maps (cmap format 12, else format 4), sorted, for coverage checks. */
export function cmapRanges(sfnt: Buffer): [number, number][] {
  const numTables = sfnt.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const r = 12 + i * 16;
    if (sfnt.toString('latin1', r, r + 4) === 'cmap') cmap = sfnt.readUInt32BE(r + 8);
  }
  if (cmap < 0) return [];
  const subtables = Array.from({ length: sfnt.readUInt16BE(cmap + 2) }, (_, i) => {
    const off = cmap + sfnt.readUInt32BE(cmap + 4 + i * 8 + 4);
    return { off, format: sfnt.readUInt16BE(off) };
  });
  const f12 = subtables.find((s) => s.format === 12);
  const ranges: [number, number][] = [];
  if (f12) {
    const groups = sfnt.readUInt32BE(f12.off + 12);
    for (let g = 0; g < groups; g++) {
      const at = f12.off + 16 + g * 12;
      ranges.push([sfnt.readUInt32BE(at), sfnt.readUInt32BE(at + 4)]);
    }
  } else {
    const f4 = subtables.find((s) => s.format === 4);
    if (!f4) return [];
    const segs = sfnt.readUInt16BE(f4.off + 6) / 2;
    for (let s = 0; s < segs; s++) {
      const end = sfnt.readUInt16BE(f4.off + 14 + s * 2);
      const start = sfnt.readUInt16BE(f4.off + 16 + segs * 2 + s * 2);
      if (start !== 0xffff) ranges.push([start, end]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function covers(ranges: [number, number][], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

export interface LoadedFace {
  face: CjkFace;
  data: Buffer;
  has(cp: number): boolean;
}

const require = createRequire(import.meta.url);
const loaded = new Map<CjkFace, LoadedFace>();

/** A CJK face, unpacked on first use and kept for the life of the process. */
export function cjkFace(face: CjkFace): LoadedFace {
  const hit = loaded.get(face);
  if (hit) return hit;
  const { pkg, file } = FILES[face];
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const data = woffToSfnt(readFileSync(path.join(dir, 'files', file)));
  const ranges = cmapRanges(data);
  const f = { face, data, has: (cp: number) => covers(ranges, cp) };
  loaded.set(face, f);
  return f;
}

/** Which face first for a market's Han characters: simplified, traditional, Japanese or Korean forms. */
export function preferredFaces(market: string): CjkFace[] {
  const first: CjkFace =
    market === 'HK' || market === 'TW' ? 'tc' : market === 'JP' ? 'jp' : market === 'KR' ? 'kr' : 'sc';
  return [first, ...(['sc', 'tc', 'jp', 'kr'] as const).filter((f) => f !== first)];
}

/** Characters Helvetica (WinAnsi) shows: printable ASCII and Latin-1. */
export const isLatin1 = (cp: number) => (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff);
