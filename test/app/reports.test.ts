/**
 * Month-end reports on a real database: a batch sent to the sandbox, or the payouts of a range of local days
 * (Shanghai time here), with summaries counted in SQL, a page of rows, and exports (CSV, XLSX, JSON) that are
 * audited and keep card numbers masked unless an admin asks for them in clear.
 */
process.env['TZ'] = 'Asia/Shanghai';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../electron/contract/records.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { card, fastSending, row } from './appFiles.js';
import { changesOf, withDatabase } from './consoleSupport.js';
import { DECLINED, DECLINED_OTHER, draftOf, send } from './reportSupport.js';

const open = consolesPerTest();

let gate: RunningSandbox;
beforeAll(async () => {
  gate = await startSandbox({ port: 0, finalAfterMs: 50 });
});
afterAll(async () => {
  await gate.close();
});

const CARDS = [card(9101), card(9102), card(9103)];

/** Three payouts sent: one paid, two declined (for two reasons). */
async function sentBatch(c: TestConsole): Promise<number> {
  const batchId = await draftOf(c, 'month.csv', [
    row('M-1', '1234.56', CARDS[0]),
    row('M-2', DECLINED, CARDS[1]),
    row('M-3', DECLINED_OTHER, CARDS[2]),
  ]);
  await send(c, batchId);
  return batchId;
}

const decode = (base64: string) => Buffer.from(base64, 'base64');

describe('payoutReport of a batch', () => {
  it('summarises by status, bank, region, day and decline reason, and pages the rows', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const batchId = await sentBatch(c);
    const report = await c.ok(null, 'payoutReport', { batchId });
    const { summary } = report;
    expect(summary).toMatchObject({
      scope: { batch_id: batchId, from: null, to: null },
      count: 3,
      total_fen: 123456 + 40000 + 40400,
      paid: { count: 1, total_fen: 123456 },
      failed: { count: 2, total_fen: 80400 },
      open: { count: 0, total_fen: 0 },
      by_status: [
        { state: 'decline', count: 2, total_fen: 80400 },
        { state: 'success', count: 1, total_fen: 123456 },
      ],
      by_bank: [{ bank_id: 1, bank_name: 'Agricultural Bank Of China', count: 3, total_fen: 203856 }],
      by_region: [{ region_id: 5, count: 3, total_fen: 203856 }],
      batch_ids: [batchId],
    });
    expect(summary.by_region[0]?.region_name).not.toBe('5');
    expect(summary.top_declines).toHaveLength(2);
    expect(summary.top_declines.every((d) => d.count === 1 && d.code !== null && d.reason.length > 0)).toBe(
      true,
    );
    const today = report.rows[0]?.report_day;
    expect(summary.by_day).toEqual([
      { day: today, state: 'decline', count: 2, total_fen: 80400 },
      { day: today, state: 'success', count: 1, total_fen: 123456 },
    ]);

    expect(report.total_rows).toBe(3);
    expect(report.rows.map((r) => [r.line, r.payment_id, r.state, r.card_number])).toEqual([
      [2, 'M-1', 'success', `${CARDS[0]?.slice(0, 6)}******${CARDS[0]?.slice(-4)}`],
      [3, 'M-2', 'decline', `${CARDS[1]?.slice(0, 6)}******${CARDS[1]?.slice(-4)}`],
      [4, 'M-3', 'decline', `${CARDS[2]?.slice(0, 6)}******${CARDS[2]?.slice(-4)}`],
    ]);
    for (const r of report.rows) {
      expect(r.sent_at).not.toBeNull();
      expect(r.final_at).not.toBeNull();
      expect(r.retry_of).toBeNull();
      expect(r.bank_name).toBe('Agricultural Bank Of China');
    }
    // The same reason the status report gives.
    const status = await c.ok(null, 'batchStatus', { batchId });
    expect(report.rows.map((r) => r.reason)).toEqual(status.rows.map((r) => r.reason));

    const page = await c.ok(null, 'payoutReport', { batchId, offset: 1, limit: 1 });
    expect(page.rows.map((r) => r.payment_id)).toEqual(['M-2']);
    expect(page.total_rows).toBe(3);

    const zh = await c.ok(null, 'payoutReport', { batchId }, 'zh-CN');
    expect(zh.summary.by_bank[0]?.bank_name).toBe('中国农业银行');
    expect(zh.rows[1]?.reason).not.toBe(report.rows[1]?.reason);
  });
});

describe('payoutReport of a range of days', () => {
  it('counts a payout on the local day it became final, else the day it was imported', async () => {
    const c = await open();
    const batchId = await draftOf(c, 'days.csv', [
      row('D-1', '100.00'),
      row('D-2', '200.00'),
      row('D-3', '300.00'),
      row('D-4', '400.00'),
    ]);
    const later = await draftOf(c, 'later.csv', [row('D-5', '500.00')]);
    withDatabase(c.dbPath, (db) => {
      const final = db.prepare(`UPDATE payouts SET state = 'success', final_at = ? WHERE payment_id = ?`);
      // 1 Nov 00:00 in Shanghai is 31 Oct 16:00 UTC: the first instant of the month.
      final.run('2026-10-31T16:00:00.000Z', 'D-1');
      // 30 Nov 23:59:59.999 in Shanghai: the last instant of the month.
      final.run('2026-11-30T15:59:59.999Z', 'D-2');
      // 1 Dec 00:00 in Shanghai: outside.
      final.run('2026-11-30T16:00:00.000Z', 'D-3');
      // D-4 stays a draft, imported on 15 Nov; the other batch was imported in October, its payout not final.
      db.prepare(`UPDATE batches SET created_at = ? WHERE id = ?`).run('2026-11-15T02:00:00.000Z', batchId);
      db.prepare(`UPDATE payouts SET created_at = ? WHERE batch_id = ?`).run(
        '2026-11-15T02:00:00.000Z',
        batchId,
      );
      db.prepare(`UPDATE batches SET created_at = ? WHERE id = ?`).run('2026-10-20T02:00:00.000Z', later);
      db.prepare(`UPDATE payouts SET created_at = ? WHERE batch_id = ?`).run(
        '2026-10-20T02:00:00.000Z',
        later,
      );
    });
    const report = await c.ok(null, 'payoutReport', { from: '2026-11-01', to: '2026-11-30' });
    expect(report.rows.map((r) => [r.payment_id, r.report_day])).toEqual([
      ['D-1', '2026-11-01'],
      ['D-2', '2026-11-30'],
      ['D-4', '2026-11-15'],
    ]);
    expect(report.summary).toMatchObject({
      scope: { batch_id: null, from: '2026-11-01', to: '2026-11-30' },
      count: 3,
      total_fen: 70000,
      paid: { count: 2, total_fen: 30000 },
      open: { count: 1, total_fen: 40000 },
      batch_ids: [batchId],
      by_day: [
        { day: '2026-11-01', state: 'success', count: 1, total_fen: 10000 },
        { day: '2026-11-15', state: 'draft', count: 1, total_fen: 40000 },
        { day: '2026-11-30', state: 'success', count: 1, total_fen: 20000 },
      ],
    });
    const december = await c.ok(null, 'payoutReport', { from: '2026-12-01', to: '2026-12-31' });
    expect(december.rows.map((r) => r.payment_id)).toEqual(['D-3']);
    const october = await c.ok(null, 'payoutReport', { from: '2026-10-01', to: '2026-10-31' });
    expect(october.rows.map((r) => r.payment_id)).toEqual(['D-5']);
  });

  it('refuses a scope that is not exactly one batch or one range, and days that do not exist', async () => {
    const c = await open();
    const code = async (input: object) => {
      const result = await c.call(null, 'payoutReport', input as never);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await code({})).toBe('REPORT_SCOPE_INVALID');
    expect(await code({ batchId: 1, from: '2026-11-01', to: '2026-11-30' })).toBe('REPORT_SCOPE_INVALID');
    expect(await code({ from: '2026-11-01' })).toBe('REPORT_SCOPE_INVALID');
    expect(await code({ from: '2026-02-30', to: '2026-03-31' })).toBe('REPORT_DATE_INVALID');
    expect(await code({ from: '2026-02-01', to: '2026/02/28' })).toBe('REPORT_DATE_INVALID');
    expect(await code({ from: '2026-12-01', to: '2026-11-01' })).toBe('REPORT_RANGE_REVERSED');
    expect(await code({ batchId: 99 })).toBe('BATCH_NOT_FOUND');
    expect(await code({ from: '2026-11-01', to: '2026-11-30', limit: 1001 })).toBe('INVALID_INPUT');
    expect(await code({ from: '2026-11-01', to: '2026-11-30', limit: 1000 })).toBe('ok');
  });

  it('stays fast on 100,000 payouts: summaries and a page without reading every row', async () => {
    const c = await open();
    const batchId = await draftOf(c, 'big.csv', [row('BIG-1', '100.00')]);
    withDatabase(c.dbPath, (db) => {
      // 100,000 copies of the payout, final over November (one every ~26 seconds), a fifth declined.
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
         INSERT INTO payouts (batch_id, line, payment_id, amount_fen, currency, card_number, bank_id, region_id,
                              last_name, first_name, customer_id, phone, email, id_number, branch, bank_city,
                              description, state, code, created_at, final_at)
         SELECT p.batch_id, i + 2, 'BIG-N-' || i, 100 + i % 997, p.currency, p.card_number, 1 + i % 7, 1 + i % 30,
                p.last_name, p.first_name, '', p.phone, p.email, p.id_number, p.branch, p.bank_city, p.description,
                CASE WHEN i % 5 = 0 THEN 'decline' ELSE 'success' END,
                CASE WHEN i % 5 = 0 THEN '30' || (i % 13) ELSE NULL END, p.created_at,
                strftime('%Y-%m-%dT%H:%M:%fZ', '2026-10-31T16:00:00', '+' || (i * 25.9) || ' seconds')
           FROM n CROSS JOIN payouts p WHERE p.payment_id = 'BIG-1'`,
      ).run();
    });
    const started = performance.now();
    const report = await c.ok(null, 'payoutReport', { from: '2026-11-01', to: '2026-11-30', limit: 100 });
    const elapsed = performance.now() - started;
    expect(report.total_rows).toBe(100_000);
    expect(report.rows).toHaveLength(100);
    expect(report.summary.failed.count).toBe(20_000);
    expect(report.summary.by_day.filter((d) => d.state === 'success')).toHaveLength(30);
    expect(report.summary.top_declines).toHaveLength(10);
    expect(report.summary.batch_ids).toEqual([batchId]);
    expect(elapsed).toBeLessThan(3000);
  }, 30_000);
});

describe('exportReport', () => {
  it('writes CSV (UTF-8 with a BOM, or GB18030), XLSX and JSON, each audited, cards masked', async () => {
    const c = await open({ sending: fastSending(gate.url) });
    const batchId = await sentBatch(c);
    await c.ok(TEST_ADMIN, 'addUser', { name: 'vic', roles: ['viewer'] as Role[], password: TEST_PASSWORD });

    const csv = await c.ok('vic', 'exportReport', { batchId, format: 'csv' }, 'zh-CN');
    expect(csv).toMatchObject({
      file_name: `report-batch-${batchId}.csv`,
      media_type: 'text/csv; charset=utf-8',
      rows: 3,
    });
    const utf8 = decode(csv.content_base64);
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.toString('utf8')).toContain('中国农业银行');

    const gb = await c.ok('vic', 'exportReport', { batchId, format: 'csv', encoding: 'gb18030' }, 'zh-CN');
    expect(gb.media_type).toBe('text/csv; charset=gb18030');
    const gbBytes = decode(gb.content_base64);
    expect(new TextDecoder('gb18030').decode(gbBytes)).toBe(utf8.subarray(3).toString('utf8'));

    const xlsx = await c.ok('vic', 'exportReport', { batchId, format: 'xlsx' });
    expect(xlsx.file_name).toBe(`report-batch-${batchId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(decode(xlsx.content_base64) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Payouts')!;
    expect(sheet.getRow(2).getCell(4).value).toBe(1234.56);
    expect(sheet.getRow(2).getCell(6).value).toMatch(/^\d{6}\*{6}\d{4}$/);

    const json = await c.ok('vic', 'exportReport', { from: '2000-01-01', to: '2099-12-31', format: 'json' });
    expect(json.file_name).toBe('report-2000-01-01_2099-12-31.json');
    const document = JSON.parse(decode(json.content_base64).toString('utf8'));
    expect(document.summary.count).toBe(3);
    expect(document.rows).toHaveLength(3);

    for (const file of [csv, gb, xlsx, json]) {
      const text =
        decode(file.content_base64).toString('latin1') + decode(file.content_base64).toString('utf8');
      for (const clear of CARDS) expect(text).not.toContain(clear as string);
    }
    const exports = (await changesOf(c)).filter((e) => e.action === 'report.export');
    expect(exports.map((e) => [e.actor, e.details['format'], e.details['rows'], e.details['clear']])).toEqual(
      [
        ['vic', 'csv', 3, false],
        ['vic', 'csv', 3, false],
        ['vic', 'xlsx', 3, false],
        ['vic', 'json', 3, false],
      ],
    );
    expect(exports[0]).toMatchObject({ batch_id: batchId, details: { scope: { batch_id: batchId } } });
    expect(exports[1]?.details['encoding']).toBe('gb18030');
  });

  it('writes clear card numbers only for an admin, audited as clear; never without signing in', async () => {
    const c = await open();
    const batchId = await draftOf(c, 'clear.csv', [row('CL-1', '100.00', CARDS[0])]);
    await c.ok(TEST_ADMIN, 'addUser', {
      name: 'olga',
      roles: ['operator'] as Role[],
      password: TEST_PASSWORD,
    });
    expect(await c.call('olga', 'exportReport', { batchId, format: 'csv', clearCards: true })).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    expect(await c.call(null, 'exportReport', { batchId, format: 'csv', clearCards: true })).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED' },
    });
    const clear = await c.ok(TEST_ADMIN, 'exportReport', { batchId, format: 'csv', clearCards: true });
    const bytes = decode(clear.content_base64);
    expect(bytes.includes(Buffer.from(`"=""${CARDS[0]}"""`))).toBe(true);
    const json = await c.ok(TEST_ADMIN, 'exportReport', { batchId, format: 'json', clearCards: true });
    expect(JSON.parse(decode(json.content_base64).toString('utf8')).rows[0].card_number).toBe(CARDS[0]);

    // The command line reads without signing in: a masked export, audited as the command line's.
    const masked = await c.ok(null, 'exportReport', { batchId, format: 'csv' });
    expect(decode(masked.content_base64).includes(Buffer.from(CARDS[0] as string))).toBe(false);
    const exports = (await changesOf(c, batchId)).filter((e) => e.action === 'report.export');
    expect(exports.map((e) => [e.actor, e.details['clear']])).toEqual([
      [TEST_ADMIN, true],
      [TEST_ADMIN, true],
      ['command line', false],
    ]);
  });
});
