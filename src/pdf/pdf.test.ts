import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPersianDigits } from '../calendar/index.ts';
import {
  CERTIFICATE_TITLES,
  formatTehranDateTime,
  RECEIPT_TITLE,
  renderCertificate,
  renderReceipt,
} from './certificates.ts';
import { PersianPdf } from './document.ts';
import { visualOrder } from './persian-text.ts';
import { SAMPLE_GOOD_STANDING, SAMPLE_INSTANT, SAMPLE_MEMBERSHIP, SAMPLE_RECEIPT } from './samples.ts';

/** poppler-utils (pdftotext, pdftoppm, pdfinfo); CI installs it, a bare machine may not have it. */
function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasPoppler = hasTool('pdftotext') && hasTool('pdftoppm') && hasTool('pdfinfo');
const SKIP = hasPoppler ? '' : ' (SKIPPED: poppler-utils — pdftotext/pdftoppm/pdfinfo — is not installed)';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'taavon-pdf-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function save(name: string, pdf: Buffer): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/**
 * The text poppler reads back from a PDF, normalised for comparison. Poppler rebuilds reading
 * order from the glyphs' positions, so text drawn in the wrong visual order reads back wrong
 * (words swapped, digits or letters reversed). Normalised: NFKC (presentation forms → letters);
 * the bidi controls poppler adds removed; ZWNJ (drawn as a zero-width glyph) and hamza above
 * U+0654 (a mark poppler reads before its base) dropped; and all whitespace removed, because
 * poppler puts the space between a Persian word and a number on the wrong side of the number.
 * What is left is the sequence of letters and digits in reading order. Poppler also reads the
 * lam-alef ligature «لا» backwards, so the phrases below avoid it.
 */
function normalise(s: string): string {
  return s.normalize('NFKC').replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u200C\u0654\s]/g, '');
}

function extract(file: string): string {
  return normalise(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

/** Phrases of Persian, digits and Latin together, each within one line of the sample certificate. */
const CERTIFICATE_PHRASES = [
  CERTIFICATE_TITLES.membership,
  'زهرا محمدی‌نژاد',
  'با شمارهٔ عضویت ۱۰۲۴ از تاریخ ۱۳۹۸/۰۷/۱۵',
  '۱۴۰۵/۰۹/۰۸ ساعت ۱۴:۳۰',
  'مشخصات تعاونی',
  'خراسان رضوی',
  'کد تصدیق',
  'K7QF-29XM',
  'https://taavon.mcls.gov.ir/verify/K7QF-29XM',
];
const RECEIPT_PHRASES = [
  RECEIPT_TITLE,
  'کد رهگیری',
  '۱۲۳-۴۵۶-۷۸۹۰',
  'علی رضایی',
  'ثبت تغییر نشانی',
  '۱۴۰۵/۰۹/۲۲',
  'مراحل بعد',
];

describe('formatTehranDateTime', () => {
  it('is the Jalali date and the time in Tehran, in Persian digits', () => {
    expect(formatTehranDateTime(SAMPLE_INSTANT)).toBe('۱۴۰۵/۰۹/۰۸\u00A0ساعت\u00A0۱۴:۳۰');
    // 22:00 UTC is already the next day in Tehran (UTC+3:30).
    expect(formatTehranDateTime(new Date('2026-11-29T22:00:00Z'))).toBe('۱۴۰۵/۰۹/۰۹\u00A0ساعت\u00A0۰۱:۳۰');
  });
});

describe('certificates and receipts as PDF', () => {
  it('renders a membership certificate, a good-standing certificate and a receipt', async () => {
    for (const pdf of [
      await renderCertificate(SAMPLE_MEMBERSHIP),
      await renderCertificate(SAMPLE_GOOD_STANDING),
      await renderReceipt(SAMPLE_RECEIPT),
    ]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000); // two subset fonts at least
    }
  });

  it('refuses a membership certificate without a member', async () => {
    await expect(renderCertificate({ ...SAMPLE_MEMBERSHIP, member: undefined })).rejects.toThrow(/member/);
  });

  it.skipIf(!hasPoppler)(`reads back the certificate's Persian in order${SKIP}`, async () => {
    const text = extract(save('certificate', await renderCertificate(SAMPLE_MEMBERSHIP)));
    for (const phrase of CERTIFICATE_PHRASES) expect(text).toContain(normalise(phrase));
  });

  it.skipIf(!hasPoppler)(`reads back the good-standing certificate in order${SKIP}`, async () => {
    const text = extract(save('good-standing', await renderCertificate(SAMPLE_GOOD_STANDING)));
    expect(text).toContain(normalise(CERTIFICATE_TITLES.good_standing));
    expect(text).toContain(normalise('گزارش بازرس قانونی سال ۱۴۰۴ ثبت شده است.'));
    expect(text).toContain(normalise('در ۱۴۰۵/۰۴/۲۰ برگزار شده است.'));
    expect(text).toContain('P3RW-8D2C');
  });

  it.skipIf(!hasPoppler)(`reads back the receipt's Persian in order${SKIP}`, async () => {
    const text = extract(save('receipt', await renderReceipt(SAMPLE_RECEIPT)));
    for (const phrase of RECEIPT_PHRASES) expect(text).toContain(normalise(phrase));
  });

  it.skipIf(!hasPoppler)(
    `would catch unordered text: naive pdfkit output of the same phrases fails the check${SKIP}`,
    async () => {
      // The control for the two tests above: the same phrases drawn (1) as pdfkit draws logical
      // text — words left to right, Persian digits reversed by fontkit — and (2) in bidi visual
      // order without undoing fontkit's reversal — letters reversed and unjoined. Neither may pass.
      const persian = [...CERTIFICATE_PHRASES, ...RECEIPT_PHRASES].filter((p) =>
        /\p{Script=Arabic}/u.test(p),
      );
      for (const [name, draw] of [
        ['logical', (p: string) => p],
        ['visual', (p: string) => visualOrder(p)],
      ] as const) {
        const doc = new PDFDocument({ size: 'A4' });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
        doc.registerFont(
          'fa',
          createRequire(import.meta.url).resolve('vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf'),
        );
        doc.font('fa').fontSize(12);
        for (const phrase of persian) doc.text(draw(phrase), { align: 'right' });
        doc.end();
        await done;
        const text = extract(save(`naive-${name}`, Buffer.concat(chunks)));
        for (const phrase of persian) expect(text, `${name}: ${phrase}`).not.toContain(normalise(phrase));
      }
    },
  );

  it.skipIf(!hasPoppler)(`sets the title, author and language${SKIP}`, async () => {
    const file = save('certificate-meta', await renderCertificate(SAMPLE_MEMBERSHIP));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+گواهی عضویت$/m);
    expect(info).toMatch(/^Author:\s+سامانه تعاون$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(readFileSync(file).toString('latin1')).toContain('/Lang (fa-IR)');
  });

  it.skipIf(!hasPoppler)(`numbers the pages in Persian when the answers run over a page${SKIP}`, async () => {
    const answers: [string, string][] = Array.from({ length: 40 }, (_, i) => [
      `پرسش ${i + 1}`,
      `پاسخ شمارهٔ ${i + 1}`,
    ]);
    const file = save('long-receipt', await renderReceipt({ ...SAMPLE_RECEIPT, answers }));
    const pages = Number(
      /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
    );
    expect(pages).toBeGreaterThan(1);
    const text = extract(file);
    for (let n = 1; n <= pages; n++) {
      expect(text).toContain(normalise(`صفحه ${toPersianDigits(n)} از ${toPersianDigits(pages)}`));
    }
  });

  it.skipIf(!hasPoppler)(`renders page 1 to a non-trivial PNG, text on the right${SKIP}`, async () => {
    for (const [name, pdf] of [
      ['certificate', await renderCertificate(SAMPLE_MEMBERSHIP)],
      ['receipt', await renderReceipt(SAMPLE_RECEIPT)],
    ] as const) {
      const file = save(name, pdf);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '110',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        file,
        join(dir, name),
      ]);
      const png = readFileSync(join(dir, `${name}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(910); // A4 width at 110 dpi
      expect(statSync(join(dir, `${name}.png`)).size).toBeGreaterThan(30_000);

      // A greyscale rendering to count ink: right-aligned RTL text puts more of it on the right.
      execFileSync('pdftoppm', [
        '-gray',
        '-r',
        '40',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        file,
        join(dir, name),
      ]);
      const { width, height, pixels } = readPgm(readFileSync(join(dir, `${name}.pgm`)));
      let left = 0;
      let right = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if ((pixels[y * width + x] as number) < 128) {
            if (x < width / 2) left++;
            else right++;
          }
        }
      }
      expect(left + right).toBeGreaterThan(1_000);
      expect(right).toBeGreaterThan(left);
    }
  });

  it('builds a document with every block through the builder API', async () => {
    const pdf = await new PersianPdf({ title: 'آزمایش' })
      .heading('عنوان')
      .paragraph('متن')
      .list(['یک', 'دو'], 'check')
      .facts([['برچسب', 'مقدار']])
      .verificationBox({
        title: 'بررسی',
        codeLabel: 'کد',
        code: 'ABC',
        urlLabel: 'نشانی',
        url: 'https://example.ir',
      })
      .space(10)
      .end();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

/** A binary PGM (P5) from pdftoppm -gray: header `P5\n<w> <h>\n255\n`, then one byte a pixel. */
function readPgm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = data.subarray(0, 40).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(header);
  if (!m) throw new Error('not a PGM');
  return { width: Number(m[1]), height: Number(m[2]), pixels: data.subarray(m[0].length) };
}
