import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

/** Everything the letter shows, already formatted (dates in id-ID, the tenant's zone). */
export interface LetterContent {
  documentId: string;
  /** Letterhead lines above the agency name, e.g. "PEMERINTAH KABUPATEN BANYUWANGI". */
  headerLines: string[];
  agencyName: string;
  agencyAddress?: string;
  titleId: string;
  titleEn?: string;
  trackingCode?: string;
  recipientName: string;
  decision: 'approved' | 'rejected';
  paragraphs: string[];
  /** "22 November 2026" */
  issuedDateText: string;
  /** Where it was signed, e.g. "Banyuwangi". */
  placeName?: string;
  signerName: string;
  signerRole?: string;
  kid: string;
  /** The URL the QR holds: <public url>/verifikasi?d=<payload>. */
  verifyUrl: string;
  /** The verify page without the payload, printed for people typing it. */
  verifyPageUrl: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/**
 * The standard PDF fonts cover WinAnsi only (Latin-1 plus a few signs), enough for Indonesian. A
 * character outside it is written without its accent when that helps, else as "?"; the signed
 * payload and the database keep the exact text.
 */
function fitText(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    if (supported.has(ch.codePointAt(0)!)) out += ch;
    else {
      const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...plain].every((c) => supported.has(c.codePointAt(0)!)) && plain ? plain : '?';
    }
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of fitText(font, text).split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Writes top to bottom, starting a new page when the next line would not fit. */
class Cursor {
  y = A4.height - MARGIN;
  page: PDFPage;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
  }

  /** Moves to a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number) {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }

  text(text: string, options: { size?: number; font?: keyof Fonts; center?: boolean; x?: number; gap?: number } = {}) {
    const size = options.size ?? 11;
    const font = this.fonts[options.font ?? 'regular'];
    const width = A4.width - 2 * MARGIN - (options.x ?? 0);
    for (const line of wrap(font, size, text, width)) {
      const x = options.center ? (A4.width - font.widthOfTextAtSize(line, size)) / 2 : MARGIN + (options.x ?? 0);
      this.ensure(size * 1.35);
      this.y -= size * 1.35;
      this.page.drawText(line, { x, y: this.y, size, font, color: INK });
    }
    this.y -= options.gap ?? 0;
  }

  rule(thickness: number, gap = 3) {
    this.y -= gap;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4.width - MARGIN, y: this.y },
      thickness,
      color: INK,
    });
  }
}

/** One SVG path of the QR's dark modules, a rectangle per horizontal run (small, crisp at any zoom). */
function qrPath(text: string): { path: string; size: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  return { path, size: n };
}

/** Renders the letter (A4, more pages only for long bodies) with the verification QR; returns the PDF bytes ending in %%EOF. */
export async function renderLetterPdf(content: LetterContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(fitText(await doc.embedFont(StandardFonts.Helvetica), content.titleId));
  doc.setAuthor(content.agencyName);
  doc.setProducer('Layan');
  doc.setCreator('Layan');
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const c = new Cursor(doc, fonts);

  for (const line of content.headerLines) c.text(line.toUpperCase(), { size: 12, font: 'bold', center: true });
  c.text(content.agencyName.toUpperCase(), { size: 14, font: 'bold', center: true });
  if (content.agencyAddress) c.text(content.agencyAddress, { size: 9, center: true });
  c.rule(2, 6);
  c.rule(0.6, 2);
  c.y -= 18;

  c.text(content.titleId.toUpperCase(), { size: 13, font: 'bold', center: true });
  if (content.titleEn) c.text(content.titleEn, { size: 9, font: 'italic', center: true });
  c.text(`Nomor dokumen: ${content.documentId}`, { size: 9, center: true, gap: 14 });

  const rows: [string, string][] = [
    ['Diberikan kepada', content.recipientName],
    ...(content.trackingCode ? ([['Nomor permohonan', content.trackingCode]] as [string, string][]) : []),
    ['Keputusan', content.decision === 'approved' ? 'DISETUJUI' : 'DITOLAK'],
  ];
  for (const [label, value] of rows) {
    const y = c.y;
    c.text(label, { size: 11 });
    c.y = y;
    c.text(`: ${value}`, { size: 11, font: 'bold', x: 130 });
  }
  c.y -= 12;
  for (const paragraph of content.paragraphs) c.text(paragraph, { size: 11, gap: 8 });

  // Signature block on the right, QR on the left at the same height, with the footer: kept together.
  c.y -= 16;
  c.ensure(230);
  const blockTop = c.y;
  const right = A4.width / 2 + 20;
  const place = content.placeName ? `${content.placeName}, ` : '';
  c.text(`${place}${content.issuedDateText}`, { x: right - MARGIN, size: 11 });
  if (content.signerRole) c.text(content.signerRole, { x: right - MARGIN, size: 11 });
  c.y -= 40;
  c.text(content.signerName, { x: right - MARGIN, size: 11, font: 'bold' });
  c.text('Ditandatangani secara elektronik', { x: right - MARGIN, size: 8, font: 'italic' });

  const qr = qrPath(content.verifyUrl);
  const qrSide = 130;
  const scale = qrSide / (qr.size + 8); // 4 modules of quiet zone on each side
  const page = c.page;
  page.drawRectangle({ x: MARGIN, y: blockTop - qrSide, width: qrSide, height: qrSide, color: rgb(1, 1, 1) });
  page.drawSvgPath(qr.path, {
    x: MARGIN + 4 * scale,
    y: blockTop - 4 * scale,
    scale,
    color: rgb(0, 0, 0),
  });
  c.y = Math.min(c.y, blockTop - qrSide) - 10;

  c.rule(0.4, 6);
  c.text(
    `Keaslian dokumen ini dapat diperiksa dengan memindai kode QR di atas, atau dengan mengunggah berkas PDF ini di ${content.verifyPageUrl}. ` +
      `Dokumen ditandatangani secara elektronik (Ed25519, kunci ${content.kid}); perubahan satu bait pun pada berkas membuatnya tidak sah.`,
    { size: 8 },
  );
  c.text(
    `The authenticity of this document can be checked by scanning the QR code above or uploading this PDF at ${content.verifyPageUrl}.`,
    { size: 8, font: 'italic' },
  );

  // Every page names the document, so a page separated from the rest still says where it belongs.
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const footer = `Nomor dokumen ${content.documentId} · halaman ${i + 1} dari ${pages.length}`;
    p.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 7, font: fonts.regular, color: INK });
  });

  // No object streams: the file stays plain enough for any reader, and the trailer we append
  // (document.signature.ts) follows a classic %%EOF.
  return doc.save({ useObjectStreams: false });
}
