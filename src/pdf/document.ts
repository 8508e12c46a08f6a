/**
 * A small builder for Persian PDF documents (certificates, receipts) over pdfkit: A4, Vazirmatn,
 * everything right to left and right-aligned. pdfkit's own text flow is not used — it wraps and
 * orders left to right — so every line is wrapped and reordered by `persian-text.ts` and drawn
 * piece by piece at measured positions; the builder keeps its own cursor and breaks pages itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { toPersianDigits } from '../calendar/index.ts';
import { layoutParagraph, lineWidth, ltr, type PdfPiece } from './persian-text.ts';

/** The web app's GOV.UK-like colours (web/src/app/theme.ts), AA contrast on white. */
const COLOURS = {
  text: '#0b0c0c',
  secondaryText: '#484949',
  brand: '#0b3b52',
  border: '#b1b4b6',
  panel: '#f3f2f1',
  rowBg: '#f8f8f7',
  green: '#005a30',
} as const;

/** A4 in points, and the page furniture around the content. */
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { side: 56, top: 104, bottom: 76 } as const;
const CONTENT = { left: MARGIN.side, right: PAGE.width - MARGIN.side, width: PAGE.width - 2 * MARGIN.side };

/** Persian needs a taller line than Latin (the web app uses 1.9 for body text). */
const LINE_HEIGHT = 1.75;

const MINISTRY_FA = 'وزارت تعاون، کار و رفاه اجتماعی';
const SYSTEM_FA = 'سامانهٔ جامع و هوشمند بخش تعاون';

type FontName = 'regular' | 'bold';
type Align = 'right' | 'center' | 'left';

/** Vazirmatn Regular and Bold, read once from the `vazirmatn` package. */
let fontFiles: Record<FontName, Buffer> | undefined;
function fonts(): Record<FontName, Buffer> {
  if (!fontFiles) {
    const require = createRequire(import.meta.url);
    const file = (weight: string): Buffer =>
      readFileSync(require.resolve(`vazirmatn/fonts/ttf/Vazirmatn-${weight}.ttf`));
    fontFiles = { regular: file('Regular'), bold: file('Bold') };
  }

  return fontFiles;
}

/** Document metadata; the author is always «سامانه تعاون» and the language fa-IR. */
export type DocumentMeta = {
  title: string;
  subject?: string;
  keywords?: readonly string[];
  /** Also the PDF's creation date, so the same input gives the same document. */
  createdAt?: Date;
};

/** Text style of a paragraph or heading. */
export type TextStyle = { size?: number; bold?: boolean; colour?: string; align?: Align; gapAfter?: number };

/** A box anyone can use to check the document: its code and where to check it. */
export type VerificationBox = {
  title: string;
  codeLabel: string;
  code: string;
  urlLabel: string;
  url: string;
  note?: string;
};

/**
 * Builds one Persian document top to bottom. Each method draws at the cursor and moves it down,
 * starting a new page when the next block does not fit; `end` adds the header and footer
 * (with «صفحه ۱ از ۲» page numbers) to every page and returns the PDF.
 */
export class PersianPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly pdf: Promise<Buffer>;
  private readonly title: string;
  private y: number = MARGIN.top;
  /** Off while the header and footer are drawn outside the content area. */
  private paging = true;

  constructor(meta: DocumentMeta) {
    this.title = meta.title;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
      bufferPages: true,
      lang: 'fa-IR',
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: meta.title,
        Author: 'سامانه تعاون',
        Subject: meta.subject ?? meta.title,
        Keywords: meta.keywords?.join(', ') ?? '',
        Creator: 'Taavon',
        ...(meta.createdAt ? { CreationDate: meta.createdAt, ModDate: meta.createdAt } : {}),
      },
    });
    const chunks: Buffer[] = [];
    this.pdf = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    const files = fonts();
    this.doc.registerFont('regular', files.regular);
    this.doc.registerFont('bold', files.bold);
  }

  /** A document title (level 1, centred) or a section heading (level 2, right). */
  heading(text: string, level: 1 | 2 = 1): this {
    if (level === 1) {
      this.y += 4;
      this.text(text, { size: 18, bold: true, colour: COLOURS.brand, align: 'center', gapAfter: 10 });
    } else {
      this.ensure(60); // keep a heading with the first lines under it
      this.y += 6;
      this.text(text, { size: 12.5, bold: true, colour: COLOURS.brand, gapAfter: 4 });
    }

    return this;
  }

  /** A paragraph wrapped to the content width (right-aligned unless `style.align` says otherwise). */
  paragraph(text: string, style: TextStyle = {}): this {
    return this.text(text, { size: 10.5, gapAfter: 8, ...style });
  }

  /**
   * A list, each item wrapped under itself with its marker on the right: a bullet, or a drawn
   * tick for checks passed (Vazirmatn has no ✓).
   */
  list(items: readonly string[], marker: 'bullet' | 'check' = 'bullet'): this {
    const size = 10.5;
    const indent = 16;
    const lh = this.lineHeight(size);
    for (const item of items) {
      const lines = this.wrap(item, CONTENT.width - indent, 'regular', size);
      this.ensure(lh);
      const top = this.y;
      if (marker === 'check') {
        const x = CONTENT.right - 11;
        const y = top + lh / 2;
        this.doc
          .moveTo(x, y)
          .lineTo(x + 3.5, y + 3.5)
          .lineTo(x + 10, y - 4)
          .lineWidth(1.6)
          .stroke(COLOURS.green);
      } else {
        this.drawLine(
          this.wrap('•', indent, 'regular', size)[0] ?? [],
          CONTENT.right,
          indent,
          'right',
          'regular',
          size,
          COLOURS.brand,
        );
        this.y = top;
      }
      this.drawLines(lines, CONTENT.left, CONTENT.width - indent, 'right', 'regular', size, COLOURS.text);
    }
    this.y += 6;

    return this;
  }

  /**
   * A two-column table of facts, label on the right (as a Persian reader starts) and value on
   * its left; both wrap, alternate rows are shaded and a row is never split across pages.
   */
  facts(rows: readonly (readonly [label: string, value: string])[]): this {
    const size = 10.5;
    const pad = 5;
    const labelWidth = Math.round(CONTENT.width * 0.34);
    const valueWidth = CONTENT.width - labelWidth;
    const lh = this.lineHeight(size);

    rows.forEach(([label, value], i) => {
      const labelLines = this.wrap(label, labelWidth - 2 * pad, 'bold', size);
      const valueLines = this.wrap(value === '' ? '—' : value, valueWidth - 2 * pad, 'regular', size);
      const height = Math.max(labelLines.length, valueLines.length) * lh + 2 * pad;
      this.ensure(height);

      const top = this.y;
      if (i % 2 === 0) this.doc.rect(CONTENT.left, top, CONTENT.width, height).fill(COLOURS.rowBg);
      this.doc
        .moveTo(CONTENT.left, top + height)
        .lineTo(CONTENT.right, top + height)
        .lineWidth(0.5)
        .stroke(COLOURS.border);

      this.y = top + pad;
      const labelX = CONTENT.right - labelWidth + pad;
      this.drawLines(labelLines, labelX, labelWidth - 2 * pad, 'right', 'bold', size, COLOURS.secondaryText);
      this.y = top + pad;
      this.drawLines(
        valueLines,
        CONTENT.left + pad,
        valueWidth - 2 * pad,
        'right',
        'regular',
        size,
        COLOURS.text,
      );
      this.y = top + height;
    });
    this.y += 10;

    return this;
  }

  /** The framed box with the verification code (large, left to right) and the address to check it at. */
  verificationBox(v: VerificationBox): this {
    const pad = 12;
    const inner = CONTENT.width - 2 * pad;
    const title = this.wrap(v.title, inner, 'bold', 11.5);
    const code = this.wrap(`${v.codeLabel}: ${ltr(v.code)}`, inner, 'bold', 14);
    const url = this.wrap(`${v.urlLabel}: ${ltr(v.url)}`, inner, 'regular', 10);
    const note = v.note ? this.wrap(v.note, inner, 'regular', 9) : [];
    const height =
      2 * pad +
      title.length * this.lineHeight(11.5) +
      code.length * this.lineHeight(14) +
      url.length * this.lineHeight(10) +
      note.length * this.lineHeight(9);

    this.y += 6;
    this.ensure(height);
    const top = this.y;
    this.doc
      .roundedRect(CONTENT.left, top, CONTENT.width, height, 6)
      .lineWidth(1.2)
      .fillAndStroke(COLOURS.panel, COLOURS.brand);

    this.y = top + pad;
    const x = CONTENT.left + pad;
    this.drawLines(title, x, inner, 'right', 'bold', 11.5, COLOURS.brand);
    this.drawLines(code, x, inner, 'right', 'bold', 14, COLOURS.text);
    const urlTop = this.y;
    this.drawLines(url, x, inner, 'right', 'regular', 10, COLOURS.text);
    this.doc.link(x, urlTop, inner, this.y - urlTop, v.url);
    this.drawLines(note, x, inner, 'right', 'regular', 9, COLOURS.secondaryText);
    this.y = top + height + 12;

    return this;
  }

  /** Vertical space, in points. */
  space(points: number): this {
    this.y += points;

    return this;
  }

  /** Adds the header and footer to every page, ends the document and resolves with its bytes. */
  end(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.furniture(i - range.start + 1, range.count);
    }
    this.doc.end();

    return this.pdf;
  }

  /** Header (ministry and system) and footer (title and page number) of page `n` of `count`. */
  private furniture(n: number, count: number): void {
    const saved = this.y;
    this.paging = false;
    this.y = 34;
    this.text(MINISTRY_FA, { size: 11, bold: true, colour: COLOURS.brand, gapAfter: 0 });
    this.text(SYSTEM_FA, { size: 9, colour: COLOURS.secondaryText, gapAfter: 0 });
    const rule = 84;
    this.doc.moveTo(CONTENT.left, rule).lineTo(CONTENT.right, rule).lineWidth(1.5).stroke(COLOURS.brand);

    const footer = PAGE.height - MARGIN.bottom + 22;
    this.doc
      .moveTo(CONTENT.left, footer - 6)
      .lineTo(CONTENT.right, footer - 6)
      .lineWidth(0.5)
      .stroke(COLOURS.border);
    this.y = footer;
    this.text(`صفحه ${toPersianDigits(n)} از ${toPersianDigits(count)}`, {
      size: 8.5,
      colour: COLOURS.secondaryText,
      align: 'left',
      gapAfter: 0,
    });
    this.y = footer;
    this.text(this.title, { size: 8.5, colour: COLOURS.secondaryText, gapAfter: 0 });
    this.y = saved;
    this.paging = true;
  }

  /** Wraps and draws `text` across the content width at the cursor. */
  private text(text: string, style: TextStyle): this {
    const size = style.size ?? 10.5;
    const font: FontName = style.bold ? 'bold' : 'regular';
    const lines = this.wrap(text, CONTENT.width, font, size);
    this.drawLines(
      lines,
      CONTENT.left,
      CONTENT.width,
      style.align ?? 'right',
      font,
      size,
      style.colour ?? COLOURS.text,
    );
    this.y += style.gapAfter ?? 0;

    return this;
  }

  private lineHeight(size: number): number {
    return size * LINE_HEIGHT;
  }

  /** Starts a new page if `height` more points do not fit above the footer. */
  private ensure(height: number): void {
    if (this.paging && this.y + height > PAGE.height - MARGIN.bottom && this.y > MARGIN.top) {
      this.doc.addPage();
      this.y = MARGIN.top;
    }
  }

  private measure(font: FontName, size: number): (s: string) => number {
    this.doc.font(font).fontSize(size);
    return (s) => this.doc.widthOfString(s);
  }

  private wrap(text: string, width: number, font: FontName, size: number): PdfPiece[][] {
    return layoutParagraph(text, width, this.measure(font, size));
  }

  /** Draws wrapped lines one under another, breaking the page between lines when needed. */
  private drawLines(
    lines: readonly PdfPiece[][],
    left: number,
    width: number,
    align: Align,
    font: FontName,
    size: number,
    colour: string,
  ): void {
    for (const line of lines) {
      this.ensure(this.lineHeight(size));
      this.drawLine(line, left + width, width, align, font, size, colour);
    }
  }

  /**
   * Draws one line's pieces left to right inside [right - width, right], aligned, and moves the
   * cursor down a line. Each piece is its own `text()` call so pdfkit cannot reorder or wrap it.
   */
  private drawLine(
    line: readonly PdfPiece[],
    right: number,
    width: number,
    align: Align,
    font: FontName,
    size: number,
    colour: string,
  ): void {
    const measure = this.measure(font, size);
    const total = lineWidth(line, measure);
    const lh = this.lineHeight(size);
    let x =
      align === 'right' ? right - total : align === 'center' ? right - (width + total) / 2 : right - width;
    // pdfkit places a line's top at y; centre the font's own line box in ours.
    const top = this.y + (lh - this.doc.currentLineHeight()) / 2;
    this.doc.fillColor(colour);
    for (const piece of line) {
      const w = measure(piece.pdf);
      this.doc.text(piece.pdf, x, top, { lineBreak: false });
      x += w;
    }
    this.y += lh;
  }
}
