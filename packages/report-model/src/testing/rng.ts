/** The seeded random numbers of the generators. */

export type Rng = () => number;

/** mulberry32: a small, fast, seedable generator of floats in [0, 1). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(rng: Rng, max: number): number {
  return Math.floor(rng() * (max + 1));
}

/** Mostly zeros, sometimes small counts, like real tables. */
export function sparse(rng: Rng, max: number): number {
  return rng() < 0.6 ? 0 : 1 + int(rng, max - 1);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
