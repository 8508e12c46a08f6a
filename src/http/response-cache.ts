import { LRUCache } from 'lru-cache';

/**
 * Serialised public responses, kept per process and bounded in bytes. Entries are keyed by what
 * makes them valid — the request, today's Tehran date and the version of the data they were
 * built from (the newest change-feed event that could affect them) — so a hit is always exactly
 * what a fresh computation would return, whichever process made the write. The HTTP tier stays
 * stateless: the database decides freshness.
 */
export type ResponseCache = {
  get(key: string): string | undefined;
  set(key: string, body: string): void;
};

/** A cache of at most `maxBytes` of response text (0 disables caching). */
export function createResponseCache(maxBytes: number): ResponseCache {
  if (maxBytes <= 0) return { get: () => undefined, set: () => {} };
  const cache = new LRUCache<string, string>({
    maxSize: maxBytes,
    sizeCalculation: (body, key) => body.length + key.length,
  });

  return {
    get: (key) => cache.get(key),
    set: (key, body) => {
      cache.set(key, body);
    },
  };
}
