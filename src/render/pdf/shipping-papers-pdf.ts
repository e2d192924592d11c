import PDFDocument from 'pdfkit';
import type * as compliance from '../../modules/compliance/index.ts';
import { format, fromJson, type MoneyJson } from '../../money/index.ts';
import { cjkFace, isLatin1, preferredFaces } from './pdf-fonts.ts';

const MARGIN = 40;
const money = (m: MoneyJson) => format(fromJson(m));

/**
 * A PDF page writer that picks, for each piece of text, a font that can show it: Helvetica for
 * Latin-1, otherwise the market's Noto Sans CJK face (then the other CJK faces). A character no
 * embedded face has is printed as '?', and the document says so: the JSON form keeps the text.
 */
class PaperWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly registered = new Set<string>();
  private readonly faces: ReturnType<typeof preferredFaces>;
  lossy = false;
  y = MARGIN;

  constructor(title: string, market: string) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      info: { Title: title, Creator: 'Heartland', Producer: 'Heartland (pdfkit)' },
    });
    this.faces = preferredFaces(market);
  }

  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private font(raw: string, bold: boolean): { name: string; text: string } {
    // Compatibility forms (half-width katakana, full-width Latin) print as their usual forms.
    const text = raw.normalize('NFKC');
    const cps = [...text].map((c) => c.codePointAt(0)!);
    if (cps.every(isLatin1)) return { name: bold ? 'Helvetica-Bold' : 'Helvetica', text };
    let best = { face: this.faces[0]!, missing: Number.POSITIVE_INFINITY };
    for (const face of this.faces) {
      const f = cjkFace(face);
      const missing = cps.filter((cp) => !f.has(cp) && !isLatin1(cp)).length;
      if (missing < best.missing) best = { face, missing };
      if (missing === 0) break;
    }
    const f = cjkFace(best.face);
    if (!this.registered.has(best.face)) {
      this.doc.registerFont(best.face, f.data);
      this.registered.add(best.face);
    }
    if (best.missing === 0) return { name: best.face, text };
    this.lossy = true;
    return { name: best.face, text: [...text].map((c) => (f.has(c.codePointAt(0)!) ? c : '?')).join('') };
  }

  /** Sets the font for `text` and returns the text as it will print. */
  private use(text: string, size: number, bold: boolean): string {
    const f = this.font(text, bold);
    this.doc.font(f.name).fontSize(size);
    return f.text;
  }

  measure(text: string, width: number, size = 9, bold = false): number {
    return this.doc.heightOfString(this.use(text, size, bold), { width });
  }

  at(
    text: string,
    x: number,
    y: number,
    width: number,
    size = 9,
    bold = false,
    align: 'left' | 'right' = 'left',
  ) {
    this.doc.text(this.use(text, size, bold), x, y, { width, align });
  }

  ensure(height: number): void {
    if (this.y + height > this.doc.page.height - MARGIN) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  line(text: string, size = 9, bold = false): void {
    const h = this.measure(text, this.width, size, bold);
    this.ensure(h);
    this.at(text, MARGIN, this.y, this.width, size, bold);
    this.y += h + 2;
  }

  gap(h = 8): void {
    this.y += h;
  }

  /** Two blocks side by side (exporter | consignee). */
  columns(left: string[], right: string[]): void {
    const w = (this.width - 20) / 2;
    const block = (lines: string[]) => lines.reduce((s, l, i) => s + this.measure(l, w, 9, i === 0) + 2, 0);
    const h = Math.max(block(left), block(right));
    this.ensure(h);
    const top = this.y;
    for (const [x, lines] of [
      [MARGIN, left],
      [MARGIN + w + 20, right],
    ] as const) {
      let y = top;
      lines.forEach((l, i) => {
        this.at(l, x, y, w, 9, i === 0);
        y += this.measure(l, w, 9, i === 0) + 2;
      });
    }
    this.y = top + h;
  }

  table(cols: { title: string; width: number; align?: 'right' }[], rows: string[][]): void {
    const total = cols.reduce((s, c) => s + c.width, 0);
    const widths = cols.map((c) => (c.width / total) * this.width);
    const row = (cells: string[], bold: boolean) => {
      const h = Math.max(...cells.map((c, i) => this.measure(c, widths[i]! - 4, 8, bold))) + 4;
      this.ensure(h);
      let x = MARGIN;
      cells.forEach((c, i) => {
        this.at(c, x + 2, this.y + 2, widths[i]! - 4, 8, bold, cols[i]!.align ?? 'left');
        x += widths[i]!;
      });
      this.doc
        .moveTo(MARGIN, this.y + h)
        .lineTo(MARGIN + this.width, this.y + h)
        .lineWidth(0.5)
        .stroke('#999999');
      this.y += h;
    };
    row(
      cols.map((c) => c.title),
      true,
    );
    for (const r of rows) row(r, false);
    this.gap(6);
  }

  async finish(): Promise<Buffer> {
    if (this.lossy)
      this.line(
        'Some characters cannot be shown by the fonts of this PDF and are printed as "?"; the JSON form has the exact text.',
        7,
      );
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}

const address = (p: compliance.CommercialInvoiceJson['consignee']) => [
  ...p.address.lines,
  [p.address.city, p.address.region, p.address.postalCode].filter(Boolean).join(', '),
  p.address.country,
];

function parties(
  w: PaperWriter,
  doc: compliance.CommercialInvoiceJson | compliance.PackingListJson,
  ein?: string,
) {
  w.columns(
    [
      'Exporter (USPPI)',
      doc.exporter.name,
      ...address({ ...doc.exporter, uscc: null }),
      ...(ein ? [`EIN ${ein}`] : []),
      ...(doc.exporter.phone ? [`Tel. ${doc.exporter.phone}`] : []),
    ],
    [
      'Consignee',
      doc.consignee.name,
      ...address({ ...doc.consignee, uscc: null }),
      `Tel. ${doc.consignee.phone}`,
    ],
  );
  w.gap();
}

function shipmentLines(s: compliance.CommercialInvoiceJson['shipment']): string[] {
  if (!s) return ['Carrier and air waybill: not yet shipped.'];
  return [
    `Carrier ${s.carrier}, air waybill / tracking ${s.trackingNumber}, shipped ${s.shippedAt.slice(0, 10)}.`,
  ];
}

/** The commercial invoice as a PDF for people; the JSON form is the same document for machines. */
export async function commercialInvoicePdf(inv: compliance.CommercialInvoiceJson): Promise<Buffer> {
  const w = new PaperWriter(`Commercial invoice ${inv.invoiceNumber}`, inv.consignee.address.country);
  w.line('COMMERCIAL INVOICE', 16, true);
  w.line(
    `Invoice ${inv.invoiceNumber}   Date ${inv.invoiceDate}   ${inv.status === 'draft' ? 'DRAFT' : 'Final'}`,
    10,
  );
  w.line(`Order ${inv.orderId}`, 8);
  w.gap();
  parties(w, inv, inv.exporter.ein);
  w.line(
    `Terms: ${inv.terms.incoterm} ${inv.terms.namedPlace} (${inv.terms.incotermsVersion}). Payment: ${inv.terms.payment}`,
  );
  w.gap(4);
  w.table(
    [
      { title: '#', width: 3 },
      { title: 'Description', width: 22 },
      { title: 'HS / Schedule B', width: 12 },
      { title: 'ECCN', width: 7 },
      { title: 'Origin', width: 5 },
      { title: 'Qty', width: 5, align: 'right' },
      { title: 'Unit (USD)', width: 11, align: 'right' },
      { title: 'Total (USD)', width: 12, align: 'right' },
      { title: `Total (${inv.buyerCurrency})`, width: 13, align: 'right' },
    ],
    inv.lines.map((l) => [
      String(l.lineNo),
      `${l.description}${l.gstPaid ? ' (GST paid)' : ''}`,
      `${l.hsCode}${l.scheduleB ? ` / ${l.scheduleB}` : ''}`,
      l.eccn,
      l.countryOfOrigin,
      `${l.quantity} ${l.unit}`,
      money(l.unitPriceUsd),
      money(l.lineTotalUsd),
      money(l.lineTotal),
    ]),
  );
  const c = inv.charges;
  w.line(`Goods ${money(c.goodsUsd)}   Freight ${money(c.freightUsd)}   Insurance ${money(c.insuranceUsd)}`);
  w.line(`Invoice total ${money(c.invoiceTotalUsd)}`, 10, true);
  w.line(
    `Paid by the buyer: goods ${money(c.goods)}, freight ${money(c.freight)}, duties and taxes ${money(c.dutiesAndTaxes)}, total ${money(c.totalPaid)} (rate ${inv.fxRate}).`,
    8,
  );
  w.gap();
  w.line(
    `Packages ${inv.packages}   Gross weight ${inv.grossWeightKg ?? 'not stated'} kg   Net weight not stated`,
  );
  for (const s of shipmentLines(inv.shipment)) w.line(s);
  const x = inv.export;
  w.line(
    x.eeiRequired
      ? `EEI filed: ITN ${x.itn ?? 'REQUIRED BEFORE SHIPPING'}`
      : `EEI not required: ${x.exemptionLegend ?? ''}`,
    9,
    true,
  );
  for (const r of x.reasons) w.line(`${r.message} (${r.citation})`, 8);
  if (x.destinationControlStatement) {
    w.gap(4);
    w.line(`Destination Control Statement (15 CFR 758.6), ECCN ${x.eccns.join(', ')}:`, 9, true);
    w.line(x.destinationControlStatement, 8);
  }
  if (inv.lowValueGoods.marks.length > 0) w.line(`Marks: ${inv.lowValueGoods.marks.join('; ')}`, 9, true);
  w.gap();
  for (const n of inv.notes) w.line(n, 7);
  return w.finish();
}

/** The packing list as a PDF. */
export async function packingListPdf(pl: compliance.PackingListJson): Promise<Buffer> {
  const w = new PaperWriter(`Packing list ${pl.packingListNumber}`, pl.consignee.address.country);
  w.line('PACKING LIST', 16, true);
  w.line(
    `Packing list ${pl.packingListNumber}   Date ${pl.date}   ${pl.status === 'draft' ? 'DRAFT' : 'Final'}`,
    10,
  );
  w.line(`Invoice ${pl.invoiceNumber}   Order ${pl.orderId}`, 8);
  w.gap();
  parties(w, pl);
  for (const p of pl.packages) {
    w.line(`Package ${p.packageNo}: ${p.marks.join(' / ')}`, 9, true);
    w.table(
      [
        { title: '#', width: 3 },
        { title: 'SKU', width: 14 },
        { title: 'Description', width: 35 },
        { title: 'HS', width: 10 },
        { title: 'Qty', width: 8, align: 'right' },
        { title: 'Unit kg', width: 10, align: 'right' },
        { title: 'Total kg', width: 10, align: 'right' },
      ],
      p.lines.map((l) => [
        String(l.lineNo),
        l.sku,
        l.description,
        l.hsCode,
        `${l.quantity} ${l.unit}`,
        l.unitWeightKg ?? '-',
        l.weightKg ?? '-',
      ]),
    );
  }
  const t = pl.totals;
  w.line(
    `Packages ${t.packages}   Items ${t.quantity}   Gross weight ${t.grossWeightKg ?? 'not stated'} kg   Net weight not stated`,
    9,
    true,
  );
  for (const s of shipmentLines(pl.shipment)) w.line(s);
  w.gap();
  for (const n of pl.notes) w.line(n, 7);
  return w.finish();
}
