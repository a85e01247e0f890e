/**
 * Protecting what a database stored before accounts and the installation key existed (schema 9 upgraded an
 * older file): clear card numbers, ID numbers and phones are sealed and masked, approvals re-sealed under the
 * key, and audit entries chained. Runs once the key is unlocked, in one transaction, and again finds nothing.
 */
import type { Database } from 'better-sqlite3';
import type { LegacyProtection, ProtectionReport } from '../ports.js';
import type { ApprovalSeal, PayableRow } from '../types.js';
import { chainUnchainedAudit } from './audit.js';
import { payableRows } from './batches.js';

interface ClearPayee {
  id: number;
  batch_id: number;
  payment_id: string;
  card_number: string;
  id_number: string;
  phone: string;
}

export function protectLegacyData(db: Database, protection: LegacyProtection): ProtectionReport {
  // Nearly always nothing is left: asked through partial indexes, without a write lock (a reading command
  // on a read-only file must still work).
  const unsealed = db.prepare('SELECT 1 FROM payouts WHERE payee_sealed IS NULL LIMIT 1').get();
  const unchained = db.prepare('SELECT 1 FROM audit_log WHERE chain IS NULL LIMIT 1').get();
  if (!unsealed && !unchained) return { payouts: 0, approvals: 0, auditEntries: 0 };
  const report = db
    .transaction((): ProtectionReport => {
      const pending = db
        .prepare<[], ClearPayee>(
          `SELECT id, batch_id, payment_id, card_number, id_number, phone FROM payouts
            WHERE payee_sealed IS NULL ORDER BY id`,
        )
        .all();
      // Approvals still to be honoured were sealed over the clear values: checked against them before they
      // are replaced, and sealed again over the protected form only when they still hold.
      const approvals = db
        .prepare<
          [],
          { id: number; approval_digest: string; approval_count: number; approval_total_fen: number }
        >(
          `SELECT id, approval_digest, approval_count, approval_total_fen FROM batches
            WHERE approval_digest IS NOT NULL AND status IN ('approved', 'sending', 'paused')
              AND id IN (SELECT batch_id FROM payouts WHERE payee_sealed IS NULL)`,
        )
        .all();
      const before = new Map<number, PayableRow[]>(approvals.map((a) => [a.id, payableRows(db, a.id)]));

      const update = db.prepare(
        `UPDATE payouts SET payee_sealed = ?, card_hash = ?, card_number = ?, id_number = ?, phone = ?
          WHERE id = ?`,
      );
      for (const payee of pending) {
        const sealed = protection.sealPayee(payee);
        update.run(
          sealed.payee,
          sealed.cardHash,
          sealed.masked.card_number,
          sealed.masked.id_number,
          sealed.masked.phone,
          payee.id,
        );
      }

      let resealed = 0;
      const setSeal = db.prepare('UPDATE batches SET approval_digest = ? WHERE id = ?');
      for (const approval of approvals) {
        const seal: ApprovalSeal = {
          digest: approval.approval_digest,
          payoutCount: approval.approval_count,
          totalFen: approval.approval_total_fen,
        };
        const next = protection.resealApproval(
          seal,
          before.get(approval.id) ?? [],
          payableRows(db, approval.id),
        );
        if (next !== null) {
          setSeal.run(next.digest, approval.id);
          resealed++;
        }
      }
      return { payouts: pending.length, approvals: resealed, auditEntries: 0 };
    })
    .immediate();
  report.auditEntries = chainUnchainedAudit(db);
  if (report.payouts > 0) {
    // The replaced clear values are zeroed in their pages (secure_delete); a checkpoint and VACUUM leave no
    // copy in the write-ahead log or in free pages either.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return report;
}
