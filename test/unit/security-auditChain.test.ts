import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_CHAIN_GENESIS,
  auditChainHash,
  deriveKeys,
  verifyAuditChain,
  type ChainedAuditEntry,
} from '../../electron/core/security/index.js';

const KEY = deriveKeys(Buffer.alloc(32, 5)).audit;
const OTHER_KEY = deriveKeys(Buffer.alloc(32, 6)).audit;

type Unchained = Omit<ChainedAuditEntry, 'chain'>;

function entryAt(id: number): Unchained {
  return {
    id,
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, id)).toISOString(),
    actor: id % 2 ? 'alice' : '张伟',
    action: id % 3 ? 'batch.approve' : 'settings.change',
    batch_id: id % 4 ? id * 10 : null,
    details: JSON.stringify({ n: id, note: 'ünïcode ✓' }),
  };
}

/** Chains entries the way the store does: each hash over the previous one. */
function chain(entries: readonly Unchained[], key = KEY): ChainedAuditEntry[] {
  let previous = AUDIT_CHAIN_GENESIS;
  return entries.map((entry) => {
    previous = auditChainHash(key, previous, entry);
    return { ...entry, chain: previous };
  });
}

function trail(count: number, first = 1): ChainedAuditEntry[] {
  return chain(Array.from({ length: count }, (_, i) => entryAt(first + i)));
}

describe('auditChainHash', () => {
  it('is HMAC-SHA256 of the previous hash and each field, length-prefixed, as hex', () => {
    const entry = {
      id: 7,
      at: '2024-01-01T00:00:07.000Z',
      actor: '张伟',
      action: 'a.b',
      batch_id: 42,
      details: '{}',
    };
    const expected = createHmac('sha256', KEY)
      .update(`64:${AUDIT_CHAIN_GENESIS}`)
      .update('1:7')
      .update('24:2024-01-01T00:00:07.000Z')
      .update('6:张伟')
      .update('3:a.b')
      .update('v2:42')
      .update('2:{}')
      .digest('hex');
    expect(auditChainHash(KEY, AUDIT_CHAIN_GENESIS, entry)).toBe(expected);
    const none = createHmac('sha256', KEY)
      .update('3:abc1:7')
      .update('24:2024-01-01T00:00:07.000Z6:张伟3:a.bn0:2:{}')
      .digest('hex');
    expect(auditChainHash(KEY, 'abc', { ...entry, batch_id: null })).toBe(none);
  });

  it('depends on the key, the previous hash and every field', () => {
    const entry = entryAt(5);
    const hash = auditChainHash(KEY, AUDIT_CHAIN_GENESIS, entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditChainHash(KEY, AUDIT_CHAIN_GENESIS, { ...entry })).toBe(hash);
    const variants = [
      auditChainHash(OTHER_KEY, AUDIT_CHAIN_GENESIS, entry),
      auditChainHash(KEY, '1'.repeat(64), entry),
      auditChainHash(KEY, AUDIT_CHAIN_GENESIS, { ...entry, id: 6 }),
      auditChainHash(KEY, AUDIT_CHAIN_GENESIS, { ...entry, at: entry.at.replace('00:05', '00:06') }),
      auditChainHash(KEY, AUDIT_CHAIN_GENESIS, { ...entry, actor: 'mallory' }),
      auditChainHash(KEY, AUDIT_CHAIN_GENESIS, { ...entry, action: 'batch.reject' }),
      auditChainHash(KEY, AUDIT_CHAIN_GENESIS, { ...entry, batch_id: 51 }),
      auditChainHash(KEY, AUDIT_CHAIN_GENESIS, { ...entry, details: entry.details + ' ' }),
    ];
    expect(new Set([hash, ...variants]).size).toBe(variants.length + 1);
  });

  it('is unambiguous: no batch differs from batch 0, and text cannot shift between fields', () => {
    const base = { id: 1, at: 'x', actor: 'ab', action: 'c', batch_id: null, details: '' };
    const hash = (e: Unchained, previous = AUDIT_CHAIN_GENESIS) => auditChainHash(KEY, previous, e);
    expect(hash(base)).not.toBe(hash({ ...base, batch_id: 0 }));
    expect(hash({ ...base, details: '0' })).not.toBe(hash({ ...base, batch_id: 0 }));
    expect(hash(base)).not.toBe(hash({ ...base, actor: 'a', action: 'bc' }));
    expect(hash({ ...base, actor: '', action: 'abc' })).not.toBe(hash({ ...base, actor: 'abc', action: '' }));
    expect(hash({ ...base, at: 'x1', id: 1 })).not.toBe(hash({ ...base, at: '1x', id: 1 }));
    expect(hash(base, 'a')).not.toBe(hash({ ...base, id: 11 }, ''));
  });

  it('starts from 64 zeros', () => {
    expect(AUDIT_CHAIN_GENESIS).toBe('0'.repeat(64));
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and returns its head, last id and count', () => {
    const entries = trail(10);
    expect(verifyAuditChain(KEY, entries)).toEqual({
      ok: true,
      count: 10,
      head: entries[9]!.chain,
      lastId: 10,
    });
    expect(verifyAuditChain(KEY, [])).toEqual({
      ok: true,
      count: 0,
      head: AUDIT_CHAIN_GENESIS,
      lastId: null,
    });
  });

  it('lets the first id be any value, then wants each next id to be one more', () => {
    expect(verifyAuditChain(KEY, trail(5, 100))).toMatchObject({ ok: true, count: 5, lastId: 104 });
    expect(verifyAuditChain(KEY, trail(5, 0))).toMatchObject({ ok: true, count: 5, lastId: 4 });
    expect(verifyAuditChain(KEY, trail(3, -1))).toMatchObject({ ok: true, count: 3, lastId: 1 });
  });

  it('reads any iterable, once', () => {
    const entries = trail(4);
    function* rows() {
      yield* entries;
    }
    expect(verifyAuditChain(KEY, rows())).toMatchObject({ ok: true, count: 4, lastId: 4 });
  });

  it.each([
    ['actor', { actor: 'mallory' }],
    ['details', { details: '{"n":5,"note":"edited"}' }],
    ['at', { at: '2023-12-31T23:59:59.000Z' }],
    ['action', { action: 'batch.reject' }],
    ['batch_id', { batch_id: null }],
    ['chain', { chain: 'f'.repeat(64) }],
  ])('finds an edited %s at that entry', (_field, change) => {
    const entries = trail(10);
    entries[4] = { ...entries[4]!, ...change };
    expect(verifyAuditChain(KEY, entries)).toEqual({
      ok: false,
      count: 4,
      broken: { id: 5, reason: 'altered' },
    });
  });

  it('finds a deleted entry at the one after it', () => {
    const entries = trail(10);
    entries.splice(4, 1);
    expect(verifyAuditChain(KEY, entries)).toEqual({
      ok: false,
      count: 4,
      broken: { id: 6, reason: 'missing_before' },
    });
  });

  it('finds a deleted entry even when the ids after it were renumbered', () => {
    const entries = trail(10);
    entries.splice(4, 1);
    const renumbered = entries.map((entry, i) => ({ ...entry, id: i + 1 }));
    expect(verifyAuditChain(KEY, renumbered)).toEqual({
      ok: false,
      count: 4,
      broken: { id: 5, reason: 'altered' },
    });
  });

  it('finds deleted first entries: the new first one does not chain from the genesis hash', () => {
    expect(verifyAuditChain(KEY, trail(10).slice(3))).toEqual({
      ok: false,
      count: 0,
      broken: { id: 4, reason: 'altered' },
    });
  });

  it('finds an inserted entry, whether its hash is made up or chained without the key', () => {
    const entries = trail(10);
    const forged = { ...entryAt(11), chain: auditChainHash(OTHER_KEY, entries[9]!.chain, entryAt(11)) };
    expect(verifyAuditChain(KEY, [...entries, forged])).toEqual({
      ok: false,
      count: 10,
      broken: { id: 11, reason: 'altered' },
    });

    // In the middle, the entries after it renumbered to keep the ids consecutive.
    const inserted = { ...entryAt(6), actor: 'mallory' };
    const middle = [
      ...entries.slice(0, 5),
      { ...inserted, chain: auditChainHash(OTHER_KEY, entries[4]!.chain, inserted) },
      ...entries.slice(5).map((entry) => ({ ...entry, id: entry.id + 1 })),
    ];
    expect(verifyAuditChain(KEY, middle)).toEqual({
      ok: false,
      count: 5,
      broken: { id: 6, reason: 'altered' },
    });

    // Even chained with the right key, the entry after it no longer chains from what precedes it.
    const sealed = [
      ...entries.slice(0, 5),
      { ...inserted, chain: auditChainHash(KEY, entries[4]!.chain, inserted) },
      ...entries.slice(5).map((entry) => ({ ...entry, id: entry.id + 1 })),
    ];
    expect(verifyAuditChain(KEY, sealed)).toEqual({
      ok: false,
      count: 6,
      broken: { id: 7, reason: 'altered' },
    });
  });

  it('finds reordered entries: contents swapped between ids, or ids out of order', () => {
    const entries = trail(10);
    const swapped = entries.map((entry) => ({ ...entry }));
    swapped[2] = { ...entries[3]!, id: 3 };
    swapped[3] = { ...entries[2]!, id: 4 };
    expect(verifyAuditChain(KEY, swapped)).toEqual({
      ok: false,
      count: 2,
      broken: { id: 3, reason: 'altered' },
    });

    const shuffled = [entries[0]!, entries[1]!, entries[3]!, entries[2]!, ...entries.slice(4)];
    expect(verifyAuditChain(KEY, shuffled)).toEqual({
      ok: false,
      count: 2,
      broken: { id: 4, reason: 'missing_before' },
    });

    const back = [...entries.slice(0, 5), entries[1]!];
    expect(verifyAuditChain(KEY, back)).toEqual({
      ok: false,
      count: 5,
      broken: { id: 2, reason: 'out_of_order' },
    });
    const twice = [...entries.slice(0, 5), entries[4]!];
    expect(verifyAuditChain(KEY, twice)).toEqual({
      ok: false,
      count: 5,
      broken: { id: 5, reason: 'out_of_order' },
    });
  });

  it('reports an entry without a chain value as unsealed', () => {
    const entries = trail(10);
    entries[6] = { ...entries[6]!, chain: '' };
    expect(verifyAuditChain(KEY, entries)).toEqual({
      ok: false,
      count: 6,
      broken: { id: 7, reason: 'unsealed' },
    });
    expect(verifyAuditChain(KEY, [{ ...entryAt(1), chain: '' }])).toEqual({
      ok: false,
      count: 0,
      broken: { id: 1, reason: 'unsealed' },
    });
  });

  it('fails at the first entry when the chain was recomputed with another key', () => {
    const entries = chain(
      Array.from({ length: 10 }, (_, i) => entryAt(i + 1)),
      OTHER_KEY,
    );
    expect(verifyAuditChain(OTHER_KEY, entries).ok).toBe(true);
    expect(verifyAuditChain(KEY, entries)).toEqual({
      ok: false,
      count: 0,
      broken: { id: 1, reason: 'altered' },
    });
  });

  it('cannot see entries cut off at the end: the head it returns is what the caller compares', () => {
    const entries = trail(10);
    const cut = verifyAuditChain(KEY, entries.slice(0, 8));
    expect(cut).toEqual({ ok: true, count: 8, head: entries[7]!.chain, lastId: 8 });
    expect(cut.ok && cut.head).not.toBe(entries[9]!.chain);
  });

  it('verifies an intact chain of 10,000 entries', () => {
    const entries = trail(10_000);
    const result = verifyAuditChain(KEY, entries);
    expect(result).toEqual({ ok: true, count: 10_000, head: entries[9_999]!.chain, lastId: 10_000 });
  });
});
