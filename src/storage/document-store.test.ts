import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ALLOWED_TYPES,
  DirectoryStore,
  type DocumentStore,
  MemoryStore,
  newDocumentKey,
  readDocument,
  S3Store,
  storeFromEnv,
  storeUpload,
} from './index.ts';
import { makePdf } from './upload-corpus.ts';

/** Keys that try to leave the store or smuggle something in; every store must refuse them. */
const BAD_KEYS = [
  '',
  '.',
  '..',
  '../x',
  '../../etc/passwd',
  'a/b',
  'a\\b',
  '/etc/passwd',
  'C:\\x',
  '%2e%2e',
  'x.pdf',
  'ABC',
  'a b',
  'a\0b',
  'a\nb',
  'ک',
  'x'.repeat(129),
];

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

let s3server: S3rver;
let s3: S3Store;
let s3Endpoint: string;

beforeAll(async () => {
  // A real S3-protocol server on a random port of 127.0.0.1, its data in a temporary directory.
  s3server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: tempDir('taavon-s3rver-'),
    configureBuckets: [{ name: 'taavon' }],
  });
  const { port } = await s3server.run();
  s3Endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Store({
    endpoint: s3Endpoint,
    region: 'us-east-1',
    bucket: 'taavon',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
});

afterAll(async () => {
  s3?.close();
  await s3server?.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** The contract every store keeps; run against each kind below. */
function behavesLikeADocumentStore(name: string, store: () => DocumentStore) {
  describe(`${name}: the DocumentStore contract`, () => {
    it('gives back exactly the bytes it was given, and null after delete', async () => {
      const key = newDocumentKey();
      const bytes = new Uint8Array(randomBytes(256 * 1024));
      await store().put(key, bytes);
      const back = await store().get(key);
      expect(back).toBeInstanceOf(Uint8Array);
      expect(back).toEqual(bytes);
      await store().delete(key);
      expect(await store().get(key)).toBeNull();
    });

    it('returns null for a key never stored and deletes a missing key quietly', async () => {
      expect(await store().get(newDocumentKey())).toBeNull();
      await expect(store().delete(newDocumentKey())).resolves.toBeUndefined();
    });

    it('stores an empty document and replaces a document on a second put', async () => {
      const key = newDocumentKey();
      await store().put(key, new Uint8Array(0));
      expect(await store().get(key)).toEqual(new Uint8Array(0));
      await store().put(key, new Uint8Array([1, 2, 3]));
      expect(await store().get(key)).toEqual(new Uint8Array([1, 2, 3]));
      await store().delete(key);
    });

    it('is not changed by the caller reusing its buffer', async () => {
      const key = newDocumentKey();
      const bytes = new Uint8Array([1, 2, 3]);
      await store().put(key, bytes);
      bytes[0] = 9;
      const back = await store().get(key);
      expect(back).toEqual(new Uint8Array([1, 2, 3]));
      if (back) back[1] = 9;
      expect(await store().get(key)).toEqual(new Uint8Array([1, 2, 3]));
      await store().delete(key);
    });

    it.each(BAD_KEYS)('refuses the key %j for put, get and delete', async (key) => {
      await expect(store().put(key, new Uint8Array([1]))).rejects.toThrow(/Invalid document key/);
      await expect(store().get(key)).rejects.toThrow(/Invalid document key/);
      await expect(store().delete(key)).rejects.toThrow(/Invalid document key/);
    });

    it('keeps an upload end to end: inspected, stored under a random key, read back verified', async () => {
      const pdf = makePdf({ version: '1.7' });
      const result = await storeUpload(store(), pdf, 'گزارش.pdf.exe', {
        maxBytes: 1024 * 1024,
        allowed: DEFAULT_ALLOWED_TYPES,
      });
      if (!result.ok) throw new Error(result.message.en);
      expect(result.document).toMatchObject({ mediaType: 'application/pdf', safeName: 'گزارش.pdf' });
      expect(await readDocument(store(), result.document)).toEqual(pdf);
      await store().delete(result.document.key);
    });
  });
}

const memory = new MemoryStore();
const directoryRoot = tempDir('taavon-docs-');
const directory = new DirectoryStore(directoryRoot);

behavesLikeADocumentStore('MemoryStore', () => memory);
behavesLikeADocumentStore('DirectoryStore', () => directory);
behavesLikeADocumentStore('S3Store (s3rver)', () => s3);

describe('DirectoryStore', () => {
  it('writes under <root>/<first two characters>/<key>, readable by the owner only, no temp file left', async () => {
    const key = newDocumentKey();
    await directory.put(key, new Uint8Array([42]));
    const file = join(directoryRoot, key.slice(0, 2), key);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(directoryRoot, key.slice(0, 2))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await directory.delete(key);
    expect(existsSync(file)).toBe(false);
  });

  it('creates its root when first needed', async () => {
    const root = join(tempDir('taavon-docs-'), 'not', 'yet', 'there');
    const store = new DirectoryStore(root);
    await store.put('abc', new Uint8Array([1]));
    expect(await store.get('abc')).toEqual(new Uint8Array([1]));
  });

  it('never touches a file outside its root, whatever the key', async () => {
    const outside = tempDir('taavon-outside-');
    const victim = join(outside, 'victim');
    writeFileSync(victim, 'keep me');
    const store = new DirectoryStore(join(outside, 'root'));
    for (const key of ['../victim', '..\\victim', `${outside}/victim`, 'root/../../victim']) {
      await expect(store.put(key, new Uint8Array([0]))).rejects.toThrow();
      await expect(store.delete(key)).rejects.toThrow();
    }
    expect(readdirSync(outside).sort()).toEqual(['victim']);
  });

  it('lets readDocument notice a document changed on disk', async () => {
    const pdf = makePdf({ version: '1.4' });
    const result = await storeUpload(directory, pdf, 'a.pdf', {
      maxBytes: 1e6,
      allowed: DEFAULT_ALLOWED_TYPES,
    });
    if (!result.ok) throw new Error(result.message.en);
    const { key } = result.document;
    writeFileSync(join(directoryRoot, key.slice(0, 2), key), 'tampered');
    await expect(readDocument(directory, result.document)).rejects.toThrow(/SHA-256/);
  });
});

describe('S3Store', () => {
  it('treats a missing bucket as an error, not as a missing document', async () => {
    const wrong = new S3Store({
      endpoint: s3Endpoint,
      region: 'us-east-1',
      bucket: 'no-such-bucket',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    try {
      await expect(wrong.get(newDocumentKey())).rejects.toMatchObject({ name: 'NoSuchBucket' });
    } finally {
      wrong.close();
    }
  });

  // s3rver checks the access key but not SigV4 signatures, so a wrong secret is not tested here.
  it('fails when the server refuses the credentials', async () => {
    const wrong = new S3Store({
      endpoint: s3Endpoint,
      region: 'us-east-1',
      bucket: 'taavon',
      accessKeyId: 'UNKNOWN',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    try {
      await expect(wrong.put(newDocumentKey(), new Uint8Array([1]))).rejects.toThrow(/Access Key Id/);
      await expect(wrong.get(newDocumentKey())).rejects.toThrow(/Access Key Id/);
    } finally {
      wrong.close();
    }
  });
});

describe('storeFromEnv', () => {
  const defaults = { directory: 'data/uploads' };

  it('uses the default directory when nothing is configured', () => {
    const store = storeFromEnv({}, defaults);
    expect(store.kind).toBe('directory');
    expect((store as DirectoryStore).root).toBe(join(process.cwd(), 'data/uploads'));
  });

  it('uses TAAVON_UPLOAD_DIR when set, and treats empty variables as unset', () => {
    const store = storeFromEnv(
      { TAAVON_UPLOAD_DIR: '/srv/taavon/uploads', TAAVON_S3_ENDPOINT: '' },
      defaults,
    );
    expect(store.kind).toBe('directory');
    expect((store as DirectoryStore).root).toBe('/srv/taavon/uploads');
  });

  it('uses S3 when an endpoint and a bucket are set, and it works', async () => {
    const store = storeFromEnv(
      {
        TAAVON_S3_ENDPOINT: s3Endpoint,
        TAAVON_S3_BUCKET: 'taavon',
        TAAVON_S3_ACCESS_KEY_ID: 'S3RVER',
        TAAVON_S3_SECRET_ACCESS_KEY: 'S3RVER',
      },
      defaults,
    );
    expect(store.kind).toBe('s3');
    try {
      const key = newDocumentKey();
      await store.put(key, new Uint8Array([5, 6]));
      expect(await s3.get(key)).toEqual(new Uint8Array([5, 6]));
      await store.delete(key);
    } finally {
      (store as S3Store).close();
    }
  });

  it.each([
    [{ TAAVON_S3_ENDPOINT: 'http://127.0.0.1:9000' }, /TAAVON_S3_BUCKET: .*set together/],
    [{ TAAVON_S3_BUCKET: 'taavon' }, /TAAVON_S3_ENDPOINT: .*set together/],
    [{ TAAVON_S3_ENDPOINT: 'ftp://x', TAAVON_S3_BUCKET: 'taavon' }, /TAAVON_S3_ENDPOINT/],
    [{ TAAVON_S3_ENDPOINT: 'http://x', TAAVON_S3_BUCKET: 'Bad_Bucket' }, /TAAVON_S3_BUCKET/],
    [{ TAAVON_S3_ENDPOINT: 'http://x', TAAVON_S3_BUCKET: 'taavon', TAAVON_S3_REGION: 'Tehran 1' }, /REGION/],
    [
      { TAAVON_S3_ENDPOINT: 'http://x', TAAVON_S3_BUCKET: 'taavon', TAAVON_S3_ACCESS_KEY_ID: 'a' },
      /TAAVON_S3_SECRET_ACCESS_KEY: .*set together/,
    ],
  ])('fails on a half or bad S3 configuration: %j', (env, message) => {
    expect(() => storeFromEnv(env, defaults)).toThrow(message);
  });
});
