import type { Database } from 'better-sqlite3';
import { AUDIT_CHAIN_GENESIS as AUDIT_GENESIS } from '../../security/auditChain.js';
import { StoreError } from '../errors.js';
import type { AuditChainer, AuditQuery, ChainedAuditRow } from '../ports.js';
import type { AuditDetails, AuditEntry, AuditInput } from '../types.js';

// A 13–19 digit run standing alone (not inside a hex hash or an id) looks like a card number.
const PAN_LIKE = /(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g;
const SECRET_KEY = /secret|password|passphrase|token|api_?key|private|signature/i;

/** An audit entry as stored, before its chain value. */
type UnchainedAuditEntry = Omit<ChainedAuditRow, 'chain'>;

// The chainer of each open connection: set once the installation key is unlocked (store.useKeys).
const chainers = new WeakMap<Database, AuditChainer>();

export function useAuditChainer(db: Database, chainer: AuditChainer): void {
  chainers.set(db, chainer);
}

export function hasAuditChainer(db: Database): boolean {
  return chainers.has(db);
}

/**
 * Serialises audit details as JSON, as a last line of defence against leaking sensitive data:
 * values under secret-looking keys are dropped and card-number-like digit runs are masked.
 * Callers should still only pass counts, ids and masked values.
 */
export function sanitizeAuditDetails(details: AuditDetails): string {
  return JSON.stringify(details, (key, value: unknown) => {
    if (key && SECRET_KEY.test(key)) return '[redacted]';
    if (typeof value === 'string') return value.replace(PAN_LIKE, maskDigits);
    return value;
  });
}

function maskDigits(digits: string): string {
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/**
 * Appends one entry, chained to the one before it. Runs inside the caller's transaction (or its own), so the
 * write lock makes "the last entry" stable. Without the installation key nothing is appended: an entry
 * written unchained would be indistinguishable from a forged one.
 */
export function appendAudit(db: Database, entry: AuditInput): number {
  const chainer = chainers.get(db);
  if (!chainer)
    throw new StoreError(
      'KEY_LOCKED',
      'the installation key is locked: nothing can be written to the audit trail',
    );
  return db.transaction(() => {
    const last = db
      .prepare<[], { id: number; chain: string | null }>(
        'SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1',
      )
      .get();
    const stored: UnchainedAuditEntry = {
      id: (last?.id ?? 0) + 1,
      at: entry.at ?? new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      batch_id: entry.batchId ?? null,
      details: sanitizeAuditDetails(entry.details),
    };
    const chain = chainer(last?.chain ?? AUDIT_GENESIS, stored);
    db.prepare(
      'INSERT INTO audit_log (id, at, actor, action, batch_id, details, chain) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(stored.id, stored.at, stored.actor, stored.action, stored.batch_id, stored.details, chain);
    return stored.id;
  })();
}

/**
 * Chains the entries written before entries were chained (an upgraded database), oldest first, continuing
 * from the last chained one. Returns how many were sealed.
 */
export function chainUnchainedAudit(db: Database): number {
  const chainer = chainers.get(db);
  if (!chainer) throw new StoreError('KEY_LOCKED', 'the installation key is locked');
  return db
    .transaction(() => {
      // Only the entries from the first unchained one on are read (usually none: an index answers that).
      const first = db
        .prepare<[], number | null>('SELECT min(id) FROM audit_log WHERE chain IS NULL')
        .pluck()
        .get();
      if (first === null || first === undefined) return 0;
      const before = db
        .prepare<[number], string | null>('SELECT chain FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1')
        .pluck()
        .get(first);
      const rows = db
        .prepare<[number], UnchainedAuditEntry & { chain: string | null }>(
          'SELECT id, at, actor, action, batch_id, details, chain FROM audit_log WHERE id >= ? ORDER BY id',
        )
        .all(first);
      const update = db.prepare('UPDATE audit_log SET chain = ? WHERE id = ?');
      let previous = before ?? AUDIT_GENESIS;
      let sealed = 0;
      for (const row of rows) {
        if (row.chain === null) {
          row.chain = chainer(previous, row);
          update.run(row.chain, row.id);
          sealed++;
        }
        previous = row.chain;
      }
      return sealed;
    })
    .immediate();
}

/** Every entry with its chain value, oldest first, in pages (the whole trail is never in memory at once). */
export function* auditChainEntries(
  db: Database,
  pageSize = 5000,
): Generator<UnchainedAuditEntry & { chain: string }> {
  const page = db.prepare<[number, number], UnchainedAuditEntry & { chain: string | null }>(
    'SELECT id, at, actor, action, batch_id, details, chain FROM audit_log WHERE id > ? ORDER BY id LIMIT ?',
  );
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = page.all(after, pageSize);
    for (const row of rows) yield { ...row, chain: row.chain ?? '' };
    if (rows.length < pageSize) return;
    after = (rows.at(-1) as UnchainedAuditEntry).id;
  }
}

type AuditRow = Omit<AuditEntry, 'details'> & { details: string };

/** Audit entries oldest first, filtered. */
export function listAudit(db: Database, query: AuditQuery = {}): AuditEntry[] {
  const action = query.action ?? null;
  const params = {
    batchId: query.batchId ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
    actor: query.actor ?? null,
    action: action !== null && action.endsWith('.') ? null : action,
    actionPrefix: action !== null && action.endsWith('.') ? `${action}%` : null,
    limit: query.limit ?? -1,
    offset: query.offset ?? 0,
  };
  const rows = db
    .prepare<[typeof params], AuditRow>(
      `SELECT id, at, actor, action, batch_id, details FROM audit_log
       WHERE (@batchId IS NULL OR batch_id = @batchId)
         AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
         AND (@actor IS NULL OR actor = @actor)
         AND (@action IS NULL OR action = @action) AND (@actionPrefix IS NULL OR action LIKE @actionPrefix)
       ORDER BY id LIMIT @limit OFFSET @offset`,
    )
    .all(params);
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as AuditDetails }));
}
