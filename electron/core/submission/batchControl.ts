import type { Database } from 'better-sqlite3';
import { appendAudit } from '../store/audit.js';
import { getBatch } from '../store/batches.js';
import type { BatchRecord, BatchStatus } from '../store/types.js';
import { CONSOLE_STATES } from './states.js';

/** Why a batch command was refused; `code` is stable for scripts. */
export class BatchControlError extends Error {
  override readonly name = 'BatchControlError';
  constructor(
    readonly code: 'BATCH_NOT_FOUND' | 'BATCH_WRONG_STATUS' | 'SAME_USER_APPROVAL' | 'USER_REQUIRED',
    message: string,
  ) {
    super(message);
  }
}

function requireBatch(
  db: Database,
  batchId: number,
  allowed: readonly BatchStatus[],
  action: string,
): BatchRecord {
  const batch = getBatch(db, batchId);
  if (!batch) throw new BatchControlError('BATCH_NOT_FOUND', `Batch ${batchId} does not exist.`);
  if (!allowed.includes(batch.status)) {
    throw new BatchControlError(
      'BATCH_WRONG_STATUS',
      `Batch ${batchId} is ${batch.status}; it can be ${action} only when ${allowed.join(' or ')}.`,
    );
  }
  return batch;
}

function requireUser(user: string): string {
  const name = user.trim();
  if (!name)
    throw new BatchControlError('USER_REQUIRED', 'A user name is required (recorded in the audit trail).');
  return name;
}

/**
 * Four-eyes approval: someone other than the importer approves a draft; its payouts are queued for sending.
 * (The roles issue adds passwords and permissions; until then a different name is the rule.)
 */
export function approveBatch(db: Database, batchId: number, user: string, now = new Date()): BatchRecord {
  const approver = requireUser(user);
  return db
    .transaction(() => {
      const batch = requireBatch(db, batchId, ['draft'], 'approved');
      if (batch.created_by.trim().toLowerCase() === approver.toLowerCase()) {
        throw new BatchControlError(
          'SAME_USER_APPROVAL',
          `Batch ${batchId} was imported by ${batch.created_by}; another person must approve it.`,
        );
      }
      db.prepare(`UPDATE batches SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ?`).run(
        approver,
        now.toISOString(),
        batchId,
      );
      db.prepare(
        `UPDATE payouts SET state = '${CONSOLE_STATES.queued}' WHERE batch_id = ? AND state = 'draft'`,
      ).run(batchId);
      appendAudit(db, {
        actor: approver,
        action: 'batch.approve',
        batchId,
        details: { importedBy: batch.created_by, payoutCount: batch.payout_count, totalFen: batch.total_fen },
        at: now.toISOString(),
      });
      return getBatch(db, batchId) as BatchRecord;
    })
    .immediate();
}

function changeStatus(
  db: Database,
  batchId: number,
  user: string,
  from: readonly BatchStatus[],
  to: BatchStatus,
  action: string,
  verb: string,
  now: Date,
): BatchRecord {
  const actor = requireUser(user);
  return db
    .transaction(() => {
      requireBatch(db, batchId, from, verb);
      db.prepare('UPDATE batches SET status = ? WHERE id = ?').run(to, batchId);
      let cancelled = 0;
      if (to === 'cancelled') {
        // Only what has not left the machine is cancelled; payouts in flight are still followed to the end.
        cancelled = db
          .prepare(
            `UPDATE payouts SET state = '${CONSOLE_STATES.cancelled}', final_at = ? WHERE batch_id = ? AND state = '${CONSOLE_STATES.queued}'`,
          )
          .run(now.toISOString(), batchId).changes;
      }
      appendAudit(db, {
        actor,
        action,
        batchId,
        details: to === 'cancelled' ? { cancelledPayouts: cancelled } : {},
        at: now.toISOString(),
      });
      return getBatch(db, batchId) as BatchRecord;
    })
    .immediate();
}

/** Starts sending an approved batch (the engine then does the work). */
export function startSending(db: Database, batchId: number, user: string, now = new Date()): BatchRecord {
  return changeStatus(db, batchId, user, ['approved'], 'sending', 'batch.submit', 'submitted', now);
}

/** Stops sending the not-yet-sent rest; payouts already sent are still followed to a final status. */
export function pauseBatch(db: Database, batchId: number, user: string, now = new Date()): BatchRecord {
  return changeStatus(db, batchId, user, ['sending'], 'paused', 'batch.pause', 'paused', now);
}

export function unpauseBatch(db: Database, batchId: number, user: string, now = new Date()): BatchRecord {
  return changeStatus(db, batchId, user, ['paused'], 'sending', 'batch.resume', 'resumed', now);
}

/** Cancels the payouts that have not left the machine. */
export function cancelBatch(db: Database, batchId: number, user: string, now = new Date()): BatchRecord {
  return changeStatus(
    db,
    batchId,
    user,
    ['approved', 'sending', 'paused'],
    'cancelled',
    'batch.cancel',
    'cancelled',
    now,
  );
}
