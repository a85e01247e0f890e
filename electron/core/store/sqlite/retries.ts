/** Failed payouts paid again: the new draft and each new payout keep a link to what they pay again. */
import type { Database } from 'better-sqlite3';
import type { RetryDraftInput, RetrySource, RetryStored } from '../retriesPort.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';
import { insertDraftBatch } from './batches.js';

/** Applied as migration 11 (migrations.ts). */
export const RETRY_LINKS_MIGRATION_SQL = `
ALTER TABLE batches ADD COLUMN retry_of_batch INTEGER NULL REFERENCES batches (id);
ALTER TABLE payouts ADD COLUMN retry_of TEXT NULL;
CREATE INDEX payouts_retry_of ON payouts (retry_of) WHERE retry_of IS NOT NULL;
CREATE INDEX payouts_final_at ON payouts (final_at) WHERE final_at IS NOT NULL;
`;

/**
 * A retry of payment `retry_of` that may still pay: every one, except a payout that never left the machine
 * and never will — its draft was rejected, or its batch was cancelled before it was sent (state cancelled).
 * A retry that was sent and failed in turn still counts: it is paid again from its own batch, so each
 * failed payout has at most one live successor and no two chains can pay the same person twice.
 */
const LIVE_RETRY = `r.retry_of = %s AND r.state <> 'cancelled'
  AND NOT EXISTS (SELECT 1 FROM batches rb WHERE rb.id = r.batch_id AND rb.status = 'rejected')`;

export function failedPayouts(db: Database, batchId: number, states: readonly string[]): RetrySource[] {
  return db
    .prepare<[{ batchId: number; states: string }], RetrySource>(
      `SELECT p.id, p.line, p.state, p.payment_id, p.amount_fen, p.currency, p.card_number, p.bank_id,
              p.region_id, p.last_name, p.first_name, p.customer_id, p.phone, p.email, p.id_number, p.branch,
              p.bank_city, p.province, p.city, p.street, p.zip, p.description, p.payee_sealed, p.card_hash,
              (SELECT min(r.batch_id) FROM payouts r WHERE ${LIVE_RETRY.replace('%s', 'p.payment_id')})
                AS retried_in_batch
         FROM payouts p
        WHERE p.batch_id = @batchId AND p.state IN (SELECT value FROM json_each(@states))
        ORDER BY p.id`,
    )
    .all({ batchId, states: JSON.stringify(states) });
}

export function storeRetry(
  db: Database,
  input: RetryDraftInput,
  audit: AuditRecord,
  sourceAudit: AuditRecord,
): RetryStored {
  const run = db.transaction((): RetryStored => {
    // Checked again inside the write lock: two retries of one batch at the same moment store one draft.
    const alreadyRetried = db
      .prepare<[string], { payment_id: string; batch_id: number }>(
        `SELECT r.retry_of AS payment_id, r.batch_id
           FROM json_each(?) j CROSS JOIN payouts r ON ${LIVE_RETRY.replace('%s', 'j.value')}
          ORDER BY r.id`,
      )
      .all(JSON.stringify(input.links.map((link) => link.retryOf)));
    if (alreadyRetried.length > 0) return { ok: false, alreadyRetried };

    const stored = insertDraftBatch(db, input.draft, audit);
    db.prepare('UPDATE batches SET retry_of_batch = ? WHERE id = ?').run(input.sourceBatchId, stored.batchId);
    const link = db.prepare('UPDATE payouts SET retry_of = ? WHERE payment_id = ? AND batch_id = ?');
    for (const { paymentId, retryOf } of input.links) link.run(retryOf, paymentId, stored.batchId);
    appendAudit(db, {
      ...sourceAudit,
      batchId: input.sourceBatchId,
      details: { ...sourceAudit.details, retry_batch_id: stored.batchId },
    });
    return { ok: true, stored };
  });
  return run.immediate();
}
