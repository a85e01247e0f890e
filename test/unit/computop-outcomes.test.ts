/**
 * The Computop adapter's outcomes for status queries, field by field: a repeated credit's answer, a credit the
 * amounts prove, a pending credit that failed, an inquiry that gave no word; the code areas guidance reads; and
 * the edges of the never-credit-twice decision (ReqId lifetime, an open last action, whose failure it is).
 */
import { describe, expect, it } from 'vitest';
import type {
  CreditAnswer,
  InquiryAnswer,
  PaygateResult,
} from '../../electron/core/providers/computop/answers.js';
import { codeArea } from '../../electron/core/providers/computop/codes.js';
import {
  creditedOutcome,
  decideBeforeCredit,
  decideStatus,
  DEFAULT_REQID_LIFETIME_MS,
  failedOutcome,
  isOpenStatus,
  sendOutcomeOf,
  statusOfInquiryFailure,
  statusOfResend,
  type StatusFacts,
} from '../../electron/core/providers/computop/decide.js';
import type { PaymentLedger } from '../../electron/core/providers/types.js';

const PAY_ID = '0123456789abcdef0123456789abcdef';
const LEDGER: PaymentLedger = {
  reference: PAY_ID,
  capturedFen: 50_000,
  creditedFen: 10_000,
  currency: 'CNY',
};

function answer(over: Partial<CreditAnswer> = {}, httpStatus = 200): PaygateResult<CreditAnswer> {
  return {
    ok: true,
    httpStatus,
    answer: {
      payId: PAY_ID,
      xid: 'XID-7',
      transId: 'R1',
      status: 'OK',
      code: '00000000',
      description: 'done',
      signed: true,
      refNr: '',
      ...over,
    },
  };
}

/** A refused inquiry's answer (an unknown PayID), with `over` changed. */
function refusedInquiry(over: Partial<InquiryAnswer> = {}): InquiryAnswer {
  return {
    payId: PAY_ID,
    xid: 'X1',
    transId: 'R1',
    status: 'FAILED',
    code: '20160003',
    description: 'unknown PayID',
    signed: true,
    amountCap: null,
    amountCred: null,
    amountAuth: null,
    currency: null,
    lastStatus: '',
    ...over,
  };
}

function inquiryAnswer(over: Partial<InquiryAnswer> = {}): PaygateResult<InquiryAnswer> {
  return { ok: true, httpStatus: 200, answer: refusedInquiry(over) };
}

describe('statusOfResend (the original result of a credit repeated under its ReqId)', () => {
  it('success is final success, with the ledger and no amount (the credit answer states none)', () => {
    expect(statusOfResend(answer(), LEDGER)).toEqual({
      kind: 'final',
      status: 'success',
      providerStatus: 'OK',
      amountFen: null,
      currency: null,
      code: '00000000',
      ledger: LEDGER,
      message: null,
    });
    // Without a Status, the provider status still says OK.
    expect(statusOfResend(answer({ status: '' }), LEDGER)).toMatchObject({ providerStatus: 'OK' });
  });

  it('pending stays pending, with the description as its message when there is one', () => {
    expect(
      statusOfResend(answer({ code: '61000000', status: 'PENDING', description: 'later' }), LEDGER),
    ).toEqual({
      kind: 'pending',
      providerStatus: 'pending',
      amountFen: null,
      currency: null,
      code: '61000000',
      ledger: LEDGER,
      message: 'later',
    });
    expect(statusOfResend(answer({ code: '61000000', description: '' }), LEDGER)).toMatchObject({
      message: null,
    });
  });

  it('2… is a decline and 4… an error, keeping Status (FAILED when none) and the description', () => {
    expect(statusOfResend(answer({ code: '21000200', status: 'DENIED', description: 'no' }), LEDGER)).toEqual(
      {
        kind: 'final',
        status: 'decline',
        providerStatus: 'DENIED',
        amountFen: null,
        currency: null,
        code: '21000200',
        ledger: LEDGER,
        message: 'no',
      },
    );
    expect(statusOfResend(answer({ code: '21000200', status: '' }), LEDGER)).toMatchObject({
      providerStatus: 'FAILED',
    });
    expect(
      statusOfResend(answer({ code: '40000000', status: 'BROKEN', description: '' }), LEDGER),
    ).toMatchObject({
      kind: 'final',
      status: 'error',
      providerStatus: 'BROKEN',
      message: 'Paygate code 40000000',
    });
    expect(statusOfResend(answer({ code: '40000000', status: '' }), LEDGER)).toMatchObject({
      providerStatus: 'FAILED',
    });
  });

  it('a code that is no outcome is unknown, naming the code', () => {
    expect(statusOfResend(answer({ code: '00000001' }), LEDGER)).toEqual({
      kind: 'unknown',
      reason: 'unexpected',
      detail: 'resending the credit: Paygate answered code 00000001, which is no outcome',
      code: '00000001',
    });
  });

  it('no usable answer is unknown; unreachable says so; the HTTP status is kept only when there is one', () => {
    expect(statusOfResend({ ok: false, problem: 'unreachable', detail: 'refused' }, LEDGER)).toEqual({
      kind: 'unknown',
      reason: 'unreachable',
      detail: 'resending the credit: refused',
    });
    expect(
      statusOfResend({ ok: false, problem: 'server_error', detail: 'HTTP 502', httpStatus: 502 }, LEDGER),
    ).toEqual({
      kind: 'unknown',
      reason: 'server_error',
      detail: 'resending the credit: HTTP 502',
      httpStatus: 502,
    });
    expect(statusOfResend({ ok: false, problem: 'timeout', detail: 't' }, LEDGER)).not.toHaveProperty(
      'httpStatus',
    );
  });
});

describe('sendOutcomeOf without a usable answer', () => {
  it('keeps the HTTP status only when there is one', () => {
    const outcome = sendOutcomeOf({ ok: false, problem: 'network', detail: 'reset' }, LEDGER);
    expect(outcome).toEqual({ kind: 'unknown', reason: 'network', detail: 'reset', ledger: LEDGER });
  });

  it('names the code that is no outcome', () => {
    expect(sendOutcomeOf(answer({ code: '70000000' }), LEDGER)).toMatchObject({
      kind: 'unknown',
      detail: 'Paygate answered code 70000000, which is no outcome',
    });
  });
});

describe('creditedOutcome and failedOutcome', () => {
  it('a credit the amounts prove is a final success for the refund amount', () => {
    expect(creditedOutcome({ payId: PAY_ID, amountFen: 1_234, currency: 'CNY' }, LEDGER)).toEqual({
      kind: 'final',
      status: 'success',
      providerStatus: 'OK',
      amountFen: 1_234,
      currency: 'CNY',
      code: null,
      message: null,
      ledger: LEDGER,
    });
  });

  it('a pending credit that failed is a final decline with the reason', () => {
    expect(failedOutcome('settled as FAILED', LEDGER)).toEqual({
      kind: 'final',
      status: 'decline',
      providerStatus: 'FAILED',
      amountFen: null,
      currency: null,
      code: null,
      message: 'settled as FAILED',
      ledger: LEDGER,
    });
  });
});

describe('statusOfInquiryFailure', () => {
  it('unreachable stays unreachable; other problems keep their reason and HTTP status', () => {
    expect(statusOfInquiryFailure({ ok: false, problem: 'unreachable', detail: 'refused' })).toEqual({
      kind: 'unknown',
      reason: 'unreachable',
      detail: 'inquiry: refused',
    });
    expect(
      statusOfInquiryFailure({ ok: false, problem: 'server_error', detail: 'x', httpStatus: 503 }),
    ).toEqual({
      kind: 'unknown',
      reason: 'server_error',
      detail: 'inquiry: x',
      httpStatus: 503,
    });
    expect(statusOfInquiryFailure({ ok: false, problem: 'bad_signature', detail: 'x' })).not.toHaveProperty(
      'httpStatus',
    );
  });

  it('a refused inquiry (2… or 4…) is "rejected"; any other code "unexpected"; the code is named', () => {
    expect(statusOfInquiryFailure(inquiryAnswer())).toEqual({
      kind: 'unknown',
      reason: 'rejected',
      detail: 'inquiry answered code 20160003: unknown PayID',
      httpStatus: 200,
      code: '20160003',
    });
    expect(statusOfInquiryFailure(inquiryAnswer({ code: '40000000' })).reason).toBe('rejected');
    expect(statusOfInquiryFailure(inquiryAnswer({ code: '61000000' })).reason).toBe('unexpected');
  });
});

describe('decideBeforeCredit when the inquiry gives no figures', () => {
  const refund = { payId: PAY_ID, amountFen: 100, currency: 'CNY' };
  it('a refused inquiry refuses the credit, naming the PayID; a fatal one too', () => {
    const refused = decideBeforeCredit(refusedInquiry(), refund);
    expect(refused).toEqual({
      kind: 'refuse',
      outcome: {
        kind: 'rejected',
        code: '20160003',
        message: `the inquiry of PayID ${PAY_ID} was refused, so the credit was not sent: unknown PayID`,
      },
    });
    const fatal = decideBeforeCredit(refusedInquiry({ code: '40000000' }), refund);
    expect(fatal.kind).toBe('refuse');
  });

  it('a code that is no answer asks again, saying which', () => {
    const pending = refusedInquiry({ code: '61000000', description: 'busy' });
    expect(decideBeforeCredit(pending, refund)).toEqual({
      kind: 'retry',
      detail: 'the inquiry answered code 61000000: busy',
    });
  });
});

describe('decideStatus at its edges', () => {
  const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({
    state: 'unknown',
    amountFen: 20_000,
    creditedBeforeFen: 10_000,
    firstSentAtMs: 0,
    nowMs: 1_000,
    reqIdLifetimeMs: DEFAULT_REQID_LIFETIME_MS,
    acceptedXid: null,
    inquiry: { amountCred: 10_000, lastStatus: 'OK', xid: 'X9' },
    ...over,
  });

  it('an inquiry without AmountCred proves nothing, even with the amount before known', () => {
    expect(decideStatus(facts({ inquiry: { amountCred: null, lastStatus: 'OK', xid: 'X9' } })).kind).toBe(
      'resend',
    );
  });

  it('a journal state of none counts as an answer received: it waits, never resends', () => {
    expect(decideStatus(facts({ state: undefined })).kind).toBe('wait');
  });

  it('a failure is this credit only when the XIDs are equal, whatever their case, and not when the inquiry has none', () => {
    const failed = { amountCred: 10_000, lastStatus: 'FAILED', xid: 'xa' };
    expect(decideStatus(facts({ state: 'accepted', acceptedXid: 'XA', inquiry: failed })).kind).toBe(
      'failed',
    );
    expect(
      decideStatus(facts({ state: 'accepted', acceptedXid: 'XA', inquiry: { ...failed, xid: '' } })).kind,
    ).toBe('wait');
    // LastStatus must start with FAIL: a status that merely mentions it does not settle anything.
    expect(
      decideStatus(
        facts({ state: 'accepted', acceptedXid: 'XA', inquiry: { ...failed, lastStatus: 'NOT_FAILED' } }),
      ).kind,
    ).toBe('wait');
  });

  it('names the open last action when it asks later', () => {
    expect(
      decideStatus(facts({ inquiry: { amountCred: 10_000, lastStatus: 'PENDING', xid: 'X9' } })),
    ).toEqual({
      kind: 'ask_later',
      detail: "the payment's last action is still open at Paygate (PENDING); not resent yet",
    });
  });

  it('never resends a ReqId at or past its lifetime; just before it, it does; without a first send time, it does', () => {
    const lifetime = DEFAULT_REQID_LIFETIME_MS;
    expect(decideStatus(facts({ firstSentAtMs: 0, nowMs: lifetime })).kind).toBe('expired');
    expect(decideStatus(facts({ firstSentAtMs: 0, nowMs: lifetime - 1 })).kind).toBe('resend');
    expect(decideStatus(facts({ firstSentAtMs: null, nowMs: lifetime * 2 })).kind).toBe('resend');
  });
});

describe('isOpenStatus', () => {
  it('reads pending, open and in-progress statuses, in any case and spelling of "in progress"', () => {
    for (const status of ['PENDING', 'open', 'In Progress', 'inprogress', 'IN_PROGRESS', 'Processing'])
      expect(isOpenStatus(status), status).toBe(true);
    for (const status of ['OK', 'FAILED', 'in  progress', ''])
      expect(isOpenStatus(status), status).toBe(false);
  });
});

describe('codeArea', () => {
  it('reads characters 2–4 of a code: crypto, parameter (010–019), internal (020–0FF), module (100+)', () => {
    expect(codeArea('20010006')).toBe('crypto');
    expect(codeArea('20100000')).toBe('parameter');
    expect(codeArea('20190000')).toBe('parameter');
    expect(codeArea('200F0000')).toBe('other');
    expect(codeArea('201A0000')).toBe('other');
    expect(codeArea('201F0000')).toBe('other');
    expect(codeArea('20200000')).toBe('internal');
    expect(codeArea('20FF0000')).toBe('internal');
    expect(codeArea('21000000')).toBe('module');
    expect(codeArea('20000000')).toBe('other');
    expect(codeArea('2G100000')).toBe('other');
    expect(codeArea('2 100000')).toBe('other');
    expect(codeArea('201')).toBe('other');
  });
});
