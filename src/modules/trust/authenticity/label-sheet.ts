import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { z } from 'zod';
import { invalid } from '../../../kernel/errors.ts';
import { formatCode, parseCode } from './codes.ts';
import { MAX_CODES_PER_BATCH } from './issue-codes.ts';

export type PaperSize = 'A4' | 'LETTER';

/** Page sizes in points and the label grid: 4 × 6 labels of about 45 × 45 mm on either paper. */
const PAGES: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  LETTER: { width: 612, height: 792 },
};
export const LABEL_COLUMNS = 4;
export const LABEL_ROWS = 6;
export const LABELS_PER_PAGE = LABEL_COLUMNS * LABEL_ROWS;
const MARGIN = 36;
const QR_SIZE = 80;

const OptionsSchema = z
  .object({
    productTitle: z.string().trim().min(1).max(120),
    lotNumber: z.string().trim().min(1).max(64),
    /** The page a scan opens; the code is appended as the last path segment. */
    verifyUrlBase: z
      .string()
      .max(200)
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'An http(s) URL.'),
    paper: z.enum(['A4', 'LETTER']).default('A4'),
    /** A TrueType/OpenType font for titles in other scripts; without one, such characters print as "?". */
    font: z.instanceof(Buffer).optional(),
  })
  .strict();
export type LabelSheetOptions = z.input<typeof OptionsSchema>;

// The standard PDF fonts cover Latin-1 only.
const latin1 = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** Draws the QR matrix as vector squares, one rectangle per run of dark modules in a row. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2; // modules of white border inside the square; the cell spacing adds the rest
  const unit = size / (modules.size + 2 * quiet);
  for (let r = 0; r < modules.size; r++) {
    let c = 0;
    while (c < modules.size) {
      if (!modules.data[r * modules.size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < modules.size && modules.data[r * modules.size + c]) c++;
      // A hair of overlap so viewers do not show seams between rows.
      doc.rect(x + (quiet + start) * unit, y + (quiet + r) * unit, (c - start) * unit, unit + 0.05);
    }
  }
  doc.fill('#000000');
}

/**
 * A printable sheet of QR labels, 24 a page (4 × 6), each with its code written under it in
 * four groups, the product and the lot. The QR holds `<verifyUrlBase>/<code>`.
 * Bad codes or options → `trust.invalid_label_sheet` (400).
 */
export async function labelSheetPdf(codes: readonly string[], options: LabelSheetOptions): Promise<Buffer> {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw invalid('trust.invalid_label_sheet', 'The label sheet options are invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  if (!Array.isArray(codes) || codes.length === 0 || codes.length > MAX_CODES_PER_BATCH) {
    throw invalid('trust.invalid_label_sheet', `A sheet holds 1 to ${MAX_CODES_PER_BATCH} codes.`);
  }
  const canonical = codes.map((c) => parseCode(c).canonical);
  const o = parsed.data;
  const base = o.verifyUrlBase.replace(/\/+$/, '');
  const page = PAGES[o.paper];
  const cellW = (page.width - 2 * MARGIN) / LABEL_COLUMNS;
  const cellH = (page.height - 2 * MARGIN) / LABEL_ROWS;
  const text = o.font ? (s: string) => s : latin1;

  const doc = new PDFDocument({ size: o.paper, margin: 0, autoFirstPage: false, info: { Title: 'Labels' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (o.font) doc.registerFont('label', o.font);
  const titleFont = o.font ? 'label' : 'Helvetica';
  const pages = Math.ceil(canonical.length / LABELS_PER_PAGE);

  canonical.forEach((code, i) => {
    const slot = i % LABELS_PER_PAGE;
    if (slot === 0) {
      doc.addPage();
      const footer = `${o.productTitle} · lot ${o.lotNumber} · sheet ${i / LABELS_PER_PAGE + 1} of ${pages}`;
      doc
        .font(titleFont)
        .fontSize(7)
        .fillColor('#555555')
        .text(text(footer), MARGIN, page.height - MARGIN + 12, {
          width: page.width - 2 * MARGIN,
          lineBreak: false,
        });
    }
    const x = MARGIN + (slot % LABEL_COLUMNS) * cellW;
    const y = MARGIN + Math.floor(slot / LABEL_COLUMNS) * cellH;
    drawQr(doc, `${base}/${code}`, x + (cellW - QR_SIZE) / 2, y + 4, QR_SIZE);
    const w = { width: cellW - 8, align: 'center' as const, lineBreak: false, ellipsis: true };
    doc
      .fillColor('#000000')
      .font('Courier-Bold')
      .fontSize(9)
      .text(formatCode(code), x + 4, y + QR_SIZE + 6, w);
    doc
      .font(titleFont)
      .fontSize(6)
      .text(text(o.productTitle), x + 4, y + QR_SIZE + 18, w)
      .text(text(`Lot ${o.lotNumber}`), x + 4, y + QR_SIZE + 26, w);
  });
  doc.end();
  return done;
}
