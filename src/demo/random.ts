/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the demo generator needs.
 * Same seed → same sequence on every machine: the demo data never touches Math.random.
 */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with probability proportional to its weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** A roughly normal integer (sum of uniforms) around mean with standard deviation sd, within [min, max]. */
  normalInt(mean: number, sd: number, min: number, max: number): number;
  /** `count` distinct elements of `items` (all of them, shuffled, if count ≥ items.length). */
  sample<T>(items: readonly T[], count: number): T[];
};

/** mulberry32: a 32-bit state generator, fast and good enough for test data (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty array');
    return item;
  };

  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items.at(-1);
      if (!last) throw new RangeError('weighted pick from an empty array');
      return last[0];
    },
    normalInt(mean, sd, min, max) {
      // Irwin–Hall: the sum of 6 uniforms has variance 1/2.
      let s = 0;
      for (let i = 0; i < 6; i++) s += next();
      const z = (s - 3) * Math.SQRT2;
      return Math.min(max, Math.max(min, Math.round(mean + z * sd)));
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const copy = [...items];
      const n = Math.min(count, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        const a = copy[i];
        const b = copy[j];
        if (a === undefined || b === undefined) break;
        copy[i] = b;
        copy[j] = a;
      }
      return copy.slice(0, n);
    },
  };
}
