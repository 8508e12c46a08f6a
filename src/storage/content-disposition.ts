import { truncateCodePoints, withoutUnsafeCharacters } from './file-name.ts';
import { UPLOAD_TYPES } from './inspect-upload.ts';

/** The media types a document may be served with: those `inspectUpload` can accept. */
const SERVABLE = new Set(Object.values(UPLOAD_TYPES).map((t) => t.mediaType));

/** The most code points of a download name; `inspectUpload` already keeps names to 120. */
const MAX_DOWNLOAD_NAME = 200;

/** What a download is called when nothing printable is left of its name. */
const FALLBACK_NAME = 'download';

/**
 * The name as it will appear in `filename*`: control characters and bidi controls removed
 * (an RTL override must not turn `x\u202Efdp.exe` into a name that reads `xexe.pdf` in the save dialog), white
 * space collapsed, at most 200 code points, and `download` if nothing is left.
 */
export function cleanDownloadName(name: string): string {
  const cleaned = truncateCodePoints(withoutUnsafeCharacters(name, ''), MAX_DOWNLOAD_NAME).trim();
  return cleaned === '' ? FALLBACK_NAME : cleaned;
}

/**
 * The ASCII fallback for `filename="…"`, read by clients that do not understand `filename*`
 * (RFC 6266 §4.3): every code point outside printable ASCII becomes `_`, and so do `"` and `\`
 * (the quoted-string escapes, which not every client honours) and `%` (which some clients
 * percent-decode). One `_` per code point, so a Persian name keeps its length and extension.
 */
function asciiFallback(name: string): string {
  let out = '';
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0x20 && code <= 0x7e && ch !== '"' && ch !== '\\' && ch !== '%' ? ch : '_';
  }
  return out;
}

/**
 * RFC 5987 `value-chars`: UTF-8 bytes percent-encoded except `attr-char`. `encodeURIComponent`
 * leaves `'`, `(`, `)` and `*` alone, which are not `attr-char` (and `'` delimits the charset).
 */
function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`,
  );
}

/**
 * The `Content-Disposition` of a download (RFC 6266): always `attachment`, so a browser saves
 * the file instead of rendering it in our origin, with the name twice — an ASCII fallback in
 * `filename="…"` and the exact UTF-8 name in `filename*=UTF-8''…` (RFC 5987), which every
 * current browser prefers. The value is printable ASCII only, so it can never split the header.
 */
export function attachmentHeader(name: string): string {
  const cleaned = cleanDownloadName(name);
  return `attachment; filename="${asciiFallback(cleaned)}"; filename*=UTF-8''${encodeRfc5987(cleaned)}`;
}

/**
 * Every header a stored document is served with: the media type found by `inspectUpload` (never
 * the one the uploader declared; any other becomes `application/octet-stream`), `attachment`, `nosniff` (so no browser second-guesses the type
 * into HTML), a CSP that forbids everything in case the file is opened anyway, and no caching in
 * shared caches (the documents are private).
 */
export function downloadHeaders(name: string, mediaType: string): Record<string, string> {
  return {
    'content-type': SERVABLE.has(mediaType) ? mediaType : 'application/octet-stream',
    'content-disposition': attachmentHeader(name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-store',
  };
}
