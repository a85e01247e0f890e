/**
 * The sample batch a newcomer starts with (resources/samples, used by the README's first steps): a GB18030
 * file with Chinese headers and every mandatory column, a few rows with the typical errors. It must keep
 * showing those errors, and its valid rows must go through import, approval and sending to the embedded
 * sandbox, which refuses any request missing a field the seeds make mandatory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, FAST_SENDING, prepareDatabase, runCli } from './cliProcess.js';

/** Every command with the test accounts' password and the passphrase (those that act sign in with them). */
const cli = (args: string[]) => runCli(args, asUser());

const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'samples', 'payouts-sample-zh-CN.csv');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-sample-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sample batch', () => {
  it('is GB18030 with the Chinese template headers and every mandatory column', () => {
    const bytes = readFileSync(SAMPLE);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const header = new TextDecoder('gb18030').decode(bytes).split('\r\n')[0];
    expect(header).toBe(
      '订单号,金额,币种,卡号,银行编号,地区编号,姓,名,客户编号,手机号,邮箱,身份证号,支行,开户城市,省份,城市,地址,邮编,备注',
    );
  });

  it('shows its typical errors, one per row, each with its code', async () => {
    const result = await cli(['validate', SAMPLE, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.file.encoding).toBe('gb18030');
    expect(report.summary).toMatchObject({ rows: 12, ok: 6, warnings: 1, errors: 5 });
    const problems = report.rows
      .filter((row: { issues: unknown[] }) => row.issues.length > 0)
      .map((row: { line: number; issues: Array<{ code: string }> }) => [
        row.line,
        row.issues.map((i) => i.code),
      ]);
    expect(problems).toEqual([
      [8, ['AMOUNT_BELOW_MIN']],
      [9, ['PAN_EXCEL_DAMAGED']],
      [10, ['BANK_UNKNOWN']],
      [11, ['ZIP_INVALID']],
      [12, ['NAME_NOT_CHINESE', 'NAME_NOT_CHINESE']],
      [13, ['DOC_NUMBER_INVALID']],
    ]);
    // Bank names in Chinese resolve; the incomplete one gets a suggestion.
    expect(report.rows[0].payout.bank_id).toBe(23);
    expect(report.rows[8].issues[0].message).toContain('中国工商银行');
  });

  it('goes from import to paid on the embedded sandbox, as the README shows', async () => {
    const db = join(dir, 'demo.db');
    // As the README's first step: `init --admin`, then an operator (alice) and an approver (bob).
    await prepareDatabase(db);
    const imported = await cli(['import', SAMPLE, '--db', db, '--user', 'alice', '--drop-errors', '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).stored).toEqual({ payouts: 7, total_fen: 2_713_946 });
    expect((await cli(['approve', '1', '--db', db, '--user', 'bob'])).code).toBe(0);
    const sent = await cli([
      'submit',
      '1',
      '--db',
      db,
      '--user',
      'alice',
      '--wait',
      '--json',
      ...FAST_SENDING,
    ]);
    expect(sent.stderr).toBe('');
    const status = JSON.parse((await cli(['status', '1', '--db', db, '--json'])).stdout);
    // Every request carried every mandatory field: the sandbox refuses one that misses any.
    expect(status.counts).toEqual({ success: 7 });
    expect(status.sums_fen).toEqual({ success: 2_713_946 });
  }, 60_000);
});
