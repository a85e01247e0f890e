/**
 * `cup-payouts report` as users run it: a whole process writing a CSV, XLSX or JSON file (exit 0), refusing a
 * batch that does not exist (exit 1), and a date, format or path it cannot use (exit 2) without leaving a
 * file behind; and `retry-failed` making a linked draft.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER, row } from '../app/appFiles.js';
import { openDatabase } from '../../electron/core/store/sqlite/database.js';
import { asUser, prepareDatabase, runCli, TEST_PASSPHRASE } from './cliProcess.js';
import { tempDir } from './submissionHarness.js';

let dir: string;
let db: string;
const reading = { CUP_PAYOUTS_PASSPHRASE: TEST_PASSPHRASE };

beforeAll(async () => {
  dir = tempDir('cup-cli-report-');
  db = join(dir, 'console.sqlite');
  await prepareDatabase(db, { alice: ['operator'], bob: ['approver'] });
  const file = join(dir, 'payouts.csv');
  writeFileSync(file, [HEADER, row('C-1', '1234.56'), row('C-2', '400.00'), ''].join('\n'));
  const imported = await runCli(['import', file, '--db', db, '--user', 'alice'], asUser());
  expect(imported.code).toBe(0);
  // C-2 declined, C-1 paid, both on 15 Nov 2026 (04:00 UTC: 15 Nov from UTC-4 to UTC+14).
  const handle = openDatabase(db);
  handle
    .prepare(
      `UPDATE payouts SET state = 'decline', code = '3028', final_at = '2026-11-15T04:00:00.000Z' WHERE payment_id = 'C-2'`,
    )
    .run();
  handle
    .prepare(
      `UPDATE payouts SET state = 'success', final_at = '2026-11-15T04:00:00.000Z' WHERE payment_id = 'C-1'`,
    )
    .run();
  handle.close();
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cup-payouts report', () => {
  it('writes a CSV with a BOM and prints what it wrote', async () => {
    const out = join(dir, 'batch.csv');
    const result = await runCli(['report', '1', '--db', db, '--format', 'csv', '--out', out], reading);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${out} (2 rows`);
    expect(result.stdout).toMatch(/Failed: 1 × 400\.00 CNY/);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('622848******');
  });

  it('writes GB18030 with --encoding, and a JSON summary of the file with --json', async () => {
    const out = join(dir, 'range.csv');
    const result = await runCli(
      [
        'report',
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-30',
        '--db',
        db,
        '--format',
        'csv',
        '--encoding',
        'gb18030',
        '--out',
        out,
        '--json',
        '--lang',
        'zh-CN',
      ],
      reading,
    );
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    const bytes = readFileSync(out);
    expect(printed).toMatchObject({ file: out, format: 'csv', rows: 2, bytes: bytes.length });
    expect(printed.summary).toMatchObject({
      count: 2,
      total_fen: 163456,
      paid: { count: 1, total_fen: 123456 },
    });
    expect(new TextDecoder('gb18030').decode(bytes)).toContain('被拒绝');
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes XLSX and JSON files', async () => {
    const xlsx = join(dir, 'batch.xlsx');
    expect((await runCli(['report', '1', '--db', db, '--format', 'xlsx', '--out', xlsx], reading)).code).toBe(
      0,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Payouts')?.getRow(2).getCell(4).value).toBe(1234.56);

    const json = join(dir, 'batch.json');
    expect((await runCli(['report', '1', '--db', db, '--format', 'json', '--out', json], reading)).code).toBe(
      0,
    );
    const document = JSON.parse(readFileSync(json, 'utf8'));
    expect(document.rows.map((r: { payment_id: string }) => r.payment_id)).toEqual(['C-1', 'C-2']);
    expect(document.summary.failed).toEqual({ count: 1, total_fen: 40000 });
  });

  it('exits 1 for a batch that does not exist, 2 for a bad date, format or path, and leaves no file', async () => {
    const out = join(dir, 'never.csv');
    const missing = await runCli(['report', '99', '--db', db, '--format', 'csv', '--out', out], reading);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('BATCH_NOT_FOUND');
    const badDate = await runCli(
      ['report', '--from', '2026-02-30', '--to', '2026-03-01', '--db', db, '--format', 'csv', '--out', out],
      reading,
    );
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('REPORT_DATE_INVALID');
    const both = await runCli(
      [
        'report',
        '1',
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-30',
        '--db',
        db,
        '--format',
        'csv',
        '--out',
        out,
      ],
      reading,
    );
    expect(both.code).toBe(2);
    const badFormat = await runCli(['report', '1', '--db', db, '--format', 'pdf', '--out', out], reading);
    expect(badFormat.code).toBe(2);
    const noFolder = join(dir, 'no-such-folder', 'r.csv');
    const unwritable = await runCli(
      ['report', '1', '--db', db, '--format', 'csv', '--out', noFolder],
      reading,
    );
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('REPORT_FILE_UNWRITABLE');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
    // Clear card numbers need an admin named with --user.
    const clear = await runCli(
      ['report', '1', '--db', db, '--format', 'csv', '--out', out, '--clear-cards'],
      reading,
    );
    expect(clear.code).toBe(2);
  });

  it('writes clear card numbers for an admin, as ="…" in the CSV', async () => {
    const out = join(dir, 'clear.csv');
    const result = await runCli(
      ['report', '1', '--db', db, '--format', 'csv', '--out', out, '--clear-cards', '--user', 'admin'],
      asUser(),
    );
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/"=""622848\d{13}"""/);
  });
});

describe('cup-payouts retry-failed', () => {
  it('makes a draft of the declined payout, linked to it', async () => {
    const result = await runCli(['retry-failed', '1', '--db', db, '--user', 'alice', '--json'], asUser());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ source_batch_id: 1, batch: { status: 'draft', retry_of_batch: 1 } });
    expect(printed.payouts.map((p: { retry_of: string }) => p.retry_of)).toEqual(['C-2']);
    const again = await runCli(['retry-failed', '1', '--db', db, '--user', 'alice'], asUser());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('RETRY_ALREADY_MADE');
  });
});
