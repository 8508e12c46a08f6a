import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALLOWED_TYPES,
  downloadHeaders,
  inspectUpload,
  MemoryStore,
  readDocument,
  type StoredDocument,
  storeUpload,
  UPLOAD_TYPES,
  type UploadInspection,
} from './index.ts';
import {
  buildUploadCorpus,
  CORPUS_MAX_BYTES,
  type CorpusCase,
  type CorpusExpectation,
  type ManifestEntry,
} from './upload-corpus.ts';

/**
 * Security test T18: the upload corpus. Not one malicious or invalid file may be accepted, every
 * valid sample must be, accepted files are stored under random names, and served as attachments
 * with nosniff. The corpus is built in memory (src/storage/upload-corpus.ts); the copy in
 * test/fixtures/uploads is checked too, so the files handed to other tools say what they claim.
 */

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/uploads/', import.meta.url));
const options = { maxBytes: CORPUS_MAX_BYTES, allowed: DEFAULT_ALLOWED_TYPES };
const corpus = buildUploadCorpus();

/** Whether an inspection result is what the case expects (type and name too, when accepted). */
function meets(result: UploadInspection, expected: CorpusExpectation): boolean {
  if (expected.verdict === 'reject') return !result.ok && result.code === expected.code;
  return (
    result.ok &&
    result.mediaType === UPLOAD_TYPES[expected.type].mediaType &&
    (expected.safeName === undefined || result.safeName === expected.safeName)
  );
}

const bad = (c: { group: CorpusCase['group'] }) => c.group === 'malicious' || c.group === 'invalid';

describe('T18 upload corpus', () => {
  it('has at least 50 malicious or invalid files and 20 valid samples', () => {
    expect(corpus.filter(bad).length).toBeGreaterThanOrEqual(50);
    expect(corpus.filter((c) => c.group === 'valid')).toHaveLength(20);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
    // Every attack class of the test plan is present.
    const ids = corpus.map((c) => c.id).join(' ');
    for (const kind of [
      'pdf-exe',
      'php-null-pdf',
      'polyglot',
      'svg-script',
      'exe-renamed',
      'oversize',
      'zip-bomb',
      'eicar',
    ]) {
      expect(ids).toContain(kind);
    }
  });

  it.each(corpus.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const result = await inspectUpload(c.bytes, c.declaredName, options);
    expect({ result, meets: meets(result, c.expect) }).toMatchObject({ meets: true });
  });

  it('accepts 0 malicious or invalid files and 100% of the valid samples', async () => {
    const results = await Promise.all(
      corpus.map(async (c) => ({ c, r: await inspectUpload(c.bytes, c.declaredName, options) })),
    );
    const acceptedBad = results.filter(({ c, r }) => bad(c) && r.ok).map(({ c }) => c.id);
    const refusedValid = results.filter(({ c, r }) => c.group === 'valid' && !r.ok).map(({ c }) => c.id);
    expect(acceptedBad).toEqual([]);
    expect(refusedValid).toEqual([]);
  });

  it('names why a malicious file was refused (EICAR, polyglot, executable)', async () => {
    const reasonOf = async (id: string) => {
      const c = corpus.find((x) => x.id === id);
      if (c === undefined) throw new Error(id);
      const r = await inspectUpload(c.bytes, c.declaredName, options);
      return r.ok ? null : { reason: r.reason, detected: r.detected };
    };
    expect(await reasonOf('eicar-inside-pdf')).toEqual({ reason: 'eicar', detected: null });
    expect(await reasonOf('polyglot-pdf-script-comment')).toEqual({ reason: 'html_marker', detected: 'pdf' });
    expect(await reasonOf('polyglot-pdf-zip-appended')).toEqual({ reason: 'pdf_trailer', detected: 'pdf' });
    expect(await reasonOf('exe-pdf-exe')).toEqual({ reason: 'type_not_allowed', detected: 'exe' });
    expect(await reasonOf('zip-bomb')).toEqual({ reason: 'type_not_allowed', detected: 'zip' });
  });

  it('stores accepted files under random names, never a refused one, and serves them as attachments', async () => {
    const store = new MemoryStore();
    const stored: { c: CorpusCase; document: StoredDocument }[] = [];
    for (const c of corpus) {
      const result = await storeUpload(store, c.bytes, c.declaredName, options);
      if (result.ok) stored.push({ c, document: result.document });
    }
    expect(stored.every(({ c }) => !bad(c))).toBe(true);
    expect(store.objects.size).toBe(stored.length);

    const keys = stored.map(({ document }) => document.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { c, document } of stored) {
      expect(document.key).toMatch(/^[0-9a-f]{32}$/);
      // Nothing of the declared name reaches the stored name.
      expect(document.key).not.toContain(document.extension);
      expect(document.sha256).toBe(createHash('sha256').update(c.bytes).digest('hex'));
      expect(await readDocument(store, document)).toEqual(c.bytes);

      const headers = downloadHeaders(document.safeName, document.mediaType);
      expect(headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['content-type']).toBe(document.mediaType);
    }
    // Uploading the same file twice gives two different names.
    const again = await Promise.all(
      [0, 1].map(() => storeUpload(store, corpus[0]?.bytes ?? new Uint8Array(), 'a.pdf', options)),
    );
    const [k1, k2] = again.map((r) => (r.ok ? r.document.key : ''));
    expect(k1).not.toBe(k2);
  });

  it('matches the fixture files in test/fixtures/uploads, which give the same verdicts', async () => {
    const manifest = JSON.parse(await readFile(join(FIXTURES, 'manifest.json'), 'utf8')) as ManifestEntry[];
    // The same cases in the same order (regenerate with `node --import tsx src/storage/upload-corpus.ts`).
    expect(manifest.map((m) => [m.id, m.group, m.declaredName, m.expect])).toEqual(
      corpus.map((c) => [c.id, c.group, c.declaredName, c.expect]),
    );
    for (const entry of manifest) {
      if (entry.file === null) continue; // EICAR: kept off the disk
      const bytes = new Uint8Array(await readFile(join(FIXTURES, entry.file)));
      expect(bytes.length, entry.id).toBe(entry.size);
      expect(createHash('sha256').update(bytes).digest('hex'), entry.id).toBe(entry.sha256);
      const result = await inspectUpload(bytes, entry.declaredName, options);
      expect(meets(result, entry.expect), entry.id).toBe(true);
    }
    expect(manifest.filter((m) => m.file === null).every((m) => m.id.startsWith('eicar'))).toBe(true);
  });
});
