/** How the submission engine paces itself. The defaults follow the provider's rules for production. */
export interface SubmissionTiming {
  /** No status query sooner than this after a payout request (the provider asks for ≥ 10 s). */
  statusDelayMs: number;
  /** Poll intervals after the first query: each next wait doubles from this, up to pollMaxMs. */
  pollInitialMs: number;
  pollMaxMs: number;
  /**
   * `3061 not found` answers within this time after sending are not trusted (the payment may not have
   * reached the status service yet): they are asked again, never acted on.
   */
  notFoundGraceMs: number;
  /** Consecutive `3061` answers (the last one after the grace time) before a payout counts as unregistered. */
  notFoundConfirmations: number;
  /** A payout not final this long after it was first sent needs a person's attention. */
  thresholdMs: number;
}

export const PRODUCTION_TIMING: SubmissionTiming = {
  statusDelayMs: 10_000,
  pollInitialMs: 10_000,
  pollMaxMs: 5 * 60_000,
  notFoundGraceMs: 3 * 60_000,
  notFoundConfirmations: 2,
  thresholdMs: 2 * 60 * 60_000,
};

/** The provider's minimum wait before a status query; only a sandbox may be asked sooner. */
export const PROVIDER_MIN_STATUS_DELAY_MS = 10_000;

/** When the next status query of a payout is due, given how many it has had. */
export function nextPollDelay(timing: SubmissionTiming, statusChecks: number): number {
  const exponent = Math.min(Math.max(statusChecks - 1, 0), 20);
  return Math.min(timing.pollInitialMs * 2 ** exponent, timing.pollMaxMs);
}
