import { createRandom } from './random.js';

/**
 * Faults the emulator can inject into payout and status requests (never into bank lists, the Data API
 * or the /__sandbox/* control routes):
 * - latency: an extra delay, then the normal answer;
 * - http500: 500 "Platform unavailable", nothing registered;
 * - drop_before_register: the socket is destroyed without an answer, nothing registered;
 * - drop_after_register: the request is processed (a valid payout IS registered), then the socket is
 *   destroyed: the client cannot know the outcome;
 * - malformed_json: the request is processed, then the answer's body is cut short (invalid JSON);
 * - bad_signature: a status answer signed with a wrong key (payout acceptances are unsigned: no effect);
 * - temporary_3062: a status answer says 3062 "not found" although the payment exists (payouts: no effect).
 */
export const FAULT_KINDS = [
  'latency',
  'http500',
  'drop_before_register',
  'drop_after_register',
  'malformed_json',
  'bad_signature',
  'temporary_3062',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultDraw {
  kind: FaultKind | null;
  /** Extra delay of a `latency` fault, 0 otherwise. */
  extraDelayMs: number;
}

export interface FaultPlan {
  seed: number | string;
  rate: number;
  kinds: readonly FaultKind[];
  latencyMs: { min: number; max: number };
}

/**
 * Returns a drawer called once per payout or status request, in arrival order. Every draw consumes
 * exactly three numbers (faulted?, which kind, how long), so the n-th request's fault depends only on
 * the seed and n, whatever the earlier draws turned out to be.
 */
export function createFaultDrawer(plan: FaultPlan): () => FaultDraw {
  const random = createRandom(plan.seed);
  return () => {
    const hit = random();
    const pick = random();
    const spread = random();
    if (plan.kinds.length === 0 || hit >= plan.rate) return { kind: null, extraDelayMs: 0 };
    const kind = plan.kinds[Math.floor(pick * plan.kinds.length)] ?? null;
    const { min, max } = plan.latencyMs;
    const extraDelayMs = kind === 'latency' ? min + Math.floor(spread * (max - min + 1)) : 0;
    return { kind, extraDelayMs };
  };
}
