/**
 * The validation grid's changes at the application layer: cells edited (`edits`), lines left out
 * (`removeLines`) and rows asked back (`lines`), for validateFile and importFile on a real SQLite file. An
 * edited cell goes through the very rules a file's cell goes through; an import stores what the edited file
 * validates to, audited with how much was changed, under the original file's hash.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RowEdit } from '../../electron/contract/records.js';
import { consolesPerTest, TEST_ADMIN } from './appHarness.js';
import { CARD, csv, PAYEE_TAIL, row, rowsFile } from './appFiles.js';
import { changesOf } from './consoleSupport.js';

const open = consolesPerTest();

/** Rows at lines 2, 3 and 4: E-2's 5.00 is below CUP P2P's minimum (10.00), the only error. */
const withError = () =>
  rowsFile('grid.csv', [row('E-1', '150.00'), row('E-2', '5.00'), row('E-3', '160.00')]);

const amountAt = (line: number, value: string): RowEdit => ({ line, field: 'amount_fen', value });

describe('edits', () => {
  it('an amount below the limit, edited in the grid, makes the row ok and changes the summary', async () => {
    const c = await open();
    const file = withError();
    const before = await c.ok('alice', 'validateFile', { file });
    expect(before.summary).toEqual({
      rows: 3,
      ok: 2,
      warnings: 0,
      errors: 1,
      total_fen: 31_000,
      file_total_fen: 31_500,
    });

    const after = await c.ok('alice', 'validateFile', { file, edits: [amountAt(3, '1234.56')] });
    expect(after.summary).toEqual({
      rows: 3,
      ok: 3,
      warnings: 0,
      errors: 0,
      total_fen: 154_456,
      file_total_fen: 154_456,
    });
    expect(after.rows.find((r) => r.line === 3)).toMatchObject({
      payment_id: 'E-2',
      status: 'ok',
      issues: [],
      payout: { amount_fen: 123_456 },
    });
    // The file is untouched: its hash and its preview are the file's own.
    expect(after.file.sha256).toBe(before.file.sha256);
    expect(after.preview.rows[1]?.[1]).toBe('5.00');
  });

  it('runs the same rules on an edited cell as on the file’s: amount text, card number, control characters', async () => {
    const c = await open();
    const file = rowsFile('rules.csv', [row('R-1', '150.00'), row('R-2', '160.00'), row('R-3', '170.00')]);
    const report = await c.ok('alice', 'validateFile', {
      file,
      edits: [
        amountAt(2, '12.345'),
        { line: 3, field: 'card_number', value: '6228481234567890129' },
        { line: 4, field: 'branch', value: '天河\u0007支行' },
      ],
    });
    const codes = (line: number) => report.rows.find((r) => r.line === line)?.issues.map((i) => i.code);
    expect(codes(2)).toEqual(['AMOUNT_INVALID']);
    expect(codes(3)).toEqual(['PAN_LUHN']);
    // The file's text was clean, but an edited cell is scanned on its own (a warning).
    expect(codes(4)).toEqual(['TEXT_CONTROL_CHARS']);
    expect(report.summary).toMatchObject({ ok: 0, warnings: 1, errors: 2 });
  });

  it('a later edit of the same cell wins; an edit applies where the file has no column for the field', async () => {
    const c = await open();
    // No payment_id and no description column: ids are generated, description is missing everywhere.
    const header =
      'amount,currency,card_number,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip';
    const tail = PAYEE_TAIL.split(',').slice(0, -1).join(',');
    const file = csv('no-columns.csv', [
      header,
      `150.00,CNY,${CARD},1,5,张,伟,${tail}`,
      `160.00,CNY,6228481234567890136,1,5,张,伟,${tail}`,
    ]);
    const before = await c.ok('alice', 'validateFile', { file });
    expect(before.rows.map((r) => r.issues.map((i) => `${i.code}:${i.field}`))).toEqual([
      ['REQUIRED_MISSING:description'],
      ['REQUIRED_MISSING:description'],
    ]);

    const report = await c.ok('alice', 'validateFile', {
      file,
      edits: [
        { line: 2, field: 'description', value: '奖金' },
        { line: 2, field: 'description', value: '佣金' },
        { line: 2, field: 'payment_id', value: 'TYPED-1' },
        amountAt(2, '1.00'),
        amountAt(2, '200.00'),
      ],
    });
    const [first, second] = report.rows;
    expect(first).toMatchObject({
      status: 'ok',
      payment_id: 'TYPED-1',
      payout: { description: '佣金', amount_fen: 20_000 },
    });
    // The other row keeps its generated id and its missing description.
    expect(second?.payment_id).toMatch(/^CUP-/);
    expect(second?.issues.map((i) => i.code)).toEqual(['REQUIRED_MISSING']);
  });

  it('refuses an edit naming a line that holds no row, or an unknown field, and stores nothing', async () => {
    const c = await open();
    const file = withError();
    for (const [edits, field] of [
      [[amountAt(3, '150.00'), amountAt(99, '150.00')], 'edits[1].line'],
      [[amountAt(1, '150.00')], 'edits[0].line'], // the header
    ] as const) {
      const refused = await c.call('alice', 'validateFile', { file, edits: [...edits] });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Invalid ${field}: expected the line of a row of the file (line ${edits.at(-1)!.line} holds none).`,
        },
      });
    }
    const zh = await c.call('alice', 'importFile', { file, edits: [amountAt(99, '150.00')] }, 'zh-CN');
    expect(zh).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'edits[0].line 无效：应为文件中某一数据行的行号（第 99 行没有数据行）。',
      },
    });
    const removed = await c.call('alice', 'importFile', { file, removeLines: [3, 7], dropErrors: true });
    expect(removed.ok || removed.error.message).toBe(
      'Invalid removeLines[1]: expected the line of a row of the file (line 7 holds none).',
    );
    const unknownField = await c.call('alice', 'importFile', {
      file,
      edits: [{ line: 3, field: 'amount' as RowEdit['field'], value: '150.00' }],
    });
    expect(unknownField.ok || unknownField.error.code).toBe('INVALID_INPUT');
    expect(unknownField.ok || unknownField.error.message).toMatch(
      /^Invalid edits\[0\]\.field: expected one of payment_id, amount_fen, /,
    );

    expect(await c.ok(null, 'listBatches', undefined)).toEqual([]);
    expect(await changesOf(c)).toEqual([]);
  });
});

describe('removeLines', () => {
  it('drops the error row: the import succeeds with N-1 rows and their total, audited with the changes', async () => {
    const c = await open();
    const file = withError();
    const report = await c.ok('alice', 'importFile', { file, removeLines: [3] });
    expect(report).toMatchObject({
      batch_id: 1,
      summary: { rows: 2, ok: 2, errors: 0, total_fen: 31_000, file_total_fen: 31_000 },
      stored: { payouts: 2, total_fen: 31_000 },
      refused: null,
      error_rows: [],
    });
    const [batch] = await c.ok(null, 'listBatches', undefined);
    expect(batch).toMatchObject({
      row_count: 2,
      payout_count: 2,
      total_fen: 31_000,
      dropped_error_rows: 0,
      // The stored source hash is the original file's.
      source_sha256: createHash('sha256').update(file.bytes).digest('hex'),
    });
    const detail = await c.ok(null, 'batchDetail', { batchId: 1 });
    expect(detail.rows.map((r) => [r.line, r.payment_id, r.amount_fen])).toEqual([
      [2, 'E-1', 15_000],
      [4, 'E-3', 16_000],
    ]);
    const [entry] = await changesOf(c);
    expect(entry).toMatchObject({
      action: 'batch.import',
      actor: 'alice',
      details: { editedCells: 0, removedLines: 1, payoutCount: 2, totalFen: 31_000 },
    });
  });

  it('stores exactly what the edited file validates to: edited amounts, edited cells counted in the audit', async () => {
    const c = await open();
    const file = rowsFile('fixed.csv', [
      row('F-1', '150.00'),
      row('F-2', '5.00'),
      row('F-3', 'abc'),
      row('F-4', '170.00'),
    ]);
    const report = await c.ok('alice', 'importFile', {
      file,
      edits: [amountAt(3, '50.00'), { line: 3, field: 'branch', value: '越秀支行' }, amountAt(4, '1.00')],
      removeLines: [4],
    });
    expect(report.stored).toEqual({ payouts: 3, total_fen: 15_000 + 5_000 + 17_000 });
    const detail = await c.ok(null, 'batchDetail', { batchId: report.batch_id! });
    expect(detail.rows.map((r) => [r.payment_id, r.amount_fen])).toEqual([
      ['F-1', 15_000],
      ['F-2', 5_000],
      ['F-4', 17_000],
    ]);
    // Three edits, one of them on a line left out; all three cells are counted as edited.
    expect((await changesOf(c))[0]?.details).toMatchObject({ editedCells: 3, removedLines: 1, rowCount: 3 });
  });

  it('leaving out a row removes it from the checks across rows (a repeated payment id)', async () => {
    const c = await open();
    const file = rowsFile('repeat.csv', [row('D-1', '150.00'), row('D-1', '160.00')]);
    expect((await c.ok('alice', 'validateFile', { file })).summary.errors).toBe(1);
    const report = await c.ok('alice', 'validateFile', { file, removeLines: [3] });
    expect(report.summary).toMatchObject({ rows: 1, ok: 1, errors: 0 });
    expect(report.rows.map((r) => r.line)).toEqual([2]);
  });
});

describe('lines', () => {
  it('returns just those lines’ rows, whatever `rows` says; the summary is over the whole edited file', async () => {
    const c = await open();
    const file = withError();
    const report = await c.ok('alice', 'validateFile', {
      file,
      rows: 'none',
      edits: [amountAt(3, '20.00')],
      lines: [3, 4],
    });
    expect(report.rows.map((r) => [r.line, r.status, r.payout.amount_fen])).toEqual([
      [3, 'ok', 2_000],
      [4, 'ok', 16_000],
    ]);
    expect(report.summary).toMatchObject({ rows: 3, ok: 3, errors: 0, total_fen: 33_000 });

    // A problems-only view still returns exactly the lines asked for.
    const one = await c.ok('alice', 'validateFile', { file, rows: 'problems', lines: [2] });
    expect(one.rows.map((r) => [r.line, r.status])).toEqual([[2, 'ok']]);
    expect(one.summary.errors).toBe(1);

    const imported = await c.ok('alice', 'importFile', { file, removeLines: [3], lines: [4] });
    expect(imported.rows?.map((r) => r.line)).toEqual([4]);
    expect(imported.stored).toEqual({ payouts: 2, total_fen: 31_000 });
  });
});

describe('grid changes and roles', () => {
  it('validating with edits is reading: a viewer may; importing with them still needs the operator', async () => {
    const c = await open();
    await c.ok(TEST_ADMIN, 'addUser', { name: 'vera', roles: ['viewer'], password: 'harness password 2026' });
    const file = withError();
    expect((await c.ok('vera', 'validateFile', { file, edits: [amountAt(3, '50.00')] })).summary.errors).toBe(
      0,
    );
    const refused = await c.call('vera', 'importFile', { file, edits: [amountAt(3, '50.00')] });
    expect(refused.ok || refused.error.code).toBe('ROLE_REQUIRED');
  });
});
