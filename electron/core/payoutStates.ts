import { FINAL_STATUSES } from './providers/types.js';

/**
 * The states a payout passes through once its batch is approved. The console's own states describe what
 * it knows about the request; the provider's payment statuses take over once a status query answers.
 */

/** The console's own states. */
export const CONSOLE_STATES = {
  /** Approved, not yet sent. */
  queued: 'queued',
  /** Journaled as leaving the machine; if the process dies here, the outcome is unknown. */
  sending: 'sending',
  /** The Gate accepted the request for processing (not paid yet). */
  accepted: 'accepted',
  /** No usable answer (timeout, reset, 5xx, malformed): resolved by status query, never by a blind resend. */
  unknown: 'unknown',
  /** The Gate refused the request (4xx with an error code): nothing was registered. Final. */
  rejected: 'rejected',
  /** Not final after the threshold time, or the provider's answers contradict each other. Never retried silently. */
  needsAttention: 'needs_attention',
  /** Not sent: the batch was cancelled before this payout left. Final. */
  cancelled: 'cancelled',
} as const;

/** Outcomes that end a payout (for now: `reversed` may still follow `success`), whatever the provider. */
export const FINAL_PROVIDER_STATUSES: ReadonlySet<string> = new Set<string>(FINAL_STATUSES);

/** States in which nothing more happens without a person. */
export function isSettled(state: string): boolean {
  return (
    FINAL_PROVIDER_STATUSES.has(state) ||
    state === CONSOLE_STATES.rejected ||
    state === CONSOLE_STATES.cancelled ||
    state === CONSOLE_STATES.needsAttention
  );
}

/** States whose outcome is settled for good (needs_attention is not: a person must resolve it). */
export function isFinal(state: string): boolean {
  return isSettled(state) && state !== CONSOLE_STATES.needsAttention;
}
