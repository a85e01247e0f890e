import { CONSOLE_STATES } from '../payoutStates.js';
import type {
  PaymentLedger,
  PayoutProvider,
  PreflightOutcome,
  PreparedPayout,
  SendOutcome,
  StatusOutcome,
} from '../providers/types.js';
import type { JournalPort } from '../store/ports.js';
import type {
  ApprovalSeal,
  JournalChange,
  JournalPayout,
  JournalScope,
  PayableRow,
  SendClaim,
} from '../store/types.js';
import type { SubmissionTiming } from './config.js';
import { approvalSeal, isKeyedSeal, sealDifference } from './approvalSeal.js';
import { afterPayoutAnswer, afterStatusAnswer, afterThreshold, type Transition } from './decide.js';

/** Where the engine is, for a progress bar or a live screen. */
export interface SendingProgress {
  sent: number;
  statusQueries: number;
  recovered: number;
  /** Payouts of sending batches not yet sent, and payouts awaiting the provider, in scope. */
  queued: number;
  awaiting: number;
  inFlight: number;
  elapsedMs: number;
}

/** What the engine tells the world while it works; every callback is optional. */
export interface EngineObserver {
  /** At most every PROGRESS_INTERVAL_MS, and once at the end of a run. */
  progress?(progress: SendingProgress): void;
  /** Payouts of these batches changed state (journaled). */
  changed?(batchIds: number[]): void;
  /** These batches completed (every payout final). */
  completed?(batchIds: number[]): void;
  /** Something went wrong inside the engine itself (never a provider condition: those are outcomes). */
  internalError?(error: unknown, context: string): void;
  /** A batch's content changed after its approval: it is blocked and nothing more of it is sent. */
  blocked?(batchId: number, details: BlockDetails): void;
  /** The provider could not be reached at all: the run stops, nothing more is sent. */
  unreachable?(detail: string): void;
  /** Notes for people; never secrets or card numbers. */
  note?(line: string): void;
}

export interface EngineOptions {
  journal: JournalPort;
  provider: PayoutProvider;
  /** The installation key's approval key: approvals are sealed (version 3) with it. */
  approvalKey?: Buffer;
  timing: SubmissionTiming;
  /** Requests in flight at once. */
  concurrency: number;
  now?: () => number;
  observer?: EngineObserver;
}

export interface RunOptions extends JournalScope {
  /** Keep polling until every payout in scope is final or needs attention. Otherwise stop once all are sent. */
  wait: boolean;
  signal?: AbortSignal;
}

export interface RunSummary {
  sent: number;
  statusQueries: number;
  recovered: number;
  completedBatches: number[];
  /** Batches blocked in this run because their content changed after approval. */
  blockedBatches: number[];
  /** Why the provider could not be reached, when that stopped the run. */
  unreachable: string | null;
  stoppedBy: 'done' | 'signal' | 'unreachable';
}

/** What changed between an approval and the batch found at send time. */
export interface BlockDetails {
  code: 'APPROVAL_CONTENT_CHANGED';
  approved: { payout_count: number; total_fen: number };
  found: { payout_count: number; total_fen: number };
}

type Work =
  | { kind: 'send'; row: JournalPayout; prepared: PreparedPayout; ledger?: PaymentLedger }
  | { kind: 'check'; row: JournalPayout };

/** How long the loop sleeps at most between looks at the journal, so pause/cancel from elsewhere is seen. */
const IDLE_POLL_MS = 250;
const PROGRESS_INTERVAL_MS = 250;

/**
 * Sends approved payouts and follows each to a final status, journal first: a payout is committed as
 * `sending` before its request leaves, and every answer is committed before anything acts on it. After a
 * crash, `run` starts by turning interrupted `sending` rows into `unknown`, which only a status query resolves.
 * It speaks only the provider-neutral outcomes, so any adapter behind PayoutProvider can carry it.
 */
export class SubmissionEngine {
  private readonly journal: JournalPort;
  private readonly now: () => number;
  private readonly observer: EngineObserver;
  private readonly inFlight = new Set<number>();
  /** Answers not journaled yet (with their batch, for `changed` notices). */
  private pendingChanges: Array<JournalChange & { batchId: number }> = [];
  /** Per run: batches whose content was checked against their approval, and those found changed. */
  private approvalChecked = new Map<number, boolean>();
  /** Set when a request could not reach the provider at all: the run stops. */
  private unreachable: string | null = null;
  private blockedThisRun: number[] = [];

  constructor(private readonly options: EngineOptions) {
    this.journal = options.journal;
    this.now = options.now ?? Date.now;
    this.observer = options.observer ?? {};
  }

  async run(runOptions: RunOptions): Promise<RunSummary> {
    const scope: JournalScope = runOptions.batchIds ? { batchIds: runOptions.batchIds } : {};
    const { timing, concurrency } = this.options;
    const startedAt = this.now();
    const summary: RunSummary = {
      sent: 0,
      statusQueries: 0,
      recovered: 0,
      completedBatches: [],
      blockedBatches: [],
      unreachable: null,
      stoppedBy: 'done',
    };
    this.approvalChecked = new Map();
    this.unreachable = null;
    this.blockedThisRun = [];
    summary.recovered = await this.journal.recoverInterrupted(this.now(), timing.statusDelayMs, scope);
    if (summary.recovered > 0)
      this.note(`${summary.recovered} payouts were interrupted mid-request; checking their status first.`);

    let lastProgressAt = -Infinity;
    const reportProgress = async (force: boolean) => {
      if (!this.observer.progress || (!force && this.now() - lastProgressAt < PROGRESS_INTERVAL_MS)) return;
      lastProgressAt = this.now();
      const open = await this.journal.openWork(scope);
      this.observer.progress({
        sent: summary.sent,
        statusQueries: summary.statusQueries,
        recovered: summary.recovered,
        ...open,
        inFlight: this.inFlight.size,
        elapsedMs: this.now() - startedAt,
      });
    };

    let wake: () => void = () => {};
    const tasks = new Set<Promise<void>>();

    for (;;) {
      if (runOptions.signal?.aborted) {
        summary.stoppedBy = 'signal';
        break;
      }
      // A provider that cannot be reached at all: stop, with what was sent followed up by the next run.
      if (this.unreachable !== null) {
        summary.stoppedBy = 'unreachable';
        break;
      }
      const free = concurrency - this.inFlight.size;
      const work = free > 0 ? await this.nextWork(free, scope) : [];
      // One transaction journals the answers that arrived and claims the next sends, so one disk flush covers
      // both — and every claimed payout is committed as `sending` before its request leaves.
      const claimed = await this.commit(work.flatMap((w) => (w.kind === 'send' ? [this.claimOf(w)] : [])));
      for (const item of work) {
        if (item.kind === 'send' && !claimed.has(item.row.id)) continue;
        this.inFlight.add(item.row.id);
        const task = (item.kind === 'send' ? this.send(item.row, item.prepared) : this.check(item.row))
          .catch((err: unknown) =>
            this.observer.internalError?.(err, `payout ${item.row.payment_id} (${item.kind})`),
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
      await reportProgress(false);

      if (this.inFlight.size === 0) {
        summary.completedBatches.push(...(await this.completeSettled()));
        const open = await this.journal.openWork(scope);
        if (open.queued === 0 && (!runOptions.wait || open.awaiting === 0)) break;
      }
      // Sleep until an answer arrives, the next status query is due, or the idle poll (to notice pause,
      // cancel or new batches from another process).
      const nextCheck = this.inFlight.size < concurrency ? await this.journal.nextCheckAt(scope) : null;
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
    await this.commit([]);
    summary.completedBatches.push(...(await this.completeSettled()));
    await reportProgress(true);
    summary.blockedBatches = this.blockedThisRun;
    summary.unreachable = this.unreachable;
    if (this.unreachable !== null) this.observer.unreachable?.(this.unreachable);
    return summary;
  }

  /**
   * Asks the provider about a batch's settled payouts again — a person's action, never automatic. Returns the
   * changes to journal: a `reversed` after `success`, and needs-attention payouts the provider has since
   * finished. Never sends anything, and never writes: the caller journals the changes with its audit entry.
   */
  async recheck(batchId: number): Promise<{ checked: number; changes: JournalChange[] }> {
    const rows = await this.journal.settledForRecheck(batchId);
    const changes: JournalChange[] = [];
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++] as JournalPayout;
        const answer = await this.queryStatus(row);
        // Only a trustworthy final answer changes anything, and only when it differs from the journal (a
        // reversal, a decision since needs_attention, or a payment that is not this payout after all).
        if (answer.kind !== 'final') continue;
        const transition = afterStatusAnswer(row, answer, this.now(), this.options.timing);
        if (transition.state === row.state) continue;
        changes.push({ payoutId: row.id, fromState: row.state, transition });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, worker));
    return { checked: rows.length, changes };
  }

  /** Due checks and queued sends, leaving out payouts in flight and those whose answer is not journaled yet. */
  private async nextWork(limit: number, scope: JournalScope): Promise<Work[]> {
    const now = this.now();
    const exclude = new Set(this.inFlight);
    for (const change of this.pendingChanges) exclude.add(change.payoutId);
    const { checks, sends } = await this.journal.nextWork({ nowMs: now, limit, scope, exclude });
    const work: Work[] = [];
    for (const row of checks) {
      // A payout past its threshold time goes to a person instead of being asked about again.
      const attention = afterThreshold(row, now, this.options.timing);
      if (attention) {
        this.pendingChanges.push({ ...changeOf(row), transition: attention });
        this.note(`payout ${row.payment_id} needs attention: ${attention.set.message}`);
      } else work.push({ kind: 'check', row });
    }
    const ready: Array<{ row: JournalPayout; prepared: PreparedPayout }> = [];
    for (const row of sends) {
      if (!(await this.approvalHolds(row.batch_id))) continue;
      const prepared = this.prepare(row);
      if (prepared) ready.push({ row, prepared });
    }
    const checked = await Promise.all(ready.map((item) => this.preflight(item.row, item.prepared)));
    for (const item of checked) if (item) work.push(item);
    return work;
  }

  /**
   * The provider's look before a payout is claimed (refunds: the payment's captured and credited amounts).
   * Null when the payout is not sent now: refused (final, journaled) or the provider could not be asked.
   */
  private async preflight(
    row: JournalPayout,
    prepared: PreparedPayout,
  ): Promise<Extract<Work, { kind: 'send' }> | null> {
    const look = this.options.provider.preflight;
    if (!look) return { kind: 'send', row, prepared };
    let outcome: PreflightOutcome;
    try {
      outcome = await look.call(this.options.provider, row);
    } catch (err) {
      outcome = { kind: 'not_sent', detail: errorText(err) };
    }
    if (outcome.kind === 'ready') return { kind: 'send', row, prepared, ledger: outcome.ledger };
    if (outcome.kind === 'not_sent') {
      this.unreachable ??= outcome.detail;
      return null;
    }
    // Refused before anything left: final, like a refusal of the request itself.
    const { ledger, ...refusal } = outcome;
    this.pendingChanges.push({
      ...changeOf(row),
      transition: afterPayoutAnswer(
        { ...refusal, kind: 'rejected' },
        this.now(),
        this.now(),
        this.options.timing,
      ),
      ...(ledger ? { ledger: { seen: ledger, beforeSend: true } } : {}),
    });
    return null;
  }

  /**
   * Before anything of a batch is sent in this run: is it still what was approved? Its payable fields and
   * control totals are recomputed and compared with the approval's seal; a batch that changed is blocked and
   * nothing of it is sent. (A batch approved before approvals were sealed has no seal to compare.)
   */
  private async approvalHolds(batchId: number): Promise<boolean> {
    const known = this.approvalChecked.get(batchId);
    if (known !== undefined) return known;
    const { seal, rows } = await this.journal.approvalOf(batchId);
    const difference = seal ? this.sealDifference(seal, rows) : null;
    this.approvalChecked.set(batchId, difference === null);
    if (difference === null) return true;
    const details: BlockDetails = {
      code: 'APPROVAL_CONTENT_CHANGED',
      approved: { payout_count: difference.approved.payoutCount, total_fen: difference.approved.totalFen },
      found: { payout_count: difference.found.payoutCount, total_fen: difference.found.totalFen },
    };
    if (await this.journal.block(batchId, { ...details }, this.now())) {
      this.blockedThisRun.push(batchId);
      this.observer.blocked?.(batchId, details);
    }
    return false;
  }

  /**
   * Where a batch differs from its approval. With the installation key every approval this console honours
   * is sealed under it (version 3; the upgrade re-seals older ones that still hold), so an unkeyed seal is a
   * forgery until proven otherwise: anyone who can write the file can compute one over changed content.
   */
  private sealDifference(seal: ApprovalSeal, rows: PayableRow[]) {
    const key = this.options.approvalKey;
    if (key && !isKeyedSeal(seal)) return { approved: seal, found: approvalSeal(rows, undefined, key) };
    return sealDifference(seal, approvalSeal(rows, seal, key));
  }

  /** The payout's request; or null, with the payout parked for a person, when it cannot be built. */
  private prepare(row: JournalPayout): PreparedPayout | null {
    try {
      return this.options.provider.prepare(row);
    } catch (err) {
      // Nothing left the machine, and resending cannot fix it.
      this.pendingChanges.push({
        ...changeOf(row),
        transition: toAttention(`cannot build the payout request: ${errorText(err)}`, { build_failed: true }),
      });
      return null;
    }
  }

  private claimOf(work: Extract<Work, { kind: 'send' }>): SendClaim {
    return {
      payoutId: work.row.id,
      digest: work.prepared.digest,
      ...(work.ledger ? { ledger: work.ledger } : {}),
      ifChanged: toAttention('the payout data differs from the first attempt; not resent', {
        request_changed: true,
      }),
    };
  }

  /** Journals the pending answers and the given claims in one transaction; returns the claimed payouts. */
  private async commit(claims: SendClaim[]): Promise<Set<number>> {
    if (this.pendingChanges.length === 0 && claims.length === 0) return new Set();
    const changes = this.pendingChanges;
    this.pendingChanges = [];
    const claimed = await this.journal.commitTurn({ changes, claims, nowMs: this.now() });
    if (changes.length > 0) this.observer.changed?.([...new Set(changes.map((c) => c.batchId))]);
    return claimed;
  }

  private async completeSettled(): Promise<number[]> {
    const completed = await this.journal.completeSettledBatches(this.now());
    if (completed.length > 0) this.observer.completed?.(completed);
    return completed;
  }

  private async send(row: JournalPayout, prepared: PreparedPayout): Promise<void> {
    const sentAt = this.now();
    let answer: SendOutcome;
    try {
      answer = await this.options.provider.send(prepared);
    } catch (err) {
      // Whatever went wrong, the request may have left: only a status query can tell.
      answer = { kind: 'unknown', reason: 'unexpected', detail: errorText(err) };
    }
    if (answer.kind === 'not_sent') this.unreachable ??= answer.detail;
    this.pendingChanges.push({
      ...changeOf(row),
      fromState: CONSOLE_STATES.sending,
      transition: afterPayoutAnswer(answer, sentAt, this.now(), this.options.timing),
      ...ledgerOf(answer, true),
    });
  }

  private async check(row: JournalPayout): Promise<void> {
    const answer = await this.queryStatus(row);
    if (answer.kind === 'unknown' && answer.reason === 'unreachable') this.unreachable ??= answer.detail;
    let transition = afterStatusAnswer(row, answer, this.now(), this.options.timing);
    // A payout of a cancelled batch found unregistered is not sent again by itself.
    if (transition.state === CONSOLE_STATES.queued && row.batch_status === 'cancelled') {
      transition = {
        ...transition,
        state: CONSOLE_STATES.cancelled,
        set: { ...transition.set, final_at: new Date(this.now()).toISOString() },
      };
    }
    this.pendingChanges.push({ ...changeOf(row), transition, ...ledgerOf(answer, false) });
  }

  private async queryStatus(row: JournalPayout): Promise<StatusOutcome> {
    try {
      return await this.options.provider.queryStatus(row);
    } catch (err) {
      return { kind: 'unknown', reason: 'unexpected', detail: errorText(err) };
    }
  }

  private note(line: string): void {
    this.observer.note?.(line);
  }
}

function toAttention(message: string, event: Transition['event']): Transition {
  return { state: CONSOLE_STATES.needsAttention, set: { message, next_check_at_ms: null }, event };
}

/** What an answer said of a refund's original payment, to journal with it (see JournalChange.ledger). */
function ledgerOf(answer: SendOutcome | StatusOutcome, beforeSend: boolean): Pick<JournalChange, 'ledger'> {
  const seen = 'ledger' in answer ? answer.ledger : undefined;
  return seen ? { ledger: { seen, beforeSend } } : {};
}

/** A change of this payout from the state it was read in. */
function changeOf(row: JournalPayout): { payoutId: number; fromState: string; batchId: number } {
  return { payoutId: row.id, fromState: row.state, batchId: row.batch_id };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
