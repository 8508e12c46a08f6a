import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import { assertDocumentKey } from './new-key.ts';

/**
 * Where the bytes of uploaded documents live. Keys are names from `newDocumentKey` (every store
 * refuses anything but `[a-z0-9-]`); what a document is — its display name, media type, size and
 * SHA-256 — is recorded in the database, never derived from the store.
 */
export interface DocumentStore {
  /** Stores `bytes` under `key`, replacing what was there; complete or not at all. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`, or null if there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** `memory` is `MemoryStore`, for tests only. */
  readonly kind: 'directory' | 's3' | 'memory';
}

/** A plain `Uint8Array` over a Buffer's bytes (so callers and tests see one type from every store). */
function plainBytes(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Documents as files under one root directory, the default. A key `3fa9…` is stored as
 * `<root>/3f/3fa9…` so no directory grows to millions of entries. A write goes to a temporary file
 * next to the target (its name has a dot, which no key can have), is flushed to disk and then
 * renamed over the target, so a reader never sees half a document and a crash leaves at worst a
 * stray temporary file. Files are readable by the service's user only.
 */
export class DirectoryStore implements DocumentStore {
  readonly kind = 'directory' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file of `key`; `assertDocumentKey` is what keeps it inside the root. */
  private pathOf(key: string): string {
    assertDocumentKey(key);
    return join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const directory = dirname(target);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(directory);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return plainBytes(await readFile(this.pathOf(key)));
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Flushes a directory so the rename that published a file survives a power cut (POSIX). Best
 * effort: some platforms (Windows) cannot open a directory, and the file itself is already synced.
 */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Nothing to do: durability of the rename is not guaranteed there.
  }
}

/** Connection settings of an S3-compatible object store (AWS S3, MinIO, Ceph RGW, ArvanCloud…). */
export type S3StoreOptions = {
  /** e.g. `https://s3.example.ir`; omitted for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Omitted: the SDK's default credential chain (environment, instance role…). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`; most self-hosted servers need it. */
  forcePathStyle?: boolean;
};

/**
 * Documents as objects in one bucket of an S3-compatible store, the key as the object name.
 *
 * Checksums are calculated and validated only when an operation requires them. Since early 2025
 * the SDK adds CRC32 checksums to every request and expects them in responses by default, and
 * not every S3-compatible server (older MinIO and Ceph, some hosted services) understands them;
 * s3rver in our tests works either way. Integrity does not depend on them: the SHA-256 of every
 * document is recorded at upload and checked on read (`readDocument`).
 */
export class S3Store implements DocumentStore {
  readonly kind = 's3' as const;
  readonly bucket: string;
  private readonly client: S3Client;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.accessKeyId !== undefined && options.secretAccessKey !== undefined
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertDocumentKey(key);
    // The store holds opaque bytes: the real media type is in the database, and nothing is ever
    // served to a browser straight from the bucket.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    assertDocumentKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (out.Body === undefined) return new Uint8Array(0);
      return plainBytes(await out.Body.transformToByteArray());
    } catch (error) {
      // Only a missing object is "no document"; a missing bucket or denied access is an error.
      if (error instanceof NoSuchKey || (error as { name?: string } | null)?.name === 'NoSuchKey')
        return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertDocumentKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the client's sockets (tests and shutdown). */
  close(): void {
    this.client.destroy();
  }
}

/**
 * Documents in memory, for tests. Bytes are copied in and out, as a real store would, so a
 * caller changing its buffer afterwards changes nothing stored. Keys are checked like everywhere.
 */
export class MemoryStore implements DocumentStore {
  readonly kind = 'memory' as const;
  readonly objects = new Map<string, Uint8Array>();

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertDocumentKey(key);
    this.objects.set(key, bytes.slice());
  }

  async get(key: string): Promise<Uint8Array | null> {
    assertDocumentKey(key);
    return this.objects.get(key)?.slice() ?? null;
  }

  async delete(key: string): Promise<void> {
    assertDocumentKey(key);
    this.objects.delete(key);
  }
}

/** An unset variable and an empty one mean the same: not configured. */
const optional = <T extends z.ZodType>(schema: T) =>
  schema.optional().or(z.literal('').transform(() => undefined));

const storageEnvSchema = z
  .object({
    TAAVON_S3_ENDPOINT: optional(
      z.string().regex(/^https?:\/\/[^\s/]+/, 'TAAVON_S3_ENDPOINT must be an http:// or https:// URL'),
    ),
    TAAVON_S3_BUCKET: optional(
      z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'TAAVON_S3_BUCKET must be a valid bucket name'),
    ),
    TAAVON_S3_REGION: optional(z.string().regex(/^[a-z0-9-]+$/, 'TAAVON_S3_REGION must be like us-east-1')),
    TAAVON_S3_ACCESS_KEY_ID: optional(z.string().min(1)),
    TAAVON_S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
    TAAVON_S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0', '']).default('true'),
    TAAVON_UPLOAD_DIR: optional(z.string().min(1)),
  })
  .superRefine((e, ctx) => {
    // Half an S3 configuration is a mistake, not a reason to quietly write to the local disk.
    if ((e.TAAVON_S3_ENDPOINT === undefined) !== (e.TAAVON_S3_BUCKET === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [e.TAAVON_S3_ENDPOINT === undefined ? 'TAAVON_S3_ENDPOINT' : 'TAAVON_S3_BUCKET'],
        message: 'TAAVON_S3_ENDPOINT and TAAVON_S3_BUCKET must be set together',
      });
    }
    if ((e.TAAVON_S3_ACCESS_KEY_ID === undefined) !== (e.TAAVON_S3_SECRET_ACCESS_KEY === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TAAVON_S3_SECRET_ACCESS_KEY'],
        message: 'TAAVON_S3_ACCESS_KEY_ID and TAAVON_S3_SECRET_ACCESS_KEY must be set together',
      });
    }
  });

/**
 * The document store the environment asks for: S3-compatible storage when `TAAVON_S3_ENDPOINT`
 * and `TAAVON_S3_BUCKET` are set (with `TAAVON_S3_REGION`, default us-east-1, the optional key
 * pair `TAAVON_S3_ACCESS_KEY_ID` / `TAAVON_S3_SECRET_ACCESS_KEY`, and path-style addressing unless
 * `TAAVON_S3_FORCE_PATH_STYLE=false`); otherwise the directory `TAAVON_UPLOAD_DIR` or
 * `defaults.directory`. Fails naming every bad variable, like `loadConfig`.
 */
export function storeFromEnv(env: NodeJS.ProcessEnv, defaults: { directory: string }): DocumentStore {
  const parsed = storageEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid storage configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.TAAVON_S3_ENDPOINT !== undefined && e.TAAVON_S3_BUCKET !== undefined) {
    return new S3Store({
      endpoint: e.TAAVON_S3_ENDPOINT,
      bucket: e.TAAVON_S3_BUCKET,
      region: e.TAAVON_S3_REGION ?? 'us-east-1',
      ...(e.TAAVON_S3_ACCESS_KEY_ID === undefined ? {} : { accessKeyId: e.TAAVON_S3_ACCESS_KEY_ID }),
      ...(e.TAAVON_S3_SECRET_ACCESS_KEY === undefined
        ? {}
        : { secretAccessKey: e.TAAVON_S3_SECRET_ACCESS_KEY }),
      forcePathStyle: e.TAAVON_S3_FORCE_PATH_STYLE !== 'false' && e.TAAVON_S3_FORCE_PATH_STYLE !== '0',
    });
  }
  return new DirectoryStore(e.TAAVON_UPLOAD_DIR ?? defaults.directory);
}
