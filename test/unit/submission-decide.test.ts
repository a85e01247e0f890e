import { describe, expect, it } from 'vitest';
import { FINAL_STATUSES, type FinalStatus, type StatusOutcome } from '../../electron/core/providers/types.js';
import {
  nextPollDelay,
  PRODUCTION_TIMING,
  type SubmissionTiming,
} from '../../electron/core/submission/config.js';
import {
  afterPayoutAnswer,
  afterStatusAnswer,
  afterThreshold,
  type DeliveryProgress,
} from '../../electron/core/submission/decide.js';
import { isFinal, isSettled } from '../../electron/core/payoutStates.js';

const timing: SubmissionTiming = { ...PRODUCTION_TIMING };
const T0 = 1_700_000_000_000;

const progress = (over: Partial<DeliveryProgress> = {}): DeliveryProgress => ({
  state: 'unknown',
  send_attempts: 1,
  first_sent_at_ms: T0,
  last_sent_at_ms: T0,
  status_checks: 0,
  not_found_count: 0,
  amount_fen: 1000,
  currency: 'CNY',
  card_number: '6228481234567890128',
  ...over,
});

/** A status answer in the provider-neutral vocabulary: final for the final statuses, pending otherwise. */
const found = (status: string, code: string | null = null): StatusOutcome => {
  const reported = {
    providerStatus: status,
    code,
    message: code ? 'msg' : null,
    amountFen: 1000,
    currency: 'CNY',
  };
  return (FINAL_STATUSES as readonly string[]).includes(status)
    ? { kind: 'final', status: status as FinalStatus, ...reported }
    : { kind: 'pending', ...reported };
};
const notFound = (): StatusOutcome => ({ kind: 'not_found', code: '3061', message: 'Transaction not found' });
const notFoundYet = (): StatusOutcome => ({
  kind: 'not_found_yet',
  code: '3062',
  message: 'Not yet received',
});

describe('after the payout request', () => {
  it('accepted is not paid: it waits for a status query no sooner than the status delay', () => {
    const t = afterPayoutAnswer({ kind: 'accepted', httpStatus: 200, reference: 'r1' }, T0, T0 + 50, timing);
    expect(t.state).toBe('accepted');
    expect(t.set.next_check_at_ms).toBe(T0 + 10_000);
    expect(t.set.request_id).toBe('r1');
  });

  it('"already exists" means the original exists: read its status, never resend', () => {
    const t = afterPayoutAnswer(
      { kind: 'already_exists', httpStatus: 400, code: '3041', message: 'exists' },
      T0,
      T0,
      timing,
    );
    expect(t.state).toBe('accepted');
    expect(t.set.code).toBe('3041');
  });

  it('a 4xx error is final and keeps the code and message', () => {
    const t = afterPayoutAnswer(
      { kind: 'rejected', httpStatus: 400, code: '2004', message: 'missing' },
      T0,
      T0,
      timing,
    );
    expect(t).toMatchObject({ state: 'rejected', set: { code: '2004', message: 'missing' } });
    expect(isFinal(t.state)).toBe(true);
  });

  it('"try later" is settled by a status query rather than final, keeping the code', () => {
    const t = afterPayoutAnswer(
      {
        kind: 'unknown',
        reason: 'try_later',
        httpStatus: 429,
        detail: '',
        code: '429',
        message: 'slow down',
      },
      T0,
      T0,
      timing,
    );
    expect(t).toMatchObject({ state: 'unknown', set: { code: '429', message: 'slow down' } });
  });

  it.each(['timeout', 'network', 'server_error', 'malformed'] as const)(
    '%s makes the outcome unknown',
    (reason) => {
      const t = afterPayoutAnswer({ kind: 'unknown', reason, detail: 'x' }, T0, T0 + 30_000, timing);
      expect(t.state).toBe('unknown');
      expect(t.set.next_check_at_ms).toBe(T0 + 30_000);
    },
  );
});

describe('after a status query', () => {
  it('records final statuses with the decline code', () => {
    const t = afterStatusAnswer(
      progress({ state: 'accepted' }),
      found('decline', '20105'),
      T0 + 11_000,
      timing,
    );
    expect(t).toMatchObject({ state: 'decline', set: { code: '20105', provider_status: 'decline' } });
    expect(t.set.final_at).toBeTruthy();
  });

  it('keeps polling intermediate statuses with a growing interval', () => {
    const first = afterStatusAnswer(progress({ state: 'accepted' }), found('processing'), T0, timing);
    expect(first.state).toBe('processing');
    expect(first.set.next_check_at_ms).toBe(T0 + 10_000);
    const later = afterStatusAnswer(
      progress({ state: 'processing', status_checks: 3 }),
      found('awaiting clarification'),
      T0,
      timing,
    );
    expect(later.state).toBe('awaiting clarification');
    expect(later.set.next_check_at_ms).toBe(T0 + 80_000);
    expect(nextPollDelay(timing, 50)).toBe(timing.pollMaxMs);
  });

  it('records a reversal after success', () => {
    const t = afterStatusAnswer(progress({ state: 'success' }), found('reversed'), T0, timing);
    expect(t.state).toBe('reversed');
    expect(t.event['reversed_after_success']).toBe(true);
  });

  it('does not trust 3061 in the first minutes after sending', () => {
    const t = afterStatusAnswer(
      progress({ not_found_count: 5 }),
      notFound(),
      T0 + timing.notFoundGraceMs - 1,
      timing,
    );
    expect(t.state).toBe('unknown');
    expect(t.set.not_found_count).toBe(6);
  });

  it('resends an unknown payout only after repeated 3061 past the grace time, with the same payment id', () => {
    const after = T0 + timing.notFoundGraceMs;
    const once = afterStatusAnswer(progress(), notFound(), after, timing);
    expect(once.state).toBe('unknown');
    const twice = afterStatusAnswer(progress({ not_found_count: 1 }), notFound(), after, timing);
    expect(twice.state).toBe('queued');
    expect(twice.set.not_found_count).toBe(0);
  });

  it('never treats "not found yet" as proof that the payment is absent', () => {
    const t = afterStatusAnswer(
      progress({ not_found_count: 9 }),
      notFoundYet(),
      T0 + 10 * timing.notFoundGraceMs,
      timing,
    );
    expect(t.state).toBe('unknown');
  });

  it('never resends a payout the provider acknowledged, whatever the status service says', () => {
    for (const state of ['accepted', 'processing']) {
      const t = afterStatusAnswer(
        progress({ state, not_found_count: 9 }),
        notFound(),
        T0 + 10 * timing.notFoundGraceMs,
        timing,
      );
      expect(t.state).toBe(state);
    }
  });

  it('asks again after an unusable status answer (bad signature, 5xx, timeout)', () => {
    const t = afterStatusAnswer(
      progress({ state: 'accepted' }),
      { kind: 'unknown', reason: 'bad_signature', detail: '' },
      T0,
      timing,
    );
    expect(t.state).toBe('accepted');
    expect(t.set.status_checks).toBe(1);
  });
});

describe('threshold', () => {
  it('moves a payout not final after the threshold to needs_attention, which is settled but not final', () => {
    expect(afterThreshold(progress(), T0 + timing.thresholdMs - 1, timing)).toBeNull();
    const t = afterThreshold(progress({ state: 'processing' }), T0 + timing.thresholdMs, timing);
    expect(t?.state).toBe('needs_attention');
    expect(isSettled('needs_attention')).toBe(true);
    expect(isFinal('needs_attention')).toBe(false);
  });
});
