import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Bilingual } from '../errors/app-error.ts';
import { crc32 } from './crc32.ts';
import { truncateCodePoints, withoutUnsafeCharacters } from './file-name.ts';

/** The kinds of document a service request may carry; anything else is refused. */
export type AllowedType = 'pdf' | 'png' | 'jpeg';

/** Every allowed type, the default of an upload field. */
export const DEFAULT_ALLOWED_TYPES: readonly AllowedType[] = ['pdf', 'png', 'jpeg'];

/**
 * Per allowed type: what `file-type` calls it, the media type it is served with, the extension
 * its display name gets, the extensions taken to mean the same thing, and its name in messages.
 */
export const UPLOAD_TYPES: Record<
  AllowedType,
  { detected: string; mediaType: string; extension: string; aliases: readonly string[]; label: string }
> = {
  pdf: { detected: 'pdf', mediaType: 'application/pdf', extension: 'pdf', aliases: ['pdf'], label: 'PDF' },
  png: { detected: 'png', mediaType: 'image/png', extension: 'png', aliases: ['png'], label: 'PNG' },
  jpeg: {
    detected: 'jpg',
    mediaType: 'image/jpeg',
    extension: 'jpg',
    aliases: ['jpg', 'jpeg', 'jpe'],
    label: 'JPEG',
  },
};

/** The longest display name kept, in code points, extension included. */
export const MAX_NAME_LENGTH = 120;

export type UploadRejectionCode =
  | 'file_too_large'
  | 'file_type_not_allowed'
  | 'file_empty'
  | 'file_name_invalid';

/**
 * Why exactly a file was refused, for the audit log and tests (the person uploading sees only
 * `code` and `message`): `eicar` is the anti-virus test file, `html_marker` markup near the start
 * (a polyglot a browser could sniff as HTML), `pdf_header` / `pdf_trailer` / `png_header` a file
 * that only starts like its type.
 */
export type UploadRejectionReason =
  | 'empty'
  | 'too_large'
  | 'unknown_type'
  | 'type_not_allowed'
  | 'eicar'
  | 'html_marker'
  | 'pdf_header'
  | 'pdf_trailer'
  | 'png_header'
  | 'name';

export type UploadAccepted = {
  ok: true;
  /** The media type found in the content; the one to serve the file with. */
  mediaType: string;
  /** The extension of that type (`pdf`, `png`, `jpg`). */
  extension: string;
  /** SHA-256 of the bytes, lowercase hex: recorded with the request, checked on every read. */
  sha256: string;
  size: number;
  /** The declared name made safe to display and to offer as a download name. */
  safeName: string;
};

export type UploadRejected = {
  ok: false;
  code: UploadRejectionCode;
  message: Bilingual;
  reason: UploadRejectionReason;
  /** What `file-type` took the content for (`exe`, `zip`…), null when unknown or not looked at. */
  detected: string | null;
};

export type UploadInspection = UploadAccepted | UploadRejected;

export type InspectOptions = { maxBytes: number; allowed: readonly AllowedType[] };

/**
 * The EICAR anti-virus test file (eicar.org), the stand-in for malware in tests. It is put together
 * at run time so that this source file is not itself quarantined by a scanner on a developer's
 * machine.
 */
const EICAR = Buffer.from(
  `${'X5O!P%@AP[4\\PZX54(P^)7CC)7}$'}${'EICAR-STANDARD-ANTIVIRUS'}-TEST-FILE!$H+H*`,
  'latin1',
);

/**
 * Markup that makes a browser (or an old one's content sniffing, which looked at the first
 * 256–1024 bytes) treat a file as HTML or SVG. None of them belongs near the start of a real PDF,
 * PNG or JPEG, so finding one there means a polyglot built to run script in our origin.
 */
const HTML_MARKERS = ['<html', '<head', '<body', '<script', '<!doctype', '<svg', '<iframe', '<?php'];
const SNIFF_WINDOW = 1024;

/** `%PDF-1.0` … `%PDF-2.0`: the header must be the very first bytes (readers accept it later on). */
const PDF_HEADER = /^%PDF-[12]\.\d/;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const MESSAGES = {
  file_empty: { fa: 'پروندهٔ انتخاب‌شده خالی است', en: 'The selected file is empty' },
  file_name_invalid: {
    fa: 'نام پرونده معتبر نیست؛ نامی با حرف یا عدد به پرونده بدهید',
    en: 'The file name is not valid; give the file a name with letters or numbers',
  },
  malware: {
    fa: 'این پرونده آلوده تشخیص داده شد و پذیرفته نمی‌شود',
    en: 'This file was detected as malware and cannot be accepted',
  },
  malformed: {
    fa: 'محتوای پرونده با نوع آن جور نیست یا پرونده آسیب دیده است؛ آن را دوباره ذخیره کنید و بفرستید',
    en: 'The content of the file does not match its type or the file is damaged; save it again and upload it',
  },
} satisfies Record<string, Bilingual>;

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** `10 MB` / «۱۰ مگابایت», `1.5 MB` / «۱٫۵ مگابایت», `500 KB` / «۵۰۰ کیلوبایت» (1 MB = 1024² bytes). */
function formatSize(bytes: number): Bilingual {
  const mb = bytes >= 1024 * 1024;
  const value = Math.round((bytes / (mb ? 1024 * 1024 : 1024)) * 10) / 10;
  const en = String(value);
  const fa = en.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d).replace('.', '٫');
  return mb ? { fa: `${fa} مگابایت`, en: `${en} MB` } : { fa: `${fa} کیلوبایت`, en: `${en} KB` };
}

/** «فقط PDF، PNG یا JPEG پذیرفته می‌شود» for the allowed types, in the order given. */
function typeNotAllowedMessage(allowed: readonly AllowedType[]): Bilingual {
  const labels = allowed.map((t) => UPLOAD_TYPES[t].label);
  if (labels.length === 0) {
    return { fa: 'در این بخش پرونده پذیرفته نمی‌شود', en: 'No files are accepted here' };
  }
  const last = labels.at(-1) ?? '';
  const init = labels.slice(0, -1);
  const fa = init.length === 0 ? last : `${init.join('، ')} یا ${last}`;
  const en = init.length === 0 ? last : `${init.join(', ')} or ${last}`;
  return {
    fa: `نوع پرونده مجاز نیست؛ فقط ${fa} پذیرفته می‌شود`,
    en: `This type of file is not allowed; only ${en} files are accepted`,
  };
}

function reject(
  code: UploadRejectionCode,
  reason: UploadRejectionReason,
  message: Bilingual,
  detected: string | null = null,
): UploadRejected {
  return { ok: false, code, message, reason, detected };
}

/** Whether `needle` occurs anywhere in `bytes`. */
function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) !== -1;
}

/** `bytes[from, to)` as Latin-1 text: one character per byte, so byte offsets stay offsets. */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', from, to);
}

/**
 * Checks beyond the magic number `file-type` matched, per type; returns why the file fails or null.
 * - PDF: `%PDF-x.y` at byte 0 and `%%EOF` in the last 1024 bytes (where readers look for it), so a
 *   PDF with an archive or a page of HTML glued to its end is refused too.
 * - PNG: the first chunk is a 13-byte IHDR with a correct CRC.
 * - JPEG: `file-type` has seen SOI and a marker already; nothing more is needed to serve it.
 */
function structureProblem(type: AllowedType, bytes: Uint8Array): UploadRejectionReason | null {
  if (type === 'pdf') {
    if (!PDF_HEADER.test(latin1(bytes, 0, 8))) return 'pdf_header';
    if (!latin1(bytes, Math.max(0, bytes.length - SNIFF_WINDOW), bytes.length).includes('%%EOF')) {
      return 'pdf_trailer';
    }
  }
  if (type === 'png') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const signatureOk = PNG_SIGNATURE.every((b, i) => bytes[i] === b);
    if (!signatureOk || bytes.length < 33) return 'png_header';
    const length = view.getUint32(8);
    const name = latin1(bytes, 12, 16);
    const crc = view.getUint32(29);
    if (length !== 13 || name !== 'IHDR' || crc32(bytes.subarray(12, 29)) !== crc) return 'png_header';
  }
  return null;
}

/**
 * The name to show and to offer on download, from the name the browser declared (never trusted):
 * only the last path segment (`../../x`, `C:\x`), without control characters (CR/LF/NUL become a
 * space) or bidi controls, white space collapsed, leading and trailing dots and spaces dropped, at
 * most 120 code points, and ending in the extension of the type found in the content: a matching
 * extension is kept as written (`Scan.JPEG`), a wrong last one is replaced (`report.pdf.exe` →
 * `report.pdf`, `photo.png` holding a JPEG → `photo.jpg`), none gets one. Null if nothing is left.
 */
export function safeDisplayName(declaredName: string, type: AllowedType): string | null {
  const { extension, aliases } = UPLOAD_TYPES[type];
  const lastSegment = declaredName.split(/[/\\]/).pop() ?? '';
  const base = withoutUnsafeCharacters(lastSegment).replace(/^[.\s]+|[.\s]+$/g, '');
  if (base === '') return null;

  let stem = base;
  let ext = extension;
  const dot = stem.lastIndexOf('.');
  const last = dot > 0 ? stem.slice(dot + 1) : '';
  // An extension is up to ten ASCII letters and digits with at least one letter (`v1.2` has none).
  if (/^(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$/.test(last)) {
    stem = stem.slice(0, dot);
    if (aliases.includes(last.toLowerCase())) {
      ext = last;
    } else {
      // `report.pdf.exe`: once `.exe` is gone the name may already end in the right extension.
      const inner = stem.lastIndexOf('.');
      const innerExt = inner > 0 ? stem.slice(inner + 1) : '';
      if (aliases.includes(innerExt.toLowerCase())) {
        ext = innerExt;
        stem = stem.slice(0, inner);
      }
    }
  }
  stem = truncateCodePoints(stem, MAX_NAME_LENGTH - 1 - ext.length).replace(/[.\s]+$/, '');
  if (stem === '') return null;
  return `${stem}.${ext}`;
}

/**
 * Decides whether an uploaded file may be kept, by its CONTENT: the declared name and type are
 * never believed. In order: empty; over `maxBytes`; the EICAR test string anywhere; the type
 * `file-type` finds in the magic numbers must be on `allowed`; no HTML/SVG markup in the first
 * 1024 bytes (polyglots); the type's own structure checks; and a display name must be left of
 * the declared one. An accepted file comes back with its media type, SHA-256, size and safe name.
 *
 * It is async only because `file-type` is. Nothing is decoded or decompressed, so a zip bomb or an
 * image bomb costs no more than its size; the content is never executed or rendered here.
 */
export async function inspectUpload(
  bytes: Uint8Array,
  declaredName: string,
  options: InspectOptions,
): Promise<UploadInspection> {
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) {
    throw new RangeError('maxBytes must be a positive integer');
  }
  const size = bytes.byteLength;
  if (size === 0) return reject('file_empty', 'empty', MESSAGES.file_empty);
  if (size > options.maxBytes) {
    const limit = formatSize(options.maxBytes);
    return reject('file_too_large', 'too_large', {
      fa: `حجم پرونده بیش از حد مجاز است؛ حداکثر ${limit.fa} پذیرفته می‌شود`,
      en: `The file is too large; the largest accepted is ${limit.en}`,
    });
  }

  const notAllowed = typeNotAllowedMessage(options.allowed);
  if (contains(bytes, EICAR)) return reject('file_type_not_allowed', 'eicar', MESSAGES.malware);

  const found = await fileTypeFromBuffer(bytes);
  if (found === undefined) return reject('file_type_not_allowed', 'unknown_type', notAllowed);
  const type = options.allowed.find((t) => UPLOAD_TYPES[t].detected === found.ext);
  if (type === undefined) return reject('file_type_not_allowed', 'type_not_allowed', notAllowed, found.ext);

  const head = latin1(bytes, 0, Math.min(size, SNIFF_WINDOW)).toLowerCase();
  if (HTML_MARKERS.some((m) => head.includes(m))) {
    return reject('file_type_not_allowed', 'html_marker', MESSAGES.malformed, found.ext);
  }
  const problem = structureProblem(type, bytes);
  if (problem !== null) return reject('file_type_not_allowed', problem, MESSAGES.malformed, found.ext);

  const safeName = safeDisplayName(declaredName, type);
  if (safeName === null) return reject('file_name_invalid', 'name', MESSAGES.file_name_invalid, found.ext);

  return {
    ok: true,
    mediaType: UPLOAD_TYPES[type].mediaType,
    extension: UPLOAD_TYPES[type].extension,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size,
    safeName,
  };
}
