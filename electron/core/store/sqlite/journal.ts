import type { Database, Statement } from 'better-sqlite3';
import { CONSOLE_STATES, FINAL_PROVIDER_STATUSES } from '../../payoutStates.js';
import type {
  ApprovalSeal,
  AuditRecord,
  BatchRecord,
  BindingGroup,
  EnvironmentBinding,
  PayableRow,
  JournalChange,
  JournalPayout,
  JournalScope,
  PayoutTransition,
  SendClaim,
} from '../types.js';
import { appendAudit } from './audit.js';
import { payableRows } from './batches.js';
import { recordLedger } from './refunds.js';
import { REFUND_COLUMNS_SQL, REFUND_JOIN_SQL, withRefundTerms, type RefundColumns } from './refundColumns.js';
import { bindingOfBatch } from '../bindings.js';

/**
 * The delivery journal in SQLite: every state change of a payout is committed here, with an event row,
 * before (for sends) and after (for answers) the network. Every change is a compare-and-set on the state
 * the engine last saw, so two engines on one database can never both send the same payout.
 */

import { AWAITING_SQL } from './payoutSql.js';

/**
 * Batches whose payouts the engine works on: sending (all work); paused, cancelled and blocked (what was sent
 * is still followed, nothing new is sent).
 */
const ACTIVE_BATCHES_SQL = `b.status IN ('sending', 'paused', 'cancelled', 'blocked')`;

type PayoutRow = JournalPayout;
type Scope = JournalScope;
type Transition = PayoutTransition;

/** An SQL string literal (the binding's values are the console's own records, quoted all the same). */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function scopeSql(scope: Scope): string {
  let sql = '';
  if (scope.batchIds) {
    const ids = scope.batchIds.filter((id) => Number.isSafeInteger(id));
    sql += ids.length === 0 ? ' AND 0' : ` AND p.batch_id IN (${ids.join(', ')})`;
  }
  const binding = scope.binding;
  if (binding) {
    const gate = binding.gateUrl === null ? 'b.gate_url IS NULL' : `b.gate_url = ${literal(binding.gateUrl)}`;
    const project = Number.isSafeInteger(binding.projectId) ? binding.projectId : -1;
    const merchant =
      binding.merchantId === undefined
        ? 'b.merchant_id IS NULL'
        : `b.merchant_id = ${literal(binding.merchantId)}`;
    sql += ` AND b.environment = ${literal(binding.environment)} AND ${gate} AND b.project_id = ${project}`;
    sql += ` AND ${merchant}`;
  }
  return sql;
}

/**
 * A journaled payout with its batch's method and status and, on a refund row, its terms. Every read of the
 * engine's work goes through this SELECT and `journalPayout`.
 */
const PAYOUT_ROWS_SQL = `SELECT p.*, b.method, b.status AS batch_status, ${REFUND_COLUMNS_SQL}
  FROM payouts p JOIN batches b ON b.id = p.batch_id ${REFUND_JOIN_SQL}`;

type RawPayoutRow = Omit<JournalPayout, 'refund'> & RefundColumns;

const journalPayout = (raw: RawPayoutRow): JournalPayout => withRefundTerms(raw);

/**
 * One credit per refunded payment at a time: a queued refund waits while another refund of the same payment
 * is on its way (sent, unanswered, pending or needing a person) or queued ahead of it. The provider reports a
 * payment's credited total, not each credit's, so one at a time keeps every outcome provable and the capture
 * check exact.
 */
const ONE_CREDIT_PER_PAYMENT_SQL = `(r.pay_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM refund_details r2 JOIN payouts p2 ON p2.id = r2.payout_id JOIN batches b2 ON b2.id = p2.batch_id
     WHERE r2.pay_id = r.pay_id AND p2.id <> p.id
       AND ((p2.state = '${CONSOLE_STATES.queued}' AND p2.id < p.id AND b2.status = 'sending')
         OR p2.state NOT IN ('draft', '${CONSOLE_STATES.queued}', '${CONSOLE_STATES.rejected}',
                             '${CONSOLE_STATES.cancelled}', ${[...FINAL_PROVIDER_STATUSES].map((s) => `'${s}'`).join(', ')}))))`;

export class Journal {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  /** Prepared statements are compiled once: the engine runs the same few thousands of times. */
  private stmt<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  /** Rows left in `sending` by a process that died mid-request: their outcome is unknown. */
  recoverInterrupted(nowMs: number, statusDelayMs: number, scope: Scope = {}): number {
    const rows = this.stmt<[], RawPayoutRow>(
      `${PAYOUT_ROWS_SQL} WHERE p.state = '${CONSOLE_STATES.sending}'${scopeSql(scope)}`,
    )
      .all()
      .map(journalPayout);
    this.transaction(() => {
      for (const row of rows) {
        this.apply(
          row.id,
          CONSOLE_STATES.sending,
          {
            state: CONSOLE_STATES.unknown,
            set: {
              message: 'interrupted while sending: outcome unknown',
              next_check_at_ms: Math.max(nowMs, (row.last_sent_at_ms ?? nowMs) + statusDelayMs),
            },
            event: { recovered: 'process stopped while the request was in flight' },
          },
          nowMs,
        );
      }
    });
    return rows.length;
  }

  /** A batch's payouts that a recheck asks about again: successes (a reversal may follow) and needs_attention. */
  settledForRecheck(batchId: number): PayoutRow[] {
    return this.stmt<[number], RawPayoutRow>(
      `${PAYOUT_ROWS_SQL}
       WHERE p.batch_id = ? AND p.state IN ('success', '${CONSOLE_STATES.needsAttention}') ORDER BY p.id`,
    )
      .all(batchId)
      .map(journalPayout);
  }

  /** Queued payouts of batches being sent, oldest first. */
  queued(limit: number, scope: Scope = {}, exclude: ReadonlySet<number> = new Set()): PayoutRow[] {
    return this.stmt<[number], RawPayoutRow>(
      `${PAYOUT_ROWS_SQL}
         WHERE b.status = 'sending' AND p.state = '${CONSOLE_STATES.queued}'${scopeSql(scope)}
           AND ${ONE_CREDIT_PER_PAYMENT_SQL}
         ORDER BY p.batch_id, p.id LIMIT ?`,
    )
      .all(limit + exclude.size)
      .map(journalPayout)
      .filter((row) => !exclude.has(row.id))
      .slice(0, limit);
  }

  /** Payouts whose next status query is due. */
  dueChecks(
    nowMs: number,
    limit: number,
    scope: Scope = {},
    exclude: ReadonlySet<number> = new Set(),
  ): PayoutRow[] {
    return this.stmt<[number, number], RawPayoutRow>(
      `${PAYOUT_ROWS_SQL}
         WHERE ${ACTIVE_BATCHES_SQL} AND ${AWAITING_SQL} AND p.next_check_at_ms IS NOT NULL AND p.next_check_at_ms <= ?${scopeSql(scope)}
         ORDER BY p.next_check_at_ms LIMIT ?`,
    )
      .all(nowMs, limit + exclude.size)
      .map(journalPayout)
      .filter((row) => !exclude.has(row.id))
      .slice(0, limit);
  }

  /** When the earliest pending status query is due, or null when none is pending. */
  nextCheckAt(scope: Scope = {}): number | null {
    return (
      this.stmt<[], number | null>(
        // Walks the partial index on next_check_at_ms in order and stops at the first match.
        `SELECT p.next_check_at_ms FROM payouts p JOIN batches b ON b.id = p.batch_id
         WHERE p.next_check_at_ms IS NOT NULL AND ${ACTIVE_BATCHES_SQL} AND ${AWAITING_SQL}${scopeSql(scope)}
         ORDER BY p.next_check_at_ms LIMIT 1`,
      )
        .pluck()
        .get() ?? null
    );
  }

  /** How much work is left in scope: queued rows of sending batches, and rows awaiting the provider. */
  openWork(scope: Scope = {}): { queued: number; awaiting: number } {
    const row = this.stmt<[], { queued: number; awaiting: number }>(
      `SELECT
           coalesce(sum(b.status = 'sending' AND p.state = '${CONSOLE_STATES.queued}'), 0) AS queued,
           coalesce(sum(${ACTIVE_BATCHES_SQL} AND ${AWAITING_SQL}), 0) AS awaiting
         FROM payouts p JOIN batches b ON b.id = p.batch_id WHERE 1${scopeSql(scope)}`,
    ).get();
    return row ?? { queued: 0, awaiting: 0 };
  }

  /**
   * Journals a payout as leaving the machine: queued → sending, committed before the request is made, with
   * the digest of what is sent. Returns 'claimed'; 'taken' if another engine got there first; 'changed' if
   * an earlier attempt sent different data (a resend must be the same payment with the same data).
   */
  claimForSending(payoutId: number, nowMs: number, requestSha256: string): 'claimed' | 'taken' | 'changed' {
    const changed = this.stmt(
      `UPDATE payouts SET state = '${CONSOLE_STATES.sending}', send_attempts = send_attempts + 1,
           first_sent_at_ms = coalesce(first_sent_at_ms, @now), last_sent_at_ms = @now, next_check_at_ms = NULL,
           request_sha256 = coalesce(request_sha256, @digest)
         WHERE id = @id AND state = '${CONSOLE_STATES.queued}'
           AND (request_sha256 IS NULL OR request_sha256 = @digest)`,
    ).run({ id: payoutId, now: nowMs, digest: requestSha256 }).changes;
    if (changed === 1) {
      this.event(payoutId, CONSOLE_STATES.queued, CONSOLE_STATES.sending, { send: 'request leaving' }, nowMs);
      return 'claimed';
    }
    const state = this.stmt<[number], string>('SELECT state FROM payouts WHERE id = ?').pluck().get(payoutId);
    return state === CONSOLE_STATES.queued ? 'changed' : 'taken';
  }

  /** Applies a transition if the payout is still in `fromState`; returns whether it was applied. */
  apply(payoutId: number, fromState: string, transition: Transition, nowMs: number): boolean {
    const columns = Object.keys(transition.set);
    const assignments = ['state = @state', ...columns.map((c) => `${c} = @${c}`)].join(', ');
    const changed = this.stmt(`UPDATE payouts SET ${assignments} WHERE id = @id AND state = @fromState`).run({
      ...transition.set,
      state: transition.state,
      id: payoutId,
      fromState,
    }).changes;
    if (changed === 1) this.event(payoutId, fromState, transition.state, transition.event, nowMs);
    return changed === 1;
  }

  /** Due status queries first (resolving what is out there matters more than sending more), then sends. */
  nextWork(
    nowMs: number,
    limit: number,
    scope: Scope,
    exclude: ReadonlySet<number>,
  ): { checks: PayoutRow[]; sends: PayoutRow[] } {
    const checks = this.dueChecks(nowMs, limit, scope, exclude);
    const sends = limit > checks.length ? this.queued(limit - checks.length, scope, exclude) : [];
    return { checks, sends };
  }

  /**
   * One engine turn in one transaction (one disk flush): the answers that arrived, then the payouts leaving
   * now. A claim whose data differs from an earlier attempt gets its `ifChanged` transition instead.
   */
  commitTurn(changes: readonly JournalChange[], claims: readonly SendClaim[], nowMs: number): Set<number> {
    return this.transaction(() => {
      for (const change of changes) {
        // The provider's word on a refunded payment is kept even when the transition lost its race.
        recordLedger(this.db, change, nowMs);
        this.apply(change.payoutId, change.fromState, change.transition, nowMs);
      }
      const claimed = new Set<number>();
      for (const claim of claims) {
        const outcome = this.claimForSending(claim.payoutId, nowMs, claim.digest);
        if (outcome === 'claimed') {
          claimed.add(claim.payoutId);
          // The refund's payment as the provider saw it just now: on disk before the credit leaves.
          if (claim.ledger)
            recordLedger(
              this.db,
              { payoutId: claim.payoutId, ledger: { seen: claim.ledger, beforeSend: true } },
              nowMs,
            );
        } else if (outcome === 'changed')
          this.apply(claim.payoutId, CONSOLE_STATES.queued, claim.ifChanged, nowMs);
      }
      return claimed;
    });
  }

  /** A person's recheck: its changes and its audit entry in one transaction; returns how many applied. */
  applyRecheck(changes: readonly JournalChange[], nowMs: number, audit: AuditRecord): number {
    return this.transaction(() => {
      let applied = 0;
      for (const { payoutId, fromState, transition } of changes)
        if (this.apply(payoutId, fromState, transition, nowMs)) applied++;
      appendAudit(this.db, { ...audit, details: { ...audit.details, changed: applied } });
      return applied;
    });
  }

  /** Active batches in scope, grouped by the environment they are bound to. */
  activeBindings(scope: Scope): BindingGroup[] {
    const rows = this.stmt<
      [],
      Pick<BatchRecord, 'id' | 'environment' | 'gate_url' | 'project_id' | 'merchant_id'>
    >(
      `SELECT DISTINCT b.id, b.environment, b.gate_url, b.project_id, b.merchant_id
         FROM batches b JOIN payouts p ON p.batch_id = b.id
         WHERE ${ACTIVE_BATCHES_SQL}${scopeSql(scope)} ORDER BY b.id`,
    ).all();
    const groups = new Map<string, BindingGroup>();
    for (const row of rows) {
      const binding = bindingOfBatch(row);
      const key = JSON.stringify(binding);
      const group = groups.get(key) ?? { binding, batchIds: [] };
      group.batchIds.push(row.id);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  /**
   * Binds active batches that were sent before batches recorded where (an upgraded database), each with an
   * audit entry: from now on the batch goes only there.
   */
  bindUnbound(batchIds: readonly number[], binding: EnvironmentBinding): void {
    const bind = this.stmt(
      `UPDATE batches SET environment = ?, gate_url = ?, project_id = ?, merchant_id = ?
        WHERE id = ? AND environment IS NULL`,
    );
    this.transaction(() => {
      const at = new Date().toISOString();
      for (const batchId of batchIds) {
        const merchant = binding.merchantId ?? null;
        if (
          bind.run(binding.environment, binding.gateUrl, binding.projectId, merchant, batchId).changes === 0
        )
          continue;
        appendAudit(this.db, {
          actor: 'console',
          action: 'batch.bound',
          batchId,
          details: { ...binding },
          at,
        });
      }
    });
  }

  /** What a batch's approval covered, and what the batch holds now. */
  approvalOf(batchId: number): { seal: ApprovalSeal | null; rows: PayableRow[] } {
    const batch = this.stmt<
      [number],
      Pick<BatchRecord, 'approval_digest' | 'approval_count' | 'approval_total_fen'>
    >('SELECT approval_digest, approval_count, approval_total_fen FROM batches WHERE id = ?').get(batchId);
    const seal =
      batch?.approval_digest && batch.approval_count !== null && batch.approval_total_fen !== null
        ? {
            digest: batch.approval_digest,
            payoutCount: batch.approval_count,
            totalFen: batch.approval_total_fen,
          }
        : null;
    return { seal, rows: payableRows(this.db, batchId) };
  }

  /** sending → blocked, with its audit entry: its content changed after approval. */
  block(batchId: number, details: Record<string, unknown>, nowMs: number): boolean {
    return this.transaction(() => {
      const changed = this.stmt(
        `UPDATE batches SET status = 'blocked' WHERE id = ? AND status = 'sending'`,
      ).run(batchId).changes;
      if (changed === 1)
        appendAudit(this.db, {
          actor: 'console',
          action: 'batch.blocked',
          batchId,
          details,
          at: new Date(nowMs).toISOString(),
        });
      return changed === 1;
    });
  }

  /** Runs `fn` in one transaction (one disk flush for many journal changes). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Marks sending batches completed once every payout is final (needs_attention keeps a batch open). */
  completeSettledBatches(nowMs: number): number[] {
    const done = this.stmt<[], number>(
      `SELECT b.id FROM batches b WHERE b.status IN ('sending', 'paused') AND NOT EXISTS (
           SELECT 1 FROM payouts p WHERE p.batch_id = b.id
             AND p.state NOT IN (${[...FINAL_PROVIDER_STATUSES, CONSOLE_STATES.rejected, CONSOLE_STATES.cancelled].map((s) => `'${s}'`).join(', ')}))`,
    )
      .pluck()
      .all();
    if (done.length === 0) return [];
    this.transaction(() => {
      for (const id of done) {
        this.stmt(`UPDATE batches SET status = 'completed' WHERE id = ?`).run(id);
        appendAudit(this.db, {
          actor: 'console',
          action: 'batch.completed',
          batchId: id,
          details: {},
          at: new Date(nowMs).toISOString(),
        });
      }
    });
    return done;
  }

  private event(
    payoutId: number,
    from: string,
    to: string,
    detail: Transition['event'],
    nowMs: number,
  ): void {
    this.stmt(
      'INSERT INTO payout_events (payout_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)',
    ).run(payoutId, new Date(nowMs).toISOString(), from, to, JSON.stringify(detail));
  }
}
