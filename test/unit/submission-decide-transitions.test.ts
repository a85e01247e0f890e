import { describe, expect, it } from 'vitest';
import type { SendOutcome, StatusOutcome } from '../../electron/core/providers/types.js';
import { PRODUCTION_TIMING, type SubmissionTiming } from '../../electron/core/submission/config.js';
import {
  afterPayoutAnswer,
  afterStatusAnswer,
  afterThreshold,
  providerMismatch,
  type DeliveryProgress,
} from '../../electron/core/submission/decide.js';

/**
 * The exact transitions of the never-pay-twice rules: the state, every journaled column and the event an
 * operator reads later. Times are production's: the first status query 10 s after sending, polls doubling
 * from 10 s up to 5 min, "not found" trusted only after 3 min, a person after 2 h.
 */

const timing: SubmissionTiming = { ...PRODUCTION_TIMING };
const T0 = 1_700_000_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** What the journal knows about a payout sent once at T0 (1 000 fen, CNY: what the status answers say). */
const progress = (over: Partial<DeliveryProgress> = {}): DeliveryProgress =>
  ({
    state: 'unknown',
    send_attempts: 1,
    first_sent_at_ms: T0,
    last_sent_at_ms: T0,
    status_checks: 0,
    not_found_count: 0,
    amount_fen: 1000,
    currency: 'CNY',
    card_number: '6222021234567894',
    ...over,
  }) as DeliveryProgress;

const reported = { amountFen: 1000, currency: 'CNY', code: null, message: null };

describe('after the payout request: exact transitions', () => {
  it('accepted: the reference, the first status query 10 s after sending, and the answer in the event', () => {
    expect(
      afterPayoutAnswer({ kind: 'accepted', reference: 'r-1', httpStatus: 200 }, T0, T0 + 2_000, timing),
    ).toEqual({
      state: 'accepted',
      set: { request_id: 'r-1', next_check_at_ms: T0 + 10_000, code: null, message: null },
      event: { answer: 'accepted', http_status: 200 },
    });
  });

  it('records no HTTP status as null, not as missing', () => {
    const t = afterPayoutAnswer({ kind: 'accepted', reference: 'r-1' }, T0, T0, timing);
    expect(t.event).toEqual({ answer: 'accepted', http_status: null });
  });

  it('asks no sooner than now when the answer came after the status delay', () => {
    const t = afterPayoutAnswer({ kind: 'accepted', reference: 'r-1' }, T0, T0 + 25_000, timing);
    expect(t.set.next_check_at_ms).toBe(T0 + 25_000);
  });

  it('already exists: keeps the code and message, and reads the status of the original', () => {
    expect(
      afterPayoutAnswer(
        { kind: 'already_exists', code: '3041', message: 'exists', httpStatus: 400 },
        T0,
        T0,
        timing,
      ),
    ).toEqual({
      state: 'accepted',
      set: { code: '3041', message: 'exists', next_check_at_ms: T0 + 10_000 },
      event: { answer: 'already_exists', code: '3041', http_status: 400 },
    });
  });

  it('rejected: final now, with no status query', () => {
    expect(
      afterPayoutAnswer(
        { kind: 'rejected', code: '2004', message: 'missing field', httpStatus: 400 },
        T0,
        T0 + 300,
        timing,
      ),
    ).toEqual({
      state: 'rejected',
      set: { code: '2004', message: 'missing field', final_at: iso(T0 + 300), next_check_at_ms: null },
      event: { answer: 'rejected', code: '2004', http_status: 400 },
    });
  });

  it.each([408, 429])(
    '"try later" (HTTP %i) is unknown and settled by a status query, never resent',
    (status) => {
      const answer: SendOutcome = {
        kind: 'unknown',
        reason: 'try_later',
        detail: `HTTP ${status}`,
        httpStatus: status,
        code: String(status),
        message: 'try later',
      };
      expect(afterPayoutAnswer(answer, T0, T0 + 1_000, timing)).toEqual({
        state: 'unknown',
        set: { code: String(status), message: 'try later', next_check_at_ms: T0 + 10_000 },
        event: { answer: 'try_later', code: String(status), http_status: status },
      });
    },
  );

  it('"try later" without a code or message journals nulls', () => {
    const t = afterPayoutAnswer(
      { kind: 'unknown', reason: 'try_later', detail: 'HTTP 408', httpStatus: 408 },
      T0,
      T0,
      timing,
    );
    expect(t.set).toEqual({ code: null, message: null, next_check_at_ms: T0 + 10_000 });
    expect(t.event).toEqual({ answer: 'try_later', code: null, http_status: 408 });
  });

  it.each(['timeout', 'network', 'server_error', 'malformed', 'bad_signature'] as const)(
    'no usable answer (%s) is unknown, with the reason, and no code',
    (reason) => {
      const answer: SendOutcome = { kind: 'unknown', reason, detail: 'x', httpStatus: 502, code: '9' };
      expect(afterPayoutAnswer(answer, T0, T0, timing)).toEqual({
        state: 'unknown',
        set: { code: null, message: `no usable answer: ${reason}`, next_check_at_ms: T0 + 10_000 },
        event: { answer: 'unknown', reason, http_status: 502 },
      });
    },
  );
});

describe('after a status query: exact transitions', () => {
  it('an unusable answer asks again after the poll interval, in the same state', () => {
    expect(
      afterStatusAnswer(
        progress({ state: 'accepted', status_checks: 2 }),
        { kind: 'unknown', reason: 'timeout', detail: '' },
        T0 + 50_000,
        timing,
      ),
    ).toEqual({
      state: 'accepted',
      set: { status_checks: 3, next_check_at_ms: T0 + 50_000 + 40_000 },
      event: { status_answer: 'unknown', reason: 'timeout' },
    });
  });

  it('"not found yet" is asked about again and never counted', () => {
    expect(
      afterStatusAnswer(
        progress({ not_found_count: 1 }),
        { kind: 'not_found_yet', code: '3062', message: 'not yet' },
        T0 + timing.notFoundGraceMs,
        timing,
      ),
    ).toEqual({
      state: 'unknown',
      set: { status_checks: 1, next_check_at_ms: T0 + timing.notFoundGraceMs + 10_000 },
      event: { status_answer: 'not_found_yet', code: '3062', trusted: false },
    });
  });

  it('"not found" for an acknowledged payout is not trusted and not counted', () => {
    expect(
      afterStatusAnswer(
        progress({ state: 'accepted', not_found_count: 1 }),
        { kind: 'not_found', code: '3061', message: 'not found' },
        T0 + timing.notFoundGraceMs,
        timing,
      ),
    ).toEqual({
      state: 'accepted',
      set: { status_checks: 1, next_check_at_ms: T0 + timing.notFoundGraceMs + 10_000 },
      event: { status_answer: 'not_found', code: '3061', trusted: false },
    });
  });

  it('a first "not found" of an unacknowledged payout is counted and asked again', () => {
    expect(
      afterStatusAnswer(
        progress(),
        { kind: 'not_found', code: '3061', message: 'not found' },
        T0 + timing.notFoundGraceMs,
        timing,
      ),
    ).toEqual({
      state: 'unknown',
      set: { status_checks: 1, next_check_at_ms: T0 + timing.notFoundGraceMs + 10_000, not_found_count: 1 },
      event: { status_answer: 'not_found', code: '3061', count: 1 },
    });
  });

  it('repeated "not found" past the grace time queues the payout again under the same payment id', () => {
    expect(
      afterStatusAnswer(
        progress({ not_found_count: 1, status_checks: 4 }),
        { kind: 'not_found', code: '3061', message: 'not found' },
        T0 + timing.notFoundGraceMs,
        timing,
      ),
    ).toEqual({
      state: 'queued',
      set: {
        not_found_count: 0,
        status_checks: 5,
        next_check_at_ms: null,
        code: '3061',
        message: 'not found',
      },
      event: {
        status_answer: 'not_found',
        code: '3061',
        resend: 'provider says not registered; same payment_id',
      },
    });
  });

  it('a payout still journaled as sending was never acknowledged: repeated "not found" queues it too', () => {
    const t = afterStatusAnswer(
      progress({ state: 'sending', not_found_count: 1 }),
      { kind: 'not_found', code: '3061', message: 'not found' },
      T0 + timing.notFoundGraceMs,
      timing,
    );
    expect(t.state).toBe('queued');
  });

  it('counts the grace time from the last send, not the first', () => {
    const resent = progress({ first_sent_at_ms: T0, last_sent_at_ms: T0 + 60_000, not_found_count: 1 });
    const notFound: StatusOutcome = { kind: 'not_found', code: '3061', message: 'not found' };
    expect(afterStatusAnswer(resent, notFound, T0 + timing.notFoundGraceMs, timing).state).toBe('unknown');
    expect(afterStatusAnswer(resent, notFound, T0 + 60_000 + timing.notFoundGraceMs, timing).state).toBe(
      'queued',
    );
  });

  it('a final status ends the payout with the provider’s details', () => {
    expect(
      afterStatusAnswer(
        progress({ state: 'processing', status_checks: 3, not_found_count: 1 }),
        {
          kind: 'final',
          status: 'decline',
          providerStatus: 'decline',
          ...reported,
          code: '20105',
          message: 'no',
        },
        T0 + 70_000,
        timing,
      ),
    ).toEqual({
      state: 'decline',
      set: {
        provider_status: 'decline',
        code: '20105',
        message: 'no',
        not_found_count: 0,
        status_checks: 4,
        final_at: iso(T0 + 70_000),
        next_check_at_ms: null,
      },
      event: { status_answer: 'decline', code: '20105' },
    });
  });

  it('flags a reversal only when it follows a success', () => {
    const reversed: StatusOutcome = {
      kind: 'final',
      status: 'reversed',
      providerStatus: 'reversed',
      ...reported,
    };
    const success: StatusOutcome = {
      kind: 'final',
      status: 'success',
      providerStatus: 'success',
      ...reported,
    };
    expect(afterStatusAnswer(progress({ state: 'success' }), reversed, T0, timing).event).toEqual({
      status_answer: 'reversed',
      code: null,
      reversed_after_success: true,
    });
    expect(afterStatusAnswer(progress({ state: 'processing' }), reversed, T0, timing).event).toEqual({
      status_answer: 'reversed',
      code: null,
    });
    expect(afterStatusAnswer(progress({ state: 'success' }), success, T0, timing).event).toEqual({
      status_answer: 'success',
      code: null,
    });
  });

  it('a payment still moving takes the provider’s status as its state and is asked about again', () => {
    expect(
      afterStatusAnswer(
        progress({ state: 'accepted', status_checks: 1 }),
        { kind: 'pending', providerStatus: 'processing', ...reported },
        T0 + 20_000,
        timing,
      ),
    ).toEqual({
      state: 'processing',
      set: {
        status_checks: 2,
        next_check_at_ms: T0 + 20_000 + 20_000,
        provider_status: 'processing',
        code: null,
        message: null,
        not_found_count: 0,
      },
      event: { status_answer: 'processing' },
    });
  });
});

describe('threshold: exact transitions', () => {
  it('is reached exactly 2 h after the first send, not after the last', () => {
    const p = progress({ state: 'processing', last_sent_at_ms: T0 + 60_000 });
    expect(afterThreshold(p, T0 + timing.thresholdMs - 1, timing)).toBeNull();
    expect(afterThreshold(p, T0 + timing.thresholdMs, timing)).toEqual({
      state: 'needs_attention',
      set: { next_check_at_ms: null, message: 'not final after 120 min (last: processing)' },
      event: { threshold_ms: timing.thresholdMs, last_state: 'processing' },
    });
  });

  it('never applies to a payout that was never sent', () => {
    const p = progress({ state: 'queued', send_attempts: 0, first_sent_at_ms: null, last_sent_at_ms: null });
    expect(afterThreshold(p, T0 + 10 * timing.thresholdMs, timing)).toBeNull();
  });
});

describe('the request never left', () => {
  it('queues the payout again, with why, and asks the provider nothing', () => {
    expect(afterPayoutAnswer({ kind: 'not_sent', detail: 'connection refused' }, T0, T0 + 5, timing)).toEqual(
      {
        state: 'queued',
        set: { code: null, message: 'not sent: connection refused', next_check_at_ms: null },
        event: { answer: 'not_sent', detail: 'connection refused' },
      },
    );
  });
});

describe('the provider reports another payment', () => {
  const journaled = { amount_fen: 1000, currency: 'CNY', card_number: '6222021234567894' };
  const says = (over: {
    amountFen?: number | null;
    currency?: string | null;
    maskedCard?: string | null;
  }) => ({
    amountFen: null,
    currency: null,
    ...over,
  });

  it('sends a payout reported with another amount to a person, never to success', () => {
    const mismatch = 'the provider reports another payment: amount: provider 20.00, journal 10.00';
    expect(
      afterStatusAnswer(
        progress({ state: 'processing', status_checks: 2 }),
        { kind: 'final', status: 'success', providerStatus: 'success', ...reported, amountFen: 2000 },
        T0,
        timing,
      ),
    ).toEqual({
      state: 'needs_attention',
      set: {
        provider_status: 'success',
        code: 'PROVIDER_MISMATCH',
        message: mismatch,
        not_found_count: 0,
        status_checks: 3,
        next_check_at_ms: null,
      },
      event: { status_answer: 'success', mismatch, provider_amount_fen: 2000, provider_currency: 'CNY' },
    });
  });

  it('checks a payment still moving as well', () => {
    const t = afterStatusAnswer(
      progress({ state: 'accepted' }),
      { kind: 'pending', providerStatus: 'processing', ...reported, currency: 'USD' },
      T0,
      timing,
    );
    expect(t.state).toBe('needs_attention');
    expect(t.set.message).toBe('the provider reports another payment: currency: provider USD, journal CNY');
  });

  it('compares only what the provider says, and currencies in any case', () => {
    expect(providerMismatch(journaled, says({}))).toBeNull();
    expect(
      providerMismatch(journaled, says({ amountFen: 1000, currency: 'cny', maskedCard: null })),
    ).toBeNull();
    expect(providerMismatch(journaled, says({ maskedCard: '' }))).toBeNull();
    expect(providerMismatch(journaled, says({ amountFen: 999 }))).toBe(
      'the provider reports another payment: amount: provider 9.99, journal 10.00',
    );
    expect(providerMismatch(journaled, says({ currency: 'EUR' }))).toBe(
      'the provider reports another payment: currency: provider EUR, journal CNY',
    );
  });

  it('names every difference, the journal’s card masked', () => {
    expect(
      providerMismatch(journaled, says({ amountFen: 1001, currency: 'USD', maskedCard: '622848******0128' })),
    ).toBe(
      'the provider reports another payment: amount: provider 10.01, journal 10.00; ' +
        'currency: provider USD, journal CNY; card: provider 622848******0128, journal 622202******7894',
    );
  });

  it.each([
    ['622202******7894'], // the usual mask
    ['6222 02** **** 7894'], // grouped with spaces
    ['6222-02**-****-7894'], // or dashes
    ['****7894'], // the last digits only
    ['622202******'], // the first digits only
    ['************'], // nothing shown: nothing to disagree with
    ['6222021234567894'], // the whole number
  ])('takes %j for the journaled card', (maskedCard) => {
    expect(providerMismatch(journaled, says({ maskedCard }))).toBeNull();
  });

  it.each([
    ['622848******7894'], // other first digits
    ['622202******0128'], // other last digits
    ['6222021234567895'], // another whole number
    ['622202123456789'], // a number without a mask must be the whole card, not its start
    // A mask it cannot read is not taken for this card, even where some of its digits would fit.
    ['6222**1234**7894'],
    ['62**62**7894'],
    ['6222**7894**'],
  ])('takes %j for another card', (maskedCard) => {
    expect(providerMismatch(journaled, says({ maskedCard }))).toMatch(
      /^the provider reports another payment: card:/,
    );
  });
});

describe('the signature order an answer matched', () => {
  it('is journaled in the event of every signed answer, and only there', () => {
    const at = T0 + 60_000;
    const final = afterStatusAnswer(
      progress({ state: 'accepted' }),
      {
        kind: 'final',
        status: 'success',
        providerStatus: 'success',
        ...reported,
        signatureOrder: 'sdk-numeric',
      },
      at,
      timing,
    );
    expect(final.event).toEqual({ status_answer: 'success', code: null, signature_order: 'sdk-numeric' });
    const pending = afterStatusAnswer(
      progress({ state: 'accepted' }),
      { kind: 'pending', providerStatus: 'processing', ...reported, signatureOrder: 'documented' },
      at,
      timing,
    );
    expect(pending.event).toEqual({ status_answer: 'processing', signature_order: 'documented' });
    const notYet = afterStatusAnswer(
      progress(),
      { kind: 'not_found_yet', code: '3062', message: 'not yet', signatureOrder: 'documented' },
      at,
      timing,
    );
    expect(notYet.event['signature_order']).toBe('documented');
    const unsigned = afterStatusAnswer(
      progress(),
      { kind: 'final', status: 'success', providerStatus: 'success', ...reported },
      at,
      timing,
    );
    expect(unsigned.event).not.toHaveProperty('signature_order');
  });
});
