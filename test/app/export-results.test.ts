/**
 * A batch's results as CSV for people: UTF-8 with a BOM, CRLF, RFC 4180, the header in the reader's language,
 * amounts as exact decimal text, card numbers masked (and so kept as text by Excel), no cell a spreadsheet
 * would run as a formula; every export audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../electron/contract/records.js';
import { readCsvRecords } from '../../electron/core/csv/parse.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { CARD, card, fastSending, row, rowsFile } from './appFiles.js';
import { changesOf, withDatabase } from './consoleSupport.js';

const open = consolesPerTest();

let gate: RunningSandbox;
beforeAll(async () => {
  gate = await startSandbox({ port: 0, finalAfterMs: 50 });
});
afterAll(async () => {
  await gate.close();
});

/** The file's records, its BOM removed, as a CSV reader sees them. */
function records(content: string): string[][] {
  expect(content.startsWith('\uFEFF')).toBe(true);
  const out: string[][] = [];
  readCsvRecords(
    content.slice(1),
    { onHeader: (cells) => out.push(cells), onRecord: (_line, cells) => out.push(cells) },
    ',',
  );
  return out;
}

async function draftOf(c: TestConsole, name: string, rows: string[]): Promise<number> {
  const report = await c.ok('alice', 'importFile', { file: rowsFile(name, rows) });
  if (report.batch_id === null) throw new Error(`import refused: ${report.refused?.message}`);
  return report.batch_id;
}

const PAID_CARDS = [card(8101), card(8102)];

/** Two payouts sent and paid. */
async function paidBatch(c: TestConsole): Promise<number> {
  const batchId = await draftOf(c, 'paid.csv', [
    row('PAID-1', '1234.56', PAID_CARDS[0]),
    row('PAID-2', '10.07', PAID_CARDS[1]),
  ]);
  await c.ok('bob', 'approveBatch', { batchId });
  await c.ok('bob', 'submitBatch', { batchId });
  await c.runtime.sending.run({ batchIds: [batchId], wait: true });
  return batchId;
}

describe('exportBatchResults', () => {
  it('writes every payout with its outcome: BOM, CRLF, exact amounts, masked cards, English header', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const batchId = await paidBatch(c);
    const file = await c.ok('dave', 'exportBatchResults', { batchId });

    expect(file).toMatchObject({
      file_name: `batch-${batchId}-results.csv`,
      media_type: 'text/csv; charset=utf-8',
      rows: 2,
    });
    const bytes = Buffer.from(file.content, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Every record ends with CRLF, and there is no bare LF.
    expect(file.content.endsWith('\r\n')).toBe(true);
    expect(file.content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const [header, ...rows] = records(file.content);
    expect(header).toEqual([
      'Line',
      'Payment ID',
      'Amount (CNY)',
      'Currency',
      'Card number',
      'Bank ID',
      'Bank',
      'Region ID',
      'Last name',
      'First name',
      'Status',
      'Provider code',
      'Reason',
      'Final at',
    ]);
    expect(rows.map((cells) => cells.slice(0, 12))).toEqual([
      [
        '2',
        'PAID-1',
        '1234.56',
        'CNY',
        `${PAID_CARDS[0]?.slice(0, 6)}******${PAID_CARDS[0]?.slice(-4)}`,
        '1',
        'Agricultural Bank Of China',
        '5',
        '张',
        '伟',
        'paid',
        expect.any(String),
      ],
      [
        '3',
        'PAID-2',
        '10.07',
        'CNY',
        `${PAID_CARDS[1]?.slice(0, 6)}******${PAID_CARDS[1]?.slice(-4)}`,
        '1',
        'Agricultural Bank Of China',
        '5',
        '张',
        '伟',
        'paid',
        expect.any(String),
      ],
    ]);
    // The plain reason is the status report's own.
    const status = await c.ok(null, 'batchStatus', { batchId });
    expect(rows.map((cells) => cells[12])).toEqual(status.rows.map((r) => r.reason));
    expect(rows[0]?.[12]).toMatch(/^Paid\./);
    expect(rows.every((cells) => !Number.isNaN(Date.parse(cells[13] ?? '')))).toBe(true);

    // No card number in clear anywhere in the bytes, nor any digit run long enough to be one.
    const text = bytes.toString('utf8');
    for (const clear of PAID_CARDS) expect(text).not.toContain(clear as string);
    expect(text).not.toMatch(/\d{13,}/);
  });

  it('writes the header, bank names and statuses in Chinese for a Chinese reader', async () => {
    const c = await open();
    const batchId = await draftOf(c, 'zh.csv', [row('ZH-1', '100.00', CARD)]);
    const file = await c.ok('dave', 'exportBatchResults', { batchId }, 'zh-CN');
    const [header, first] = records(file.content);
    expect(header).toEqual([
      '行号',
      '订单号',
      '金额（元）',
      '币种',
      '卡号',
      '银行 ID',
      '银行',
      '地区 ID',
      '姓',
      '名',
      '状态',
      '服务商代码',
      '原因',
      '完成时间',
    ]);
    expect(first).toEqual([
      '2',
      'ZH-1',
      '100.00',
      'CNY',
      '622848******0128',
      '1',
      '中国农业银行',
      '5',
      '张',
      '伟',
      '草稿',
      '',
      '已导入，等待审批。',
      '',
    ]);
  });

  it('neutralises every cell a spreadsheet would run as a formula, and quotes what needs quoting', async () => {
    const c = await open();
    const batchId = await draftOf(c, 'evil.csv', [
      row('-2+3', '100.00'),
      row('@SUM(A1)', '200.00'),
      row('SAFE-1', '300.00'),
    ]);
    // Whatever is stored is written safely, even a name that never passed validation.
    withDatabase(c.dbPath, (db) =>
      db
        .prepare(`UPDATE payouts SET last_name = ?, first_name = ? WHERE payment_id = 'SAFE-1'`)
        .run(`=cmd|' /C calc'!A0`, '+HYPERLINK("http://x","点我")'),
    );
    const file = await c.ok('dave', 'exportBatchResults', { batchId });
    const [, ...rows] = records(file.content);
    expect(rows.map((cells) => cells[1])).toEqual(["'-2+3", "'@SUM(A1)", 'SAFE-1']);
    expect(rows[2]?.slice(8, 10)).toEqual([`'=cmd|' /C calc'!A0`, `'+HYPERLINK("http://x","点我")`]);
    for (const cells of rows) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // The quoted field doubles its quotes (RFC 4180).
    expect(file.content).toContain(`"'+HYPERLINK(""http://x"",""点我"")"`);
  });

  it('is audited: who exported which batch, how many rows', async () => {
    const c = await open();
    const batchId = await draftOf(c, 'audit.csv', [row('AUD-1', '100.00'), row('AUD-2', '100.50')]);
    await c.ok(TEST_ADMIN, 'addUser', { name: 'vic', roles: ['viewer'] as Role[], password: TEST_PASSWORD });
    await c.ok('vic', 'exportBatchResults', { batchId });
    const entry = (await changesOf(c, batchId)).find((e) => e.action === 'batch.export');
    expect(entry).toMatchObject({
      actor: 'vic',
      batch_id: batchId,
      details: { rows: 2, file_name: `batch-${batchId}-results.csv` },
    });
  });

  it('needs a signed-in person, and a batch that exists', async () => {
    const c = await open();
    const batchId = await draftOf(c, 'who.csv', [row('WHO-1', '100.00')]);
    expect(await c.call(null, 'exportBatchResults', { batchId })).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED' },
    });
    expect(await c.call('dave', 'exportBatchResults', { batchId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND' },
    });
    expect((await changesOf(c)).some((e) => e.action === 'batch.export')).toBe(false);
  });
});
