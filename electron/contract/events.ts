/** What the main process tells every window while work goes on, through one stream. */
import type { BatchStatus } from './records.js';

export type ConsoleEvent =
  /** Reading and validating a file: `done` of `total` rows (total null while reading). */
  | { type: 'intake.progress'; phase: 'read' | 'validate' | 'store'; done: number; total: number | null }
  /** The engine at work. */
  | {
      type: 'sending.progress';
      sent: number;
      status_queries: number;
      recovered: number;
      queued: number;
      awaiting: number;
      in_flight: number;
      elapsed_ms: number;
    }
  | { type: 'batch.changed'; batch_id: number; status: BatchStatus }
  /** Payouts of these batches changed state. */
  | { type: 'payouts.changed'; batch_ids: number[] }
  /**
   * The engine cannot go on (credentials missing, say) or failed inside itself; for an internal failure the
   * reference names its entry in the error log.
   */
  | { type: 'engine.error'; code: string; message: string; reference?: string };

export type ConsoleEventListener = (event: ConsoleEvent) => void;
