/**
 * A tamper-evident audit trail: each entry carries an HMAC over its own fields and the previous entry's hash,
 * keyed by the installation's audit key. Editing, inserting, deleting or reordering entries in the database
 * file breaks the chain at that place; recomputing the chain needs the key, which the file does not hold.
 *
 * What the chain cannot show on its own: entries cut off at the end. The caller keeps the head (hash and id of
 * the newest entry) somewhere else and compares it with what verifyAuditChain returns.
 */
import { createHmac, type Hmac } from 'node:crypto';

export interface ChainedAuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  batch_id: number | null;
  /** The stored JSON text, hashed as stored: a re-serialisation would change it. */
  details: string;
  /** Hex HMAC-SHA256; empty for an entry written without one. */
  chain: string;
}

/** The `previous` of the first entry of a chain. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/**
 * HMAC-SHA256 over the previous hash and each field, each as `<UTF-8 byte length>:<text>`, so that no shift
 * of characters between fields gives the same input. batch_id is marked `n` (none) or `v` (a value) first:
 * no batch and batch 0 differ.
 */
export function auditChainHash(
  key: Buffer,
  previous: string,
  entry: Omit<ChainedAuditEntry, 'chain'>,
): string {
  const hmac = createHmac('sha256', key);
  field(hmac, previous);
  field(hmac, String(entry.id));
  field(hmac, entry.at);
  field(hmac, entry.actor);
  field(hmac, entry.action);
  hmac.update(entry.batch_id === null ? 'n' : 'v');
  field(hmac, entry.batch_id === null ? '' : String(entry.batch_id));
  field(hmac, entry.details);
  return hmac.digest('hex');
}

function field(hmac: Hmac, text: string): void {
  // Strings go in as UTF-8, the length counted the same way.
  hmac.update(`${Buffer.byteLength(text)}:`);
  hmac.update(text);
}

export type AuditChainBreak = {
  id: number;
  reason: 'altered' | 'missing_before' | 'out_of_order' | 'unsealed';
};

/**
 * Walks the entries in the order given, which must be id order: the first entry chains from the genesis hash,
 * its id may be any value, and each next id is the previous one + 1. Stops at the first break, since every
 * hash after it covers it too (deleting entry k shows as `missing_before` at k + 1). `count` is the number
 * of entries verified (before the break). `head` and `lastId` are the newest entry's, to compare with the
 * head kept elsewhere: they are what reveals entries cut off at the end.
 */
export function verifyAuditChain(
  key: Buffer,
  entries: Iterable<ChainedAuditEntry>,
):
  | { ok: true; count: number; head: string; lastId: number | null }
  | { ok: false; count: number; broken: AuditChainBreak } {
  let head = AUDIT_CHAIN_GENESIS;
  let lastId: number | null = null;
  let count = 0;
  for (const entry of entries) {
    const reason = breakAt(key, head, lastId, entry);
    if (reason) return { ok: false, count, broken: { id: entry.id, reason } };
    head = entry.chain;
    lastId = entry.id;
    count++;
  }
  return { ok: true, count, head, lastId };
}

function breakAt(
  key: Buffer,
  previous: string,
  lastId: number | null,
  entry: ChainedAuditEntry,
): AuditChainBreak['reason'] | null {
  if (lastId !== null && !(entry.id > lastId)) return 'out_of_order';
  if (lastId !== null && entry.id !== lastId + 1) return 'missing_before';
  if (entry.chain === '') return 'unsealed';
  // An edited entry, or one inserted with a hash made up without the key.
  if (auditChainHash(key, previous, entry) !== entry.chain) return 'altered';
  return null;
}
