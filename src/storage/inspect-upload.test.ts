import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import {
  DEFAULT_ALLOWED_TYPES,
  inspectUpload,
  MAX_NAME_LENGTH,
  safeDisplayName,
  type UploadRejected,
  uploadError,
} from './index.ts';
import { makeJpeg, makePdf, makePng } from './upload-corpus.ts';

const pdf = makePdf({ version: '1.7' });
const png = makePng({ width: 2, height: 2, colorType: 0, bitDepth: 8, pixel: () => [7] });
const jpeg = makeJpeg({ width: 8, height: 8, quality: 8 });
const options = { maxBytes: 10 * 1024 * 1024, allowed: DEFAULT_ALLOWED_TYPES };

async function rejected(bytes: Uint8Array, name: string, opts = options): Promise<UploadRejected> {
  const r = await inspectUpload(bytes, name, opts);
  if (r.ok) throw new Error('accepted');
  return r;
}

describe('inspectUpload', () => {
  it('accepts a PDF, PNG and JPEG by content and reports type, size and SHA-256', async () => {
    for (const [bytes, name, mediaType, extension] of [
      [pdf, 'a.pdf', 'application/pdf', 'pdf'],
      [png, 'a.png', 'image/png', 'png'],
      [jpeg, 'a.jpeg', 'image/jpeg', 'jpg'],
    ] as const) {
      expect(await inspectUpload(bytes, name, options)).toEqual({
        ok: true,
        mediaType,
        extension,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        safeName: name,
      });
    }
  });

  it('believes the content, not the name: a PNG called .pdf is a PNG', async () => {
    const r = await inspectUpload(png, 'scan.pdf', options);
    expect(r).toMatchObject({ ok: true, mediaType: 'image/png', safeName: 'scan.png' });
  });

  it('keeps to the allow-list it is given', async () => {
    const pdfOnly = { ...options, allowed: ['pdf'] as const };
    const r = await rejected(png, 'a.png', pdfOnly);
    expect(r).toMatchObject({ code: 'file_type_not_allowed', reason: 'type_not_allowed', detected: 'png' });
    expect(r.message).toEqual({
      fa: 'نوع پرونده مجاز نیست؛ فقط PDF پذیرفته می‌شود',
      en: 'This type of file is not allowed; only PDF files are accepted',
    });
  });

  it('explains every refusal in natural Persian and English', async () => {
    expect((await rejected(new Uint8Array(), 'a.pdf')).message).toEqual({
      fa: 'پروندهٔ انتخاب‌شده خالی است',
      en: 'The selected file is empty',
    });
    expect((await rejected(new TextEncoder().encode('<html>'), 'a.pdf')).message).toEqual({
      fa: 'نوع پرونده مجاز نیست؛ فقط PDF، PNG یا JPEG پذیرفته می‌شود',
      en: 'This type of file is not allowed; only PDF, PNG or JPEG files are accepted',
    });
    expect((await rejected(pdf, 'a.pdf', { ...options, maxBytes: 100 })).message).toEqual({
      fa: 'حجم پرونده بیش از حد مجاز است؛ حداکثر ۰٫۱ کیلوبایت پذیرفته می‌شود',
      en: 'The file is too large; the largest accepted is 0.1 KB',
    });
    expect((await rejected(pdf, 'a.pdf', { ...options, maxBytes: 500 })).message.fa).toContain(
      '۰٫۵ کیلوبایت',
    );
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    expect((await rejected(big, 'a.pdf')).message.fa).toBe(
      'حجم پرونده بیش از حد مجاز است؛ حداکثر ۱۰ مگابایت پذیرفته می‌شود',
    );
    expect((await rejected(pdf, '\u202E')).message.fa).toBe(
      'نام پرونده معتبر نیست؛ نامی با حرف یا عدد به پرونده بدهید',
    );
  });

  it('checks the size before reading the content', async () => {
    const r = await rejected(new Uint8Array(101).fill(0x4d), 'a.exe', { ...options, maxBytes: 100 });
    expect(r).toMatchObject({ code: 'file_too_large', detected: null });
  });

  it('refuses a nonsensical limit', async () => {
    await expect(inspectUpload(pdf, 'a.pdf', { ...options, maxBytes: 0 })).rejects.toThrow(RangeError);
  });
});

describe('safeDisplayName', () => {
  it.each([
    ['report.pdf', 'pdf', 'report.pdf'],
    ['report.pdf.exe', 'pdf', 'report.pdf'],
    ['report.exe', 'pdf', 'report.pdf'],
    ['report', 'pdf', 'report.pdf'],
    ['archive.tar.gz', 'pdf', 'archive.tar.pdf'],
    ['v1.2', 'pdf', 'v1.2.pdf'],
    ['Scan.JPEG', 'jpeg', 'Scan.JPEG'],
    ['photo.png', 'jpeg', 'photo.jpg'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\fakepath\\نامه.pdf', 'pdf', 'نامه.pdf'],
    ['  a \r\n b\t.pdf  ', 'pdf', 'a b.pdf'],
    ['a\0b.pdf', 'pdf', 'a b.pdf'],
    ['x\u202Efdp.exe', 'pdf', 'xfdp.pdf'],
    ['\u2067گزارش\u2069.pdf', 'pdf', 'گزارش.pdf'],
    ['می\u200Cخواهم.png', 'png', 'می\u200Cخواهم.png'],
    ['...hidden...', 'png', 'hidden.png'],
    ['/', 'pdf', null],
    ['..', 'pdf', null],
    ['\r\n\u202E', 'pdf', null],
  ] as const)('%j as %s → %j', (declared, type, expected) => {
    expect(safeDisplayName(declared, type)).toBe(expected);
  });

  it('keeps names to 120 code points with the extension intact', () => {
    const long = `${'گ'.repeat(300)}.pdf`;
    const name = safeDisplayName(long, 'pdf') ?? '';
    expect(Array.from(name)).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
    const emoji = safeDisplayName('😀'.repeat(200), 'png') ?? '';
    expect(Array.from(emoji)).toHaveLength(MAX_NAME_LENGTH);
    expect(() => encodeURIComponent(emoji)).not.toThrow(); // no surrogate pair was cut in half
  });
});

describe('uploadError', () => {
  it('is a 413 for a file over the limit and a 400 naming the field otherwise', async () => {
    const tooLarge = uploadError(await rejected(pdf, 'a.pdf', { ...options, maxBytes: 10 }), 'documents.0');
    expect(tooLarge).toBeInstanceOf(AppError);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.fields).toMatchObject([{ path: 'documents.0', code: 'file_too_large' }]);

    const wrongType = uploadError(await rejected(new TextEncoder().encode('hello'), 'a.pdf'));
    expect(wrongType.status).toBe(400);
    expect(wrongType.fields).toEqual([
      { path: 'file', code: 'file_type_not_allowed', message: wrongType.fields[0]?.message },
    ]);
    expect(wrongType.fields[0]?.message.fa).toContain('فقط PDF، PNG یا JPEG');
  });
});
