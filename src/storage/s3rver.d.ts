/** The part of s3rver (a local S3-protocol server, used only in tests) that the tests use; it ships no types. */
declare module 's3rver' {
  export type S3rverOptions = {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  };

  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** Starts listening; resolves with the bound address (the real port when `port` is 0). */
    run(): Promise<{ address: string; family: string; port: number }>;
    close(): Promise<void>;
  }
}
