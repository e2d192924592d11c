import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/**
 * Fonts for the shipping-paper PDFs. Consignee names and addresses are written in Chinese,
 * Japanese or Korean, which PDF's standard fonts cannot show, so the Noto Sans CJK faces of the
 * @fontsource packages are embedded (pdfkit subsets them: only the glyphs used are stored).
 * Fontsource ships WOFF; pdfkit's font engine (fontkit) reads WOFF but inflates a table each time
 * it is touched (seconds per document), so each face is unpacked once into a plain sfnt and kept.
 */

export type CjkFace = 'sc' | 'tc' | 'jp' | 'kr';

const FILES: Record<CjkFace, { pkg: string; file: string }> = {
  sc: { pkg: '@fontsource/noto-sans-sc', file: 'noto-sans-sc-chinese-simplified-400-normal.woff' },
  tc: { pkg: '@fontsource/noto-sans-tc', file: 'noto-sans-tc-chinese-traditional-400-normal.woff' },
  jp: { pkg: '@fontsource/noto-sans-jp', file: 'noto-sans-jp-japanese-400-normal.woff' },
  kr: { pkg: '@fontsource/noto-sans-kr', file: 'noto-sans-kr-korean-400-normal.woff' },
};

/** A WOFF table as fontkit's directory reads it. */
interface WoffTable {
  tag: string;
  offset: number;
  compLength: number;
  length: number;
  origChecksum: number;
}

/**
 * WOFF 1.0 → sfnt. fontkit reads the WOFF directory; each table is inflated once and laid out
 * again as a plain TrueType file, so pdfkit never inflates a table twice.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  let font: fontkit.Font;
  try {
    font = fontkit.create(woff) as fontkit.Font;
  } catch {
    throw new Error('not a WOFF file');
  }
  if (font.type !== 'WOFF') throw new Error('not a WOFF file');
  // fontkit keeps the parsed directory on the font; its tables are what an sfnt needs.
  const directory = (font as unknown as { directory: { flavor: number; tables: Record<string, WoffTable> } })
    .directory;
  const tables = Object.values(directory.tables)
    .sort((a, b) => (a.tag < b.tag ? -1 : 1))
    .map((t) => {
      const raw = woff.subarray(t.offset, t.offset + t.compLength);
      return { tag: t.tag, checksum: t.origChecksum, data: t.compLength < t.length ? inflateSync(raw) : raw };
    });
  const numTables = tables.length;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(12 + 16 * numTables + tables.reduce((s, t) => s + padded(t.data.length), 0));
  const log2 = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** log2 * 16;
  out.writeUInt32BE(directory.flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(log2, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
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

export interface LoadedFace {
  face: CjkFace;
  /** The face as a plain sfnt (TrueType), for pdfkit. */
  data: Buffer;
  /** Whether the face maps this code point (fontkit reads the cmap). */
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
  const font = fontkit.create(data) as fontkit.Font;
  const f = { face, data, has: (cp: number) => font.hasGlyphForCodePoint(cp) };
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
