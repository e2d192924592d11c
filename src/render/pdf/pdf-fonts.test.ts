import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { cjkFace, isLatin1, preferredFaces, woffToSfnt } from './pdf-fonts.ts';

describe('CJK fonts for the shipping-paper PDFs', () => {
  it('unpacks each WOFF face into an sfnt that maps its script', () => {
    const cp = (c: string) => c.codePointAt(0)!;
    const sc = cjkFace('sc');
    expect(sc.data.readUInt32BE(0)).toBe(0x00010000); // TrueType outlines
    expect(sc.has(cp('浦'))).toBe(true);
    expect(cjkFace('tc').has(cp('彌'))).toBe(true);
    expect(cjkFace('jp').has(cp('ハ'))).toBe(true);
    expect(cjkFace('kr').has(cp('김'))).toBe(true);
    expect(cjkFace('kr').has(cp('ก'))).toBe(false); // Thai: no embedded face has it
    expect(cjkFace('sc')).toBe(sc); // unpacked once per process
  });

  it('refuses what is not WOFF, and unpacks a face fontkit reads back with the same glyphs', () => {
    expect(() => woffToSfnt(Buffer.from('%PDF-1.7'))).toThrow('not a WOFF file');
    expect(() => woffToSfnt(cjkFace('sc').data)).toThrow('not a WOFF file'); // already an sfnt
    const sfnt = fontkit.create(cjkFace('kr').data) as fontkit.Font;
    expect(sfnt.type).toBe('TTF');
    expect(sfnt.numGlyphs).toBeGreaterThan(1000);
    expect(sfnt.glyphForCodePoint('김'.codePointAt(0)!).id).toBeGreaterThan(0);
  });

  it("puts the market's own Han forms first", () => {
    expect(preferredFaces('CN')[0]).toBe('sc');
    expect(preferredFaces('HK')[0]).toBe('tc');
    expect(preferredFaces('TW')[0]).toBe('tc');
    expect(preferredFaces('JP')[0]).toBe('jp');
    expect(preferredFaces('KR')[0]).toBe('kr');
    expect(new Set(preferredFaces('SG')).size).toBe(4);
    expect(isLatin1('é'.codePointAt(0)!)).toBe(true);
    expect(isLatin1('ế'.codePointAt(0)!)).toBe(false);
  });
});
