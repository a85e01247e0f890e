/** How every operation answers, across every transport (CLI, IPC, the browser bridge). */

export interface OperationError {
  /** Stable, for scripts and for tests: e.g. BATCH_WRONG_STATUS. */
  code: string;
  /** In the caller's language; never a stack trace, a secret or a full card number. */
  message: string;
  /** For an unexpected failure: the id of its entry in the error log, to quote to support. */
  reference?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: OperationError };
