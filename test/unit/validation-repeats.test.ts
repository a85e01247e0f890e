import { describe, expect, it } from 'vitest';
import { findRepeats, hashKey } from '../../electron/core/validation/repeats.js';

/** What findRepeats must answer, computed the obvious way. */
function expected(keys: Array<string | null>): number[] {
  const first = new Map<string, number>();
  return keys.map((key, i) => {
    if (key === null) return -1;
    const earlier = first.get(key);
    if (earlier !== undefined) return earlier;
    first.set(key, i);
    return -1;
  });
}

function repeats(keys: Array<string | null>, hash: (key: string) => number = hashKey): number[] {
  const hashes = Int32Array.from(keys, (key) => (key === null ? 0 : hash(key)));
  const found = findRepeats(keys, hashes);
  return found === null ? keys.map(() => -1) : Array.from(found);
}

describe('findRepeats', () => {
  it('points every repeat at the first occurrence and skips null keys', () => {
    const keys = ['A', 'B', null, 'A', 'a', 'B', null, 'A', ''];
    expect(repeats(keys)).toEqual([-1, -1, -1, 0, -1, 1, -1, 0, -1]);
  });

  it('answers null when nothing repeats', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `PO-${i}`);
    expect(findRepeats(keys, Int32Array.from(keys, hashKey))).toBeNull();
    expect(findRepeats([], new Int32Array(0))).toBeNull();
  });

  it('tells different keys with the same hash apart', () => {
    const keys = ['X-1', 'X-2', 'X-1', 'X-3', 'X-2', 'X-2', null, 'X-3'];
    expect(repeats(keys, () => 42)).toEqual(expected(keys));
    expect(repeats(keys, (key) => key.length)).toEqual(expected(keys));
  });

  it('agrees with a Map on many keys with repeats and collisions', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? null : `K${(i * 7919) % 5000}`));
    expect(repeats(keys)).toEqual(expected(keys));
    expect(repeats(keys, (key) => hashKey(key) & 0xff)).toEqual(expected(keys));
  });

  it('hashes full-width and Chinese text by code unit', () => {
    expect(hashKey('卡号')).not.toBe(hashKey('卡號'));
    expect(hashKey('')).toBe(hashKey(''));
    expect(Number.isInteger(hashKey('6222021234567890123'))).toBe(true);
  });
});
