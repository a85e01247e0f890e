import { describe, expect, it } from 'vitest';
import type {
  CreditAnswer,
  InquiryAnswer,
  PaygateResult,
} from '../../electron/core/providers/computop/answers.js';
import { classifyCode, codeArea } from '../../electron/core/providers/computop/codes.js';
import {
  decideBeforeCredit,
  decideStatus,
  DEFAULT_REQID_LIFETIME_MS,
  sendOutcomeOf,
  statusOfInquiryFailure,
  statusOfResend,
  type StatusFacts,
} from '../../electron/core/providers/computop/decide.js';
import { computopGuidance } from '../../electron/core/providers/computop/guidance.js';
import type { PaymentLedger } from '../../electron/core/providers/types.js';

const PAY_ID = '0123456789abcdef0123456789abcdef';
const DAY = 24 * 60 * 60 * 1000;

function inquiry(over: Partial<InquiryAnswer> = {}): InquiryAnswer {
  return {
    payId: PAY_ID,
    xid: 'X1',
    transId: 'R1',
    status: 'OK',
    code: '00000000',
    description: 'success',
    signed: true,
    amountCap: 50_000,
    amountCred: 0,
    amountAuth: 50_000,
    currency: 'CNY',
    lastStatus: 'OK',
    ...over,
  };
}

function credit(over: Partial<CreditAnswer> = {}): PaygateResult<CreditAnswer> {
  return {
    ok: true,
    httpStatus: 200,
    answer: {
      payId: PAY_ID,
      xid: 'XID-7',
      transId: 'R1',
      status: 'OK',
      code: '00000000',
      description: 'success',
      signed: true,
      refNr: '',
      ...over,
    },
  };
}

const LEDGER: PaymentLedger = {
  reference: PAY_ID,
  capturedFen: 50_000,
  creditedFen: 10_000,
  currency: 'CNY',
};
const REFUND = { payId: PAY_ID, amountFen: 20_000, currency: 'CNY' };

describe('classifyCode', () => {
  it.each([
    ['00000000', 'success'],
    ['00000001', 'info'],
    ['70000000', 'info'],
    ['21000041', 'error'],
    ['2001000B', 'error'],
    ['40000000', 'fatal'],
    ['60000000', 'pending'],
    ['6000000F', 'pending'],
    ['10000000', 'malformed'],
    ['90000000', 'malformed'],
    ['0000000', 'malformed'],
    ['000000000', 'malformed'],
    ['', 'malformed'],
    ['2000-000', 'malformed'],
  ])('%s is %s', (code, expected) => {
    expect(classifyCode(code)).toBe(expected);
  });

  it('reads the area of a code', () => {
    expect(codeArea('20010000')).toBe('crypto');
    expect(codeArea('20140000')).toBe('parameter');
    expect(codeArea('20550000')).toBe('internal');
    expect(codeArea('21000041')).toBe('module');
  });
});

describe('computopGuidance', () => {
  it('explains each family, in both languages, and nothing for a malformed code', () => {
    for (const code of ['00000000', '60000000', '20010000', '20140000', '20550000', '40000000', '70000000']) {
      expect(computopGuidance(code, 'en')).toMatch(/\w/);
      expect(computopGuidance(code, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(computopGuidance('20140000', 'en')).not.toBe(computopGuidance('20550000', 'en'));
    expect(computopGuidance('REFUND_ABOVE_CAPTURE', 'en')).toMatch(/not sent/);
    expect(computopGuidance('REFUND_ABOVE_CAPTURE', 'zh-CN')).toMatch(/未发送/);
    expect(computopGuidance('xyz', 'en')).toBeNull();
  });
});

describe('decideBeforeCredit', () => {
  it('sends a refund that fits what remains of the capture, with the ledger', () => {
    const decision = decideBeforeCredit(inquiry({ amountCred: 30_000 }), REFUND);
    expect(decision).toEqual({
      kind: 'send',
      ledger: { reference: PAY_ID, capturedFen: 50_000, creditedFen: 30_000, currency: 'CNY' },
    });
  });

  it('refuses a refund above what remains, naming the amounts', () => {
    const decision = decideBeforeCredit(inquiry({ amountCred: 30_001 }), REFUND);
    expect(decision).toMatchObject({
      kind: 'refuse',
      outcome: {
        kind: 'rejected',
        code: 'REFUND_ABOVE_CAPTURE',
        message:
          'refund ¥200.00 above what remains of the capture ¥199.99 (captured ¥500.00, already credited ¥300.01)',
        ledger: { capturedFen: 50_000, creditedFen: 30_001 },
      },
    });
  });

  it('refuses any refund of a payment with nothing captured', () => {
    const decision = decideBeforeCredit(inquiry({ amountCap: 0, amountCred: 0 }), {
      ...REFUND,
      amountFen: 1,
    });
    expect(decision).toMatchObject({ kind: 'refuse', outcome: { code: 'REFUND_ABOVE_CAPTURE' } });
  });

  it('refuses when the inquiry itself is refused, and asks again on a code that is no answer', () => {
    const refused = decideBeforeCredit(inquiry({ code: '21000041', description: 'PayID unknown' }), REFUND);
    expect(refused).toMatchObject({ kind: 'refuse', outcome: { kind: 'rejected', code: '21000041' } });
    expect(decideBeforeCredit(inquiry({ code: '60000000' }), REFUND).kind).toBe('retry');
    expect(decideBeforeCredit(inquiry({ code: '7000000' }), REFUND).kind).toBe('retry');
  });
});

describe('sendOutcomeOf', () => {
  it('accepts success and pending codes, with XID (else PayID) as reference', () => {
    expect(sendOutcomeOf(credit(), LEDGER)).toEqual({
      kind: 'accepted',
      reference: 'XID-7',
      httpStatus: 200,
      ledger: LEDGER,
    });
    expect(sendOutcomeOf(credit({ code: '60000000', status: 'PENDING', xid: '' }), LEDGER)).toMatchObject({
      kind: 'accepted',
      reference: PAY_ID,
    });
  });

  it('rejects error and fatal codes with code and description', () => {
    expect(sendOutcomeOf(credit({ code: '21000041', description: 'too much' }), LEDGER)).toMatchObject({
      kind: 'rejected',
      code: '21000041',
      message: 'too much',
      ledger: LEDGER,
    });
    expect(sendOutcomeOf(credit({ code: '40000000', description: '' }), LEDGER)).toMatchObject({
      kind: 'rejected',
      code: '40000000',
      message: 'Paygate code 40000000',
    });
  });

  it('decides by Code only, never by Status', () => {
    expect(sendOutcomeOf(credit({ status: 'OK', code: '21000041' }), LEDGER).kind).toBe('rejected');
    expect(sendOutcomeOf(credit({ status: 'FAILED', code: '00000000' }), LEDGER).kind).toBe('accepted');
    expect(sendOutcomeOf(credit({ status: 'OK', code: '00000001' }), LEDGER)).toMatchObject({
      kind: 'unknown',
      reason: 'unexpected',
      code: '00000001',
    });
  });

  it('maps each missing answer', () => {
    const fail = (problem: string, httpStatus?: number) =>
      sendOutcomeOf({ ok: false, problem, detail: 'd', httpStatus } as PaygateResult<CreditAnswer>, LEDGER);
    expect(fail('unreachable')).toEqual({ kind: 'not_sent', detail: 'd' });
    expect(fail('timeout')).toMatchObject({ kind: 'unknown', reason: 'timeout', ledger: LEDGER });
    expect(fail('network')).toMatchObject({ kind: 'unknown', reason: 'network' });
    expect(fail('server_error', 502)).toMatchObject({
      kind: 'unknown',
      reason: 'server_error',
      httpStatus: 502,
    });
    expect(fail('http_status', 404)).toMatchObject({
      kind: 'unknown',
      reason: 'unexpected',
      httpStatus: 404,
    });
    expect(fail('malformed', 200)).toMatchObject({ kind: 'unknown', reason: 'malformed' });
    expect(fail('bad_signature', 200)).toMatchObject({ kind: 'unknown', reason: 'bad_signature' });
  });
});

describe('decideStatus', () => {
  const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({
    state: 'unknown',
    amountFen: 20_000,
    creditedBeforeFen: 10_000,
    firstSentAtMs: 1_000_000,
    nowMs: 1_000_000 + DAY,
    reqIdLifetimeMs: DEFAULT_REQID_LIFETIME_MS,
    acceptedXid: null,
    inquiry: { amountCred: 10_000, lastStatus: 'OK', xid: 'X9' },
    ...over,
  });

  it('(a) settles as credited once the credited amount grew by the refund, whatever the state', () => {
    for (const state of ['unknown', 'sending', 'accepted', 'pending']) {
      expect(
        decideStatus(facts({ state, inquiry: { amountCred: 30_000, lastStatus: 'OK', xid: 'X9' } })),
      ).toEqual({
        kind: 'credited',
      });
      expect(
        decideStatus(facts({ state, inquiry: { amountCred: 45_000, lastStatus: 'OK', xid: 'X9' } })).kind,
      ).toBe('credited');
    }
  });

  it('(a) needs the amount credited before: without it the amounts prove nothing', () => {
    const decision = decideStatus(
      facts({ creditedBeforeFen: null, inquiry: { amountCred: 30_000, lastStatus: 'OK', xid: 'X9' } }),
    );
    expect(decision.kind).toBe('resend');
    expect(decideStatus(facts({ inquiry: { amountCred: 29_999, lastStatus: 'OK', xid: 'X9' } })).kind).toBe(
      'resend',
    );
  });

  it('(b) never resends a credit Paygate answered (accepted or pending): waits', () => {
    for (const state of ['accepted', 'pending']) {
      expect(decideStatus(facts({ state }))).toEqual({ kind: 'wait' });
      // Not even when its ReqId is old or the amounts say nothing yet.
      expect(decideStatus(facts({ state, creditedBeforeFen: null, firstSentAtMs: 0 }))).toEqual({
        kind: 'wait',
      });
    }
    // A state it does not know (or none) is not taken as "no answer".
    expect(decideStatus(facts({ state: undefined })).kind).toBe('wait');
    expect(decideStatus(facts({ state: 'needs_attention' })).kind).toBe('wait');
  });

  it('(b) settles as failed only when the last action is this very credit (its XID) and it FAILED', () => {
    const failedLast = { amountCred: 10_000, lastStatus: 'FAILED', xid: 'XA' };
    expect(decideStatus(facts({ state: 'pending', acceptedXid: 'xa', inquiry: failedLast }))).toMatchObject({
      kind: 'failed',
      detail: expect.stringContaining('XA'),
    });
    // Another credit is the last action: wait.
    expect(decideStatus(facts({ state: 'pending', acceptedXid: 'XB', inquiry: failedLast })).kind).toBe(
      'wait',
    );
    // No XID journaled (a pending answer to a resend): the amount before it was journaled and the console
    // sends one credit of a payment at a time, so the failed last action is this one.
    expect(decideStatus(facts({ state: 'pending', acceptedXid: null, inquiry: failedLast })).kind).toBe(
      'failed',
    );
    // …but without the amount before it, nothing says the failure is this credit's: wait.
    expect(
      decideStatus(
        facts({ state: 'accepted', acceptedXid: null, creditedBeforeFen: null, inquiry: failedLast }),
      ).kind,
    ).toBe('wait');
    expect(
      decideStatus(
        facts({ state: 'pending', acceptedXid: 'XA', inquiry: { ...failedLast, lastStatus: 'PENDING' } }),
      ).kind,
    ).toBe('wait');
    // The amounts still come first.
    expect(
      decideStatus(
        facts({ state: 'pending', acceptedXid: 'XA', inquiry: { ...failedLast, amountCred: 30_000 } }),
      ).kind,
    ).toBe('credited');
  });

  it('(c) asks later while the last action is open at Paygate (a repeated ReqId would run again)', () => {
    for (const lastStatus of ['PENDING', 'pending', 'Open', 'in progress']) {
      expect(decideStatus(facts({ inquiry: { amountCred: 10_000, lastStatus, xid: 'X9' } })).kind).toBe(
        'ask_later',
      );
    }
  });

  it('(c) never resends a ReqId older than its lifetime: a person decides', () => {
    const sent = 1_000_000;
    const old = decideStatus(facts({ firstSentAtMs: sent, nowMs: sent + DEFAULT_REQID_LIFETIME_MS }));
    expect(old).toEqual({
      kind: 'expired',
      detail: 'ReqId older than 12 months: not resent; a person decides',
    });
    expect(
      decideStatus(facts({ firstSentAtMs: sent, nowMs: sent + DEFAULT_REQID_LIFETIME_MS - 1 })).kind,
    ).toBe('resend');
    expect(DEFAULT_REQID_LIFETIME_MS).toBe(364 * DAY);
    expect(decideStatus(facts({ reqIdLifetimeMs: DAY / 2 })).kind).toBe('expired');
  });

  it('(c) resends the identical credit when no answer was ever journaled', () => {
    expect(decideStatus(facts({ state: 'unknown' }))).toEqual({ kind: 'resend' });
    expect(decideStatus(facts({ state: 'sending', creditedBeforeFen: null, firstSentAtMs: null }))).toEqual({
      kind: 'resend',
    });
  });
});

describe('statusOfResend', () => {
  it('maps the original result Paygate repeats', () => {
    expect(statusOfResend(credit(), LEDGER)).toMatchObject({
      kind: 'final',
      status: 'success',
      providerStatus: 'OK',
      code: '00000000',
      ledger: LEDGER,
    });
    expect(statusOfResend(credit({ code: '60000000', status: 'PENDING' }), LEDGER)).toMatchObject({
      kind: 'pending',
      providerStatus: 'pending',
    });
    expect(
      statusOfResend(credit({ code: '21000041', status: 'FAILED', description: 'no' }), LEDGER),
    ).toMatchObject({ kind: 'final', status: 'decline', code: '21000041', message: 'no' });
    expect(
      statusOfResend(credit({ code: '40000000', status: 'OK', description: 'fatal' }), LEDGER),
    ).toMatchObject({
      kind: 'final',
      status: 'error',
      code: '40000000',
      message: 'fatal',
    });
    expect(statusOfResend(credit({ code: '70000000' }), LEDGER)).toMatchObject({
      kind: 'unknown',
      reason: 'unexpected',
    });
  });

  it('keeps transport problems unknown, unreachable when the connection never came up', () => {
    const fail = (problem: string) =>
      statusOfResend({ ok: false, problem, detail: 'd' } as PaygateResult<CreditAnswer>, LEDGER);
    expect(fail('unreachable')).toMatchObject({ kind: 'unknown', reason: 'unreachable' });
    expect(fail('timeout')).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    expect(fail('bad_signature')).toMatchObject({ kind: 'unknown', reason: 'bad_signature' });
  });
});

describe('statusOfInquiryFailure', () => {
  it('is unknown: unreachable, the transport reason, or the refusing code', () => {
    expect(statusOfInquiryFailure({ ok: false, problem: 'unreachable', detail: 'refused' })).toMatchObject({
      kind: 'unknown',
      reason: 'unreachable',
    });
    expect(
      statusOfInquiryFailure({ ok: false, problem: 'server_error', detail: 'HTTP 503', httpStatus: 503 }),
    ).toMatchObject({ kind: 'unknown', reason: 'server_error', httpStatus: 503 });
    expect(
      statusOfInquiryFailure({ ok: true, httpStatus: 200, answer: inquiry({ code: '21000041' }) }),
    ).toMatchObject({ kind: 'unknown', reason: 'rejected', code: '21000041' });
  });
});
