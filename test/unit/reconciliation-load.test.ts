/**
 * Reading the provider's operations: the Data API's JSON in its three saved shapes, the Dashboard's CSV with
 * English or Chinese headers, a --map, GB18030 bytes, decimal amounts straight to fen; and files that cannot
 * be read refused with the right code and the line or operation named.
 */
import { describe, expect, it } from 'vitest';
import {
  loadProviderFile,
  providerColumnMap,
  ProviderFileError,
} from '../../electron/core/reconciliation/index.js';
import { IntakeFileError } from '../../electron/core/csv/errors.js';
import { encodeGbk } from '../fixtures/csv/gbk.js';
import { encodeShiftJis } from '../fixtures/csv/legacyEncodings.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function operation(paymentId: string, extra: Record<string, unknown> = {}) {
  return {
    project_id: '200',
    operation_id: `op-${paymentId}`,
    payment_id: paymentId,
    operation_type: 'payout',
    operation_status: 'success',
    operation_created_at: '2024-03-01T10:00:00+00:00',
    operation_completed_at: '2024-03-01T10:00:05+00:00',
    sum_initial: { amount: 50000, currency: 'CNY' },
    sum_converted: { amount: 50000, currency: 'CNY' },
    payment_provider_code: '0',
    payment_provider_message: 'Success',
    ...extra,
  };
}

function refusal(read: () => unknown): ProviderFileError {
  try {
    read();
  } catch (error) {
    if (error instanceof ProviderFileError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

describe('ecommpay-json', () => {
  it('reads one saved answer: payment id, type, status, minor units, currency, times and codes', () => {
    const file = loadProviderFile(
      utf8(
        JSON.stringify({
          operations: [
            operation('P-1'),
            operation('P-2', { sum_initial: { amount: '1007', currency: 'cny' } }),
          ],
          signature: 'x',
        }),
      ),
    );
    expect(file.format).toBe('ecommpay-json');
    expect(file.operations).toEqual([
      {
        payment_id: 'P-1',
        operation_id: 'op-P-1',
        operation_type: 'payout',
        operation_status: 'success',
        amount_fen: 50000,
        currency: 'CNY',
        created_at: '2024-03-01T10:00:00+00:00',
        completed_at: '2024-03-01T10:00:05+00:00',
        code: '0',
        message: 'Success',
      },
      expect.objectContaining({ payment_id: 'P-2', amount_fen: 1007, currency: 'CNY' }),
    ]);
  });

  it('reads an array of pages and a bare array of operations alike, and counts an operation listed twice once', () => {
    const pages = [
      { operations: [operation('A'), operation('B')], signature: 's1' },
      // Overlapping pages: B again, now with a reversal after it.
      {
        operations: [operation('B'), operation('B', { operation_id: 'rev-B', operation_type: 'reversal' })],
        signature: 's2',
      },
    ];
    const fromPages = loadProviderFile(utf8(JSON.stringify(pages)));
    expect(fromPages.operations.map((o) => o.operation_id)).toEqual(['op-A', 'op-B', 'rev-B']);
    expect(fromPages.repeated).toBe(1);
    const bare = loadProviderFile(utf8(JSON.stringify([operation('A'), operation('B')])));
    expect(bare.operations.map((o) => o.payment_id)).toEqual(['A', 'B']);
  });

  it('keeps a final listing over a later one still in progress, and a later final one over an earlier one', () => {
    const file = loadProviderFile(
      utf8(
        JSON.stringify([
          operation('A', { operation_status: 'success' }),
          operation('A', { operation_status: 'processing' }),
          operation('B', { operation_status: 'processing' }),
          operation('B', { operation_status: 'decline' }),
        ]),
      ),
    );
    expect(file.operations.map((o) => `${o.payment_id}:${o.operation_status}`)).toEqual([
      'A:success',
      'B:decline',
    ]);
  });

  it('falls back to sum_converted, and names the operation whose amount cannot be read', () => {
    const converted = operation('C', {
      sum_initial: undefined,
      sum_converted: { amount: 300, currency: 'CNY' },
    });
    expect(loadProviderFile(utf8(JSON.stringify([converted]))).operations[0]!.amount_fen).toBe(300);
    const bad = refusal(() =>
      loadProviderFile(
        utf8(JSON.stringify([operation('A'), operation('B', { sum_initial: { amount: '12.5' } })])),
      ),
    );
    expect(bad.code).toBe('PROVIDER_FILE_VALUE');
    expect(bad.params).toMatchObject({ item: 2, field: 'amount', value: '12.5' });
  });

  it('refuses JSON that holds no operations, and an operation without a payment id', () => {
    expect(refusal(() => loadProviderFile(utf8('{"rows": []}'))).params).toEqual({ reason: 'json_shape' });
    const noId = refusal(() => loadProviderFile(utf8(JSON.stringify([operation('')]))));
    expect(noId.params).toMatchObject({ item: 1, field: 'payment_id' });
  });

  it('refuses --format ecommpay-json for bytes that are not JSON', () => {
    const error = refusal(() =>
      loadProviderFile(utf8('payment_id,amount\nA,1.00\n'), { format: 'ecommpay-json' }),
    );
    expect(error).toMatchObject({ code: 'PROVIDER_FILE_UNREADABLE', params: { reason: 'format' } });
  });
});

describe('csv', () => {
  it('reads a Dashboard export with English headers: decimal amounts to fen, words normalised', () => {
    const file = loadProviderFile(
      utf8(
        '\uFEFFPayment ID,Operation ID,Operation type,Operation status,Amount,Currency,Operation created at\r\n' +
          'P-1,101,Payout,Success,500.00,CNY,2024-03-01 10:00:00\r\n' +
          'P-2,102,Payout,Decline,"1,234.5",CNY,2024-03-01 10:01:00\r\n' +
          'S-1,103,Sale,Success,0.29,CNY,2024-03-01 10:02:00\r\n',
      ),
    );
    expect(file.format).toBe('csv');
    expect(
      file.operations.map((o) => [
        o.payment_id,
        o.operation_id,
        o.operation_type,
        o.operation_status,
        o.amount_fen,
      ]),
    ).toEqual([
      ['P-1', '101', 'payout', 'success', 50000],
      ['P-2', '102', 'payout', 'decline', 123450],
      ['S-1', '103', 'sale', 'success', 29],
    ]);
    expect(file.operations[0]).toMatchObject({ currency: 'CNY', created_at: '2024-03-01 10:00:00' });
  });

  it('reads Chinese headers and words, semicolons, and GB18030 bytes', () => {
    const text =
      '订单号;操作类型;操作状态;金额;币种\n付-1;付款;成功;88.80;人民币\n付-2;付款;失败;12.00;CNY\n';
    const file = loadProviderFile(encodeGbk(text));
    expect(
      file.operations.map((o) => [
        o.payment_id,
        o.operation_type,
        o.operation_status,
        o.amount_fen,
        o.currency,
      ]),
    ).toEqual([
      ['付-1', 'payout', 'success', 8880, 'CNY'],
      ['付-2', 'payout', 'decline', 1200, 'CNY'],
    ]);
  });

  it('takes minor units from an amount_minor column, and a missing type as a payout', () => {
    const file = loadProviderFile(utf8('payment_id,operation_status,sum_initial.amount\nA,success,50000\n'));
    expect(file.operations[0]).toMatchObject({ operation_type: 'payout', amount_fen: 50000, currency: null });
  });

  it('follows --map for headers it does not know, over a known header', () => {
    const map = providerColumnMap('Merchant ref=payment_id, Result=operation_status,Total=amount');
    const file = loadProviderFile(utf8('Merchant ref,Payment ID,Result,Total\nM-1,ignored,success,10.07\n'), {
      map,
    });
    expect(file.operations[0]).toMatchObject({
      payment_id: 'M-1',
      operation_status: 'success',
      amount_fen: 1007,
    });
  });

  it('refuses a bad --map entry and one naming a header the file lacks', () => {
    expect(refusal(() => providerColumnMap('Merchant ref')).params).toMatchObject({ reason: 'syntax' });
    expect(refusal(() => providerColumnMap('A=card_number')).params).toMatchObject({
      reason: 'unknown_field',
    });
    expect(refusal(() => providerColumnMap('A=payment_id,B=订单号')).params).toMatchObject({
      reason: 'duplicate',
    });
    const missing = refusal(() =>
      loadProviderFile(utf8('payment_id,operation_status,amount\nA,success,1.00\n'), {
        map: providerColumnMap('Nope=currency'),
      }),
    );
    expect(missing).toMatchObject({ code: 'PROVIDER_MAP_INVALID', params: { reason: 'header_not_found' } });
  });

  it('refuses an export without a payment id column, naming every missing field', () => {
    const error = refusal(() => loadProviderFile(utf8('Reference,Amount\nA,1.00\n')));
    expect(error).toMatchObject({
      code: 'PROVIDER_FILE_COLUMN_MISSING',
      params: { column: 'payment_id, operation_status' },
    });
  });

  it('names the line of an amount that cannot be read, never reading it as a float', () => {
    const error = refusal(() =>
      loadProviderFile(utf8('payment_id,operation_status,amount\nA,success,1.00\n\nB,success,12.345\n')),
    );
    expect(error).toMatchObject({
      code: 'PROVIDER_FILE_VALUE',
      params: { line: 4, field: 'amount', value: '12.345' },
    });
  });

  it('refuses an empty file and bytes that are no text', () => {
    expect(refusal(() => loadProviderFile(utf8(' \n'))).params).toEqual({ reason: 'empty' });
    const binary = new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00]);
    expect(refusal(() => loadProviderFile(binary)).params).toEqual({ reason: 'format' });
    // Text that is not UTF-8 and not Chinese GB18030 keeps the payout import's own encoding error.
    expect(() =>
      loadProviderFile(encodeShiftJis('payment_id,operation_status,amount\n田中,success,1.00\n')),
    ).toThrow(IntakeFileError);
  });
});
