import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { stringToSign, withoutSignature, type JsonValue } from '../gate/signature.js';
import type { MethodId } from '../types.js';
import type { PayoutAnswer, StatusAnswer } from '../gate/types.js';
import type { SubmissionTiming } from './config.js';
import { afterPayoutAnswer, afterStatusAnswer, afterThreshold, type Transition } from './decide.js';
import { Journal, type PayoutRow, type Scope } from './journal.js';
import { CONSOLE_STATES, isFinal } from './states.js';

/** The provider as the engine needs it (GateClient in production and tests). */
export interface PayoutGate {
  sendPayout(method: MethodId, body: unknown): Promise<PayoutAnswer>;
  queryStatus(paymentId: string): Promise<StatusAnswer>;
}

export interface EngineOptions {
  db: Database;
  gate: PayoutGate;
  /** Builds the signed request body of a payout; the same payout always gives the same body. */
  buildRequest: (row: PayoutRow) => unknown;
  timing: SubmissionTiming;
  /** Requests in flight at once. */
  concurrency: number;
  now?: () => number;
  /** Progress lines for people; never given secrets or card numbers. */
  log?: (line: string) => void;
}

export interface RunOptions extends Scope {
  /** Keep polling until every payout in scope is final or needs attention. Otherwise stop once all are sent. */
  wait: boolean;
  signal?: AbortSignal;
}

export interface RunSummary {
  sent: number;
  statusQueries: number;
  recovered: number;
  completedBatches: number[];
  stoppedBy: 'done' | 'signal';
}

type Work =
  { kind: 'send'; row: PayoutRow; body?: Record<string, JsonValue> } | { kind: 'check'; row: PayoutRow };

/** How long the loop sleeps at most between looks at the journal, so pause/cancel from elsewhere is seen. */
const IDLE_POLL_MS = 250;

/**
 * Sends approved payouts and follows each to a final status, journal first: a payout is committed as
 * `sending` before its request leaves, and every answer is committed before anything acts on it. After a
 * crash, `run` starts by turning interrupted `sending` rows into `unknown`, which only a status query resolves.
 */
export class SubmissionEngine {
  private readonly journal: Journal;
  private readonly now: () => number;
  private readonly inFlight = new Set<number>();
  private pendingAnswers: Array<{ row: PayoutRow; fromState: string; transition: Transition }> = [];

  constructor(private readonly options: EngineOptions) {
    this.journal = new Journal(options.db);
    this.now = options.now ?? Date.now;
  }

  async run(runOptions: RunOptions): Promise<RunSummary> {
    const scope: Scope = runOptions.batchIds ? { batchIds: runOptions.batchIds } : {};
    const { timing, concurrency } = this.options;
    const summary: RunSummary = {
      sent: 0,
      statusQueries: 0,
      recovered: 0,
      completedBatches: [],
      stoppedBy: 'done',
    };
    summary.recovered = this.journal.recoverInterrupted(this.now(), timing.statusDelayMs, scope);
    if (summary.recovered > 0)
      this.log(`${summary.recovered} payouts were interrupted mid-request; checking their status first.`);

    let wake: () => void = () => {};
    const tasks = new Set<Promise<void>>();

    for (;;) {
      if (runOptions.signal?.aborted) {
        summary.stoppedBy = 'signal';
        break;
      }
      const free = concurrency - this.inFlight.size;
      // One transaction journals the answers that arrived and claims the next group of sends, so one disk
      // flush covers both — and every claimed payout is committed as `sending` before its request leaves.
      const claimed = this.journal.transaction(() => {
        this.applyPendingAnswers();
        const work = free > 0 ? this.nextWork(free, scope) : [];
        return work.filter((w) => w.kind === 'check' || this.claim(w));
      });
      for (const item of claimed) {
        this.inFlight.add(item.row.id);
        const task = (item.kind === 'send' ? this.send(item.row, item.body) : this.check(item.row))
          .catch((err: unknown) =>
            this.log(`internal error on payout ${item.row.payment_id}: ${errorText(err)}`),
          )
          .finally(() => {
            this.inFlight.delete(item.row.id);
            tasks.delete(task);
            wake();
          });
        tasks.add(task);
        if (item.kind === 'send') summary.sent++;
        else summary.statusQueries++;
      }

      if (this.inFlight.size === 0) {
        summary.completedBatches.push(...this.journal.completeSettledBatches(this.now()));
        const open = this.journal.openWork(scope);
        if (open.queued === 0 && (!runOptions.wait || open.awaiting === 0)) break;
      }
      // Sleep until an answer arrives, the next status query is due, or the idle poll (to notice pause,
      // cancel or new batches from another process).
      const nextCheck = this.inFlight.size < concurrency ? this.journal.nextCheckAt(scope) : null;
      const idle =
        nextCheck === null ? IDLE_POLL_MS : Math.min(IDLE_POLL_MS, Math.max(1, nextCheck - this.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idle);
        wake = () => {
          clearTimeout(timer);
          wake = () => {};
          // setImmediate lets the other answers that arrived in the same I/O turn queue up first, so they
          // are journaled together.
          setImmediate(resolve);
        };
      });
      wake = () => {};
    }

    // Stopping: let requests in flight finish and journal their answers, so nothing is left ambiguous.
    await Promise.allSettled([...tasks]);
    this.journal.transaction(() => this.applyPendingAnswers());
    summary.completedBatches.push(...this.journal.completeSettledBatches(this.now()));
    return summary;
  }

  /**
   * Asks the provider again about a batch's settled payouts — a person's action, never automatic. Records a
   * `reversed` after `success`, and settles `needs_attention` payouts the provider has since finished.
   * Never sends anything.
   */
  async recheck(batchId: number): Promise<{ checked: number; changed: number }> {
    const rows = this.journal.settledForRecheck(batchId);
    let changed = 0;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++] as PayoutRow;
        let answer: StatusAnswer;
        try {
          answer = await this.options.gate.queryStatus(row.payment_id);
        } catch (err) {
          answer = { kind: 'unknown', reason: 'unexpected', detail: errorText(err) };
        }
        // Only a trustworthy final answer that differs from what the journal holds changes anything.
        if (answer.kind !== 'found' || answer.paymentStatus === row.state || !isFinal(answer.paymentStatus))
          continue;
        const transition = afterStatusAnswer(row, answer, this.now(), this.options.timing);
        if (this.journal.transaction(() => this.journal.apply(row.id, row.state, transition, this.now())))
          changed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, worker));
    this.journal.completeSettledBatches(this.now());
    return { checked: rows.length, changed };
  }

  private nextWork(limit: number, scope: Scope): Work[] {
    const now = this.now();
    // Status queries first: resolving what is out there matters more than sending more.
    const checks = this.journal
      .dueChecks(now, limit, scope, this.inFlight)
      .filter((row) => !this.overThreshold(row, now));
    const sends = this.journal.queued(limit - checks.length, scope, this.inFlight);
    return [
      ...checks.map((row) => ({ kind: 'check', row }) as const),
      ...sends.map((row) => ({ kind: 'send', row }) as const),
    ];
  }

  /** Moves a payout past its threshold time to needs_attention (and out of the work list). */
  private overThreshold(row: PayoutRow, now: number): boolean {
    const transition = afterThreshold(row, now, this.options.timing);
    if (!transition) return false;
    this.journal.apply(row.id, row.state, transition, now);
    this.log(`payout ${row.payment_id} needs attention: ${transition.set.message}`);
    return true;
  }

  /**
   * Builds a payout's request and journals it as leaving (inside the loop's transaction). A payout whose
   * request cannot be built, or differs from what an earlier attempt sent, goes to a person instead.
   */
  private claim(work: Extract<Work, { kind: 'send' }>): boolean {
    const { row } = work;
    const now = this.now();
    const toAttention = (message: string, event: Transition['event']) =>
      this.journal.apply(
        row.id,
        CONSOLE_STATES.queued,
        {
          state: CONSOLE_STATES.needsAttention,
          set: { message, next_check_at_ms: null },
          event,
        },
        now,
      );
    try {
      work.body = this.options.buildRequest(row) as Record<string, JsonValue>;
    } catch (err) {
      // Nothing left the machine, and resending cannot fix it.
      toAttention(`cannot build the payout request: ${errorText(err)}`, { build_failed: true });
      return false;
    }
    const outcome = this.journal.claimForSending(row.id, now, requestDigest(work.body));
    if (outcome === 'changed') {
      toAttention('the payout data differs from the first attempt; not resent', { request_changed: true });
    }
    return outcome === 'claimed';
  }

  private async send(row: PayoutRow, body: Record<string, JsonValue> | undefined): Promise<void> {
    const sentAt = this.now();
    let answer: PayoutAnswer;
    try {
      answer = await this.options.gate.sendPayout(row.method as MethodId, body);
    } catch (err) {
      // Whatever went wrong, the request may have left: only a status query can tell.
      answer = { kind: 'unknown', reason: 'unexpected', detail: errorText(err) };
    }
    this.queueAnswer(
      row,
      CONSOLE_STATES.sending,
      afterPayoutAnswer(answer, sentAt, this.now(), this.options.timing),
    );
  }

  private async check(row: PayoutRow): Promise<void> {
    let answer: StatusAnswer;
    try {
      answer = await this.options.gate.queryStatus(row.payment_id);
    } catch (err) {
      answer = { kind: 'unknown', reason: 'unexpected', detail: errorText(err) };
    }
    let transition = afterStatusAnswer(row, answer, this.now(), this.options.timing);
    // A payout of a cancelled or paused batch found unregistered is not sent again by itself.
    if (transition.state === CONSOLE_STATES.queued && row.batch_status === 'cancelled') {
      transition = {
        ...transition,
        state: CONSOLE_STATES.cancelled,
        set: { ...transition.set, final_at: new Date(this.now()).toISOString() },
      };
    }
    this.queueAnswer(row, row.state, transition);
  }

  private queueAnswer(row: PayoutRow, fromState: string, transition: Transition): void {
    this.pendingAnswers.push({ row, fromState, transition });
  }

  /** Journals every answer received since the last call (inside the caller's transaction). */
  private applyPendingAnswers(): void {
    if (this.pendingAnswers.length === 0) return;
    const answers = this.pendingAnswers;
    this.pendingAnswers = [];
    const now = this.now();
    for (const { row, fromState, transition } of answers)
      this.journal.apply(row.id, fromState, transition, now);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

/** What a request says, without its signature (a rotated key must not make an identical payout look changed). */
function requestDigest(body: Record<string, JsonValue>): string {
  return createHash('sha256')
    .update(stringToSign(withoutSignature(body)), 'utf8')
    .digest('hex');
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
