import type { Database } from 'better-sqlite3';
import type { AuditDetails, AuditEntry, AuditInput } from '../types.js';

// A 13–19 digit run standing alone (not inside a hex hash or an id) looks like a card number.
const PAN_LIKE = /(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g;
const SECRET_KEY = /secret|password|passphrase|token|api_?key|private|signature/i;

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

export function appendAudit(db: Database, entry: AuditInput): number {
  const result = db
    .prepare('INSERT INTO audit_log (at, actor, action, batch_id, details) VALUES (?, ?, ?, ?, ?)')
    .run(
      entry.at ?? new Date().toISOString(),
      entry.actor,
      entry.action,
      entry.batchId ?? null,
      sanitizeAuditDetails(entry.details),
    );
  return Number(result.lastInsertRowid);
}

type AuditRow = Omit<AuditEntry, 'details'> & { details: string };

/** Audit entries oldest first; only those of one batch when `batchId` is given. */
export function listAudit(
  db: Database,
  batchId?: number,
  page: { offset?: number; limit?: number } = {},
): AuditEntry[] {
  const params = { batchId: batchId ?? null, limit: page.limit ?? -1, offset: page.offset ?? 0 };
  const rows = db
    .prepare<[typeof params], AuditRow>(
      `SELECT id, at, actor, action, batch_id, details FROM audit_log
       WHERE @batchId IS NULL OR batch_id = @batchId ORDER BY id LIMIT @limit OFFSET @offset`,
    )
    .all(params);
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as AuditDetails }));
}
