import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../kernel/errors.ts';
import { authenticityCodeKey, formatCode, issueCode } from './codes.ts';
import { LABELS_PER_PAGE, labelSheetPdf } from './label-sheet.ts';

const key = authenticityCodeKey('test-installation-secret-0123456789');
const codes = (n: number) => Array.from({ length: n }, () => issueCode(key).code);
const options = {
  productTitle: 'Wisconsin Ginseng Root, 4 oz',
  lotNumber: 'GIN-2026-07',
  verifyUrlBase: 'https://heartland.example/verify/',
};

/** Page objects (not the /Pages tree). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

/** The page content streams, inflated, as text. */
function contents(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a content stream we can read (a font); skip
    }
  }
  return out.join('\n');
}

const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');

describe('QR label sheet', () => {
  it('lays 100 codes on 5 A4 pages of 24, each code written under its QR', async () => {
    const list = codes(100);
    const pdf = await labelSheetPdf(list, options);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(LABELS_PER_PAGE).toBe(24);
    expect(pageCount(pdf)).toBe(5);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = contents(pdf).toLowerCase();
    for (const code of [list[0]!, list[57]!, list[99]!]) expect(text).toContain(hex(formatCode(code)));
    // QR modules are drawn as filled rectangles.
    expect((text.match(/ re\n/g) ?? []).length).toBeGreaterThan(100 * 50);
  });

  it('fits exactly 24 on a US Letter page and starts another for the 25th', async () => {
    const one = await labelSheetPdf(codes(24), { ...options, paper: 'LETTER' });
    expect(pageCount(one)).toBe(1);
    expect(one.toString('latin1')).toContain('/MediaBox [0 0 612 792]');
    expect(pageCount(await labelSheetPdf(codes(25), { ...options, paper: 'LETTER' }))).toBe(2);
  });

  it('prints a title in a script the standard fonts lack as "?" rather than failing', async () => {
    const pdf = await labelSheetPdf(codes(1), { ...options, productTitle: '威斯康星花旗参' });
    expect(pageCount(pdf)).toBe(1);
  });

  it.each([
    ['no codes', [], options, 'trust.invalid_label_sheet'],
    ['a malformed code', ['NOT-A-CODE'], options, 'trust.code_malformed'],
    [
      'a non-http verify URL',
      codes(1),
      { ...options, verifyUrlBase: 'javascript:alert(1)' },
      'trust.invalid_label_sheet',
    ],
    ['an empty title', codes(1), { ...options, productTitle: '' }, 'trust.invalid_label_sheet'],
    ['an unknown option', codes(1), { ...options, colour: 'red' }, 'trust.invalid_label_sheet'],
  ])('refuses %s (400)', async (_, list, opts, code) => {
    let err: unknown;
    try {
      await labelSheetPdf(list, opts as typeof options);
    } catch (e) {
      err = e;
    }
    expect(isDomainError(err) && [err.code, err.kind]).toEqual([code, 'invalid']);
  });
});
