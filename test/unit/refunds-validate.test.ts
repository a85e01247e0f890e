import { describe, expect, it } from 'vitest';
import {
  generateTransId,
  MAX_REFUND_FEN,
  refundIdsToLookUp,
  validateRefundRows,
  type KnownPaymentFacts,
  type RefundCells,
  type RefundField,
  type RefundValidationContext,
  type ValidatedRefundRow,
} from '../../electron/core/refunds/index.js';

const PAY_A = '0123456789abcdef0123456789abcdef';
const PAY_B = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

type Cells = Partial<Record<RefundField, string>>;

/**
 * Rows from cell overrides, one per line from line 2, every field present. Each row's default amount differs
 * (10.00, 11.00, …), so that rows are not repeats of each other unless a test makes them so.
 */
function rows(...cells: Cells[]): RefundCells[] {
  return cells.map((c, i) => ({
    line: i + 2,
    cells: {
      pay_id: PAY_A,
      trans_id: '',
      amount: `${10 + i}.00`,
      currency: '',
      reason: '',
      ref_nr: '',
      captured_amount: '',
      ...c,
    },
    shape: null,
  }));
}

interface FakeHistory {
  used?: string[];
  known?: Record<string, KnownPaymentFacts>;
  ids?: string[];
}

/** A context over fixed history; records what it was asked. */
function context(history: FakeHistory = {}) {
  const asked = { transIds: [] as string[][], payIds: [] as string[][] };
  const ids = [...(history.ids ?? [])];
  let counter = 0;
  const ctx: RefundValidationContext = {
    usedTransIds(list) {
      asked.transIds.push([...list]);
      return new Set(list.filter((id) => history.used?.includes(id)));
    },
    knownPayments(list) {
      asked.payIds.push([...list]);
      return new Map(list.flatMap((id) => (history.known?.[id] ? [[id, history.known[id]]] : [])));
    },
    newTransId: () => ids.shift() ?? `GEN${++counter}`,
  };
  return { ctx, asked };
}

function validate(cells: Cells[], history?: FakeHistory): ValidatedRefundRow[] {
  return validateRefundRows(rows(...cells), context(history).ctx);
}

function codes(row: ValidatedRefundRow | undefined): string[] {
  return row!.issues.map((issue) => issue.code);
}

describe('validateRefundRows: one row', () => {
  it('accepts a complete row and resolves its terms', () => {
    const [row] = validate([
      {
        pay_id: ` ${PAY_A} `,
        trans_id: 'RF-1',
        amount: '1,234.56',
        currency: '人民币',
        reason: '  客户退货 ',
        ref_nr: 'INV2025001',
        captured_amount: '￥2000',
      },
    ]);
    expect(row).toEqual({
      line: 2,
      status: 'ok',
      issues: [],
      refund: {
        pay_id: PAY_A,
        trans_id: 'RF-1',
        trans_id_generated: false,
        amount_fen: 123456,
        currency: 'CNY',
        reason: '客户退货',
        ref_nr: 'INV2025001',
        captured_fen: 200000,
      },
    });
  });

  it('requires a PayID and an amount', () => {
    const [row] = validate([{ pay_id: '', amount: ' ' }]);
    expect(row!.status).toBe('error');
    expect(row!.issues).toEqual([
      { code: 'REQUIRED_MISSING', severity: 'error', field: 'pay_id', params: {} },
      { code: 'REQUIRED_MISSING', severity: 'error', field: 'amount', params: {} },
    ]);
  });

  it.each([
    [PAY_A.slice(0, 31), { reason: 'length', length: 31, expected: 32 }],
    [`${PAY_A}0`, { reason: 'length', length: 33, expected: 32 }],
    [`${PAY_A.slice(0, 31)}-`, { reason: 'charset' }],
    [`${PAY_A.slice(0, 31)}\u200b`, { reason: 'charset' }],
    ['０１２３４５６７８９abcdef0123456789abcdef', { reason: 'charset' }],
  ])('refuses PayID %j', (payId, params) => {
    const [row] = validate([{ pay_id: payId }]);
    expect(row!.issues).toEqual([
      {
        code: 'PAY_ID_INVALID',
        severity: 'error',
        field: 'pay_id',
        params: { value: payId, ...params },
      },
    ]);
  });

  it('shows only the start of a very long PayID in the issue', () => {
    const [row] = validate([{ pay_id: 'x'.repeat(500) }]);
    expect(row!.issues[0]!.params).toMatchObject({ value: `${'x'.repeat(80)}…`, length: 500 });
  });

  it.each([
    ['R 1', 'charset'],
    ['R&1', 'charset'],
    ['R=1', 'charset'],
    ['R%1', 'charset'],
    ['R+1', 'charset'],
    ['退款1', 'charset'],
    ['R\t1', 'charset'],
    ['R'.repeat(65), 'length'],
  ])('refuses TransID %j (%s)', (transId, reason) => {
    const [row] = validate([{ trans_id: transId }]);
    expect(row!.issues).toEqual([
      {
        code: 'TRANS_ID_INVALID',
        severity: 'error',
        field: 'trans_id',
        params: { value: transId, reason, length: transId.length, max: 64 },
      },
    ]);
    // A TransID the file gives is never replaced by a generated one, even when it is unusable.
    expect(row!.refund).toMatchObject({ trans_id: transId, trans_id_generated: false });
  });

  it('accepts a TransID of 64 printable ASCII characters', () => {
    const transId = `A!#$'()*,-./:;<>?@[]^_\`{|}~"${'9'.repeat(36)}`;
    expect(transId).toHaveLength(64);
    expect(validate([{ trans_id: transId }])[0]!.issues).toEqual([]);
  });

  it.each([
    ['0', 'AMOUNT_INVALID'],
    ['-5.00', 'AMOUNT_INVALID'],
    ['1.234', 'AMOUNT_INVALID'],
    ['12,34', 'AMOUNT_INVALID'],
    ['abc', 'AMOUNT_INVALID'],
  ])('refuses amount %j as %s', (amount, code) => {
    const [row] = validate([{ amount }]);
    expect(row!.issues).toEqual([{ code, severity: 'error', field: 'amount', params: { value: amount } }]);
    expect(row!.refund.amount_fen).toBeNull();
  });

  it('takes amounts of up to 10 digits in fen, and refuses more as AMOUNT_TOO_LARGE', () => {
    const [largest, above, absurd] = validate([
      { amount: '99,999,999.99' },
      { amount: '100000000.00', captured_amount: '' },
      { amount: '9'.repeat(30) },
    ]);
    expect(largest!.refund.amount_fen).toBe(MAX_REFUND_FEN);
    expect(largest!.issues).toEqual([]);
    expect(above!.issues).toEqual([
      {
        code: 'AMOUNT_TOO_LARGE',
        severity: 'error',
        field: 'amount',
        params: { value: '100,000,000.00', max: '99,999,999.99' },
      },
    ]);
    // Beyond exact integers: shown as typed (shortened), never kept as an amount.
    expect(absurd!.issues[0]).toMatchObject({ code: 'AMOUNT_TOO_LARGE', params: { value: '9'.repeat(30) } });
    expect(absurd!.refund.amount_fen).toBeNull();
  });

  it('reads an empty currency as CNY and refuses others, saying refunds are CNY only', () => {
    const [empty, rmb, usd] = validate([{ currency: '' }, { currency: 'rmb' }, { currency: 'USD' }]);
    expect(empty!.refund.currency).toBe('CNY');
    expect(rmb!.refund.currency).toBe('CNY');
    expect(usd!.issues).toEqual([
      {
        code: 'CURRENCY_UNSUPPORTED',
        severity: 'error',
        field: 'currency',
        params: { value: 'USD', kind: 'refund' },
      },
    ]);
  });

  it.each([
    ['INV-2025-01', 'charset'],
    ['INV 1', 'charset'],
    ['发票1', 'charset'],
    ['A'.repeat(33), 'length'],
  ])('refuses reference number %j (%s)', (refNr, reason) => {
    const [row] = validate([{ ref_nr: refNr }]);
    expect(row!.issues).toEqual([
      expect.objectContaining({
        code: 'REF_NR_INVALID',
        field: 'ref_nr',
        params: expect.objectContaining({ reason }),
      }),
    ]);
  });

  it('accepts a reference number of 32 letters and digits', () => {
    expect(validate([{ ref_nr: 'A1'.repeat(16) }])[0]!.issues).toEqual([]);
  });

  it('refuses a reason longer than 255 characters or holding control characters, on the reason field', () => {
    const [long, fits, control, bidi] = validate([
      { reason: '退'.repeat(256) },
      { reason: '退'.repeat(255) },
      { reason: '客户\n退货' },
      { reason: '客户\u202e退货' },
    ]);
    expect(long!.issues).toEqual([
      { code: 'FIELD_TOO_LONG', severity: 'error', field: 'reason', params: { length: 256, max: 255 } },
    ]);
    expect(fits!.issues).toEqual([]);
    expect(fits!.refund.reason).toHaveLength(255);
    expect(control!.issues).toEqual([
      {
        code: 'TEXT_CONTROL_CHARS',
        severity: 'error',
        field: 'reason',
        params: { kind: 'control', char: 'U+000A', position: 3, value: '客户<U+000A>退货' },
      },
    ]);
    expect(bidi!.issues[0]).toMatchObject({
      code: 'TEXT_CONTROL_CHARS',
      field: 'reason',
      params: { kind: 'bidi' },
    });
  });

  it.each([
    ['abc', 'format'],
    ['0', 'format'],
    ['100000000.00', 'too_large'],
  ])('refuses captured amount %j (%s)', (captured, reason) => {
    const [row] = validate([{ captured_amount: captured }]);
    expect(row!.issues).toEqual([
      expect.objectContaining({
        code: 'CAPTURED_AMOUNT_INVALID',
        field: 'captured_amount',
        params: expect.objectContaining({ value: captured, reason }),
      }),
    ]);
    expect(row!.refund.captured_fen).toBeNull();
  });

  it('reports a row whose cell count differs from the header', () => {
    const [row] = validateRefundRows([{ ...rows({})[0]!, shape: { cells: 8, expected: 7 } }], context().ctx);
    expect(row!.issues).toEqual([
      { code: 'ROW_SHAPE', severity: 'error', field: null, params: { cells: 8, expected: 7 } },
    ]);
  });
});

describe('validateRefundRows: TransIDs', () => {
  it('refuses a TransID given twice in the file, naming both lines', () => {
    const result = validate([{ trans_id: 'R1' }, { trans_id: 'R2' }, { trans_id: 'R1' }]);
    expect(result.map((row) => row.status)).toEqual(['ok', 'ok', 'error']);
    expect(result[2]!.issues).toEqual([
      {
        code: 'TRANS_ID_DUPLICATE',
        severity: 'error',
        field: 'trans_id',
        params: { value: 'R1', first_line: 2, line: 4 },
      },
    ]);
  });

  it('refuses a TransID an earlier batch used, asking the history once for all given ids', () => {
    const { ctx, asked } = context({ used: ['OLD-1'] });
    const result = validateRefundRows(
      rows({ trans_id: 'OLD-1' }, { trans_id: 'NEW-1' }, { trans_id: 'OLD-1 ' }),
      ctx,
    );
    expect(result[0]!.issues).toEqual([
      { code: 'TRANS_ID_USED', severity: 'error', field: 'trans_id', params: { value: 'OLD-1' } },
    ]);
    expect(result[1]!.issues).toEqual([]);
    expect(codes(result[2])).toEqual(['TRANS_ID_DUPLICATE', 'TRANS_ID_USED']);
    expect(asked.transIds[0]).toEqual(['OLD-1', 'NEW-1']);
  });

  it('generates a TransID for each row without one, never one the file or history holds', () => {
    const { ctx } = context({
      used: ['GEN-USED'],
      ids: ['R1', 'GEN-USED', 'GEN-A', 'GEN-A', 'GEN-B', 'GEN-C'],
    });
    const result = validateRefundRows(
      rows({ trans_id: 'R1' }, { trans_id: '' }, { trans_id: '  ' }, { trans_id: '' }),
      ctx,
    );
    expect(result.map((row) => [row.refund.trans_id, row.refund.trans_id_generated])).toEqual([
      ['R1', false],
      // Its first two ids were taken: R1 by the file, GEN-USED by history.
      ['GEN-C', true],
      ['GEN-A', true],
      ['GEN-B', true],
    ]);
    expect(result.every((row) => row.status === 'ok')).toBe(true);
  });

  it('generates well-formed, distinct TransIDs with the real generator', () => {
    const ctx: RefundValidationContext = {
      usedTransIds: () => new Set(),
      knownPayments: () => new Map(),
      newTransId: () => generateTransId(),
    };
    const result = validateRefundRows(
      rows(...Array.from({ length: 200 }, (_, i) => ({ amount: `${i + 1}.00` }))),
      ctx,
    );
    const ids = result.map((row) => row.refund.trans_id);
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^RF\d{14}[A-Z2-7]{12}$/);
    expect(result.every((row) => row.status === 'ok')).toBe(true);
  });
});

describe('generateTransId', () => {
  it('is RF, the UTC time to the second and 12 random base-32 characters', () => {
    const id = generateTransId(new Date('2026-12-01T09:30:15.999Z'));
    expect(id).toMatch(/^RF20261201093015[A-Z2-7]{12}$/);
    expect(id.length).toBeLessThanOrEqual(64);
  });

  it('differs between calls in the same second', () => {
    const now = new Date('2026-12-01T09:30:15Z');
    const ids = new Set(Array.from({ length: 1000 }, () => generateTransId(now)));
    expect(ids.size).toBe(1000);
  });
});

describe('validateRefundRows: captured amounts and repeats', () => {
  it('refuses a captured amount that differs from the one an earlier row gives for the same PayID', () => {
    const result = validate([
      { captured_amount: '500.00' },
      { pay_id: PAY_B, captured_amount: '100.00' },
      { captured_amount: '500' },
      { captured_amount: '600.00' },
    ]);
    expect(result.slice(0, 3).map((row) => row.issues)).toEqual([[], [], []]);
    expect(result[3]!.issues).toEqual([
      {
        code: 'CAPTURED_AMOUNT_CONFLICT',
        severity: 'error',
        field: 'captured_amount',
        params: { pay_id: PAY_A, value: '600.00', first: '500.00', first_line: 2 },
      },
    ]);
  });

  it('warns when one PayID is refunded the same amount with the same reference number again', () => {
    const result = validate([
      { amount: '10.00', ref_nr: 'INV1' },
      { amount: '10', ref_nr: 'INV2' },
      { amount: '10.00', ref_nr: 'INV1', trans_id: 'X' },
      { pay_id: PAY_B, amount: '10.00', ref_nr: 'INV1' },
      { amount: '10.00', ref_nr: 'INV2' },
    ]);
    expect(result.map((row) => row.status)).toEqual(['ok', 'ok', 'warning', 'ok', 'warning']);
    expect(result[2]!.issues).toEqual([
      {
        code: 'REFUND_DUPLICATE',
        severity: 'warning',
        field: null,
        params: { pay_id: PAY_A, amount: '10.00', ref_nr: 'INV1', first_line: 2 },
      },
    ]);
    expect(result[4]!.issues[0]!.params).toMatchObject({ first_line: 3 });
  });
});

describe('validateRefundRows: refunds above the captured amount', () => {
  it('walks one PayID in file order against the captured amount the file gives', () => {
    const result = validate([
      { amount: '300.00', captured_amount: '500.00' },
      { pay_id: PAY_B, amount: '900.00' },
      { amount: '200.00' },
      { amount: '0.01' },
      { amount: '50.00', captured_amount: '500.00' },
    ]);
    expect(result.map((row) => row.status)).toEqual(['ok', 'ok', 'ok', 'error', 'error']);
    expect(result[3]!.issues).toEqual([
      {
        code: 'REFUND_ABOVE_CAPTURE',
        severity: 'error',
        field: 'amount',
        params: {
          pay_id: PAY_A,
          amount: '0.01',
          captured: '500.00',
          source: 'file',
          refunded: '0.00',
          in_file: '500.00',
          already: '500.00',
          remaining: '0.00',
        },
      },
    ]);
    // A row above the capture still counts for the rows after it.
    expect(result[4]!.issues[0]!.params).toMatchObject({ in_file: '500.01', remaining: '0.00' });
  });

  it('refuses a single row above its own captured amount', () => {
    const [row] = validate([{ amount: '500.01', captured_amount: '500.00' }]);
    expect(codes(row)).toEqual(['REFUND_ABOVE_CAPTURE']);
  });

  it('uses what the console knows when the file gives no captured amount, counting earlier refunds', () => {
    const { ctx, asked } = context({
      known: {
        [PAY_A]: { capturedFen: 50_000, refundedFen: 45_000 },
        [PAY_B]: { capturedFen: null, refundedFen: 99_999 },
      },
    });
    const result = validateRefundRows(
      rows(
        { amount: '40.00' },
        { amount: '10.00' },
        { amount: '0.01' },
        { pay_id: PAY_B, amount: '1000000.00' },
      ),
      ctx,
    );
    expect(result.map((row) => row.status)).toEqual(['ok', 'ok', 'error', 'ok']);
    expect(result[2]!.issues[0]!.params).toEqual({
      pay_id: PAY_A,
      amount: '0.01',
      captured: '500.00',
      source: 'known',
      refunded: '450.00',
      in_file: '50.00',
      already: '500.00',
      remaining: '0.00',
    });
    // Asked once, for each PayID once.
    expect(asked.payIds).toEqual([[PAY_A, PAY_B]]);
  });

  it("holds the smaller of the file's and the known captured amount, and counts what is already refunded", () => {
    // The file says more than is known: the known capture holds.
    const known = context({ known: { [PAY_A]: { capturedFen: 60_000, refundedFen: 20_000 } } });
    const larger = validateRefundRows(
      rows({ amount: '300.00', captured_amount: '900.00' }, { amount: '100.01' }),
      known.ctx,
    );
    expect(larger[0]!.status).toBe('ok');
    expect(larger[1]!.issues[0]!.params).toMatchObject({
      captured: '600.00',
      source: 'known',
      refunded: '200.00',
    });
    // The file says less than is known: the file's capture holds.
    const smaller = validateRefundRows(
      rows({ amount: '300.00', captured_amount: '500.00' }, { amount: '0.01' }),
      known.ctx,
    );
    expect(smaller[0]!.status).toBe('ok');
    expect(smaller[1]!.issues[0]!.params).toMatchObject({
      captured: '500.00',
      source: 'file',
      refunded: '200.00',
    });
  });

  it('leaves rows with other errors out of the walk', () => {
    const result = validate([
      { amount: '400.00', captured_amount: '500.00', ref_nr: 'bad-ref' },
      { amount: '400.00' },
      { pay_id: 'short', amount: '400.00' },
    ]);
    expect(codes(result[0])).toEqual(['REF_NR_INVALID']);
    expect(result[1]!.status).toBe('ok');
    expect(codes(result[2])).toEqual(['PAY_ID_INVALID']);
  });

  it('does not ask about payments when no row can be walked', () => {
    const { ctx, asked } = context();
    validateRefundRows(rows({ pay_id: '' }), ctx);
    expect(asked.payIds).toEqual([]);
  });
});

describe('refundIdsToLookUp', () => {
  it('names the ids validation asks about: trimmed, well-formed, each once', () => {
    const cells = rows(
      { pay_id: ` ${PAY_A}`, trans_id: ' R1 ' },
      { pay_id: PAY_A, trans_id: 'R1' },
      { pay_id: PAY_B, trans_id: 'R&2' },
      { pay_id: 'short', trans_id: '' },
    );
    expect(refundIdsToLookUp(cells)).toEqual({ transIds: ['R1'], payIds: [PAY_A, PAY_B] });
    // Validation asks about no other (rows with other errors take no part in the capture walk).
    const { ctx, asked } = context();
    validateRefundRows(cells, ctx);
    expect(asked.transIds[0]).toEqual(['R1']);
    expect(asked.payIds[0]).toEqual([PAY_A]);
  });
});
