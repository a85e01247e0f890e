/**
 * A small seeded PRNG (mulberry32): the same seed always yields the same sequence, on every platform,
 * which is what makes a faulty run reproducible. Not for anything secret.
 */
export type Random = () => number;

/** Maps a numeric or text seed to 32 bits (FNV-1a over the text form), so `1` and `"1"` agree. */
export function seedToUint32(seed: number | string): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Returns a function producing numbers in [0, 1). */
export function createRandom(seed: number | string): Random {
  let state = seedToUint32(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
