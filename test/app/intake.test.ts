/**
 * The intake operations at the application layer — validateFile and importFile — on a real SQLite file: what
 * they answer, in which language, and what they store (or do not store) and audit.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleEvent } from '../../electron/contract/events.js';
import type { Caller } from '../../electron/core/app/context.js';
import { openConsole } from '../../electron/core/app/runtime.js';
import {
  openTestConsole,
  payoutFile,
  TEST_ADMIN,
  TEST_PASSPHRASE,
  TEST_PASSWORD,
  type TestConsole,
} from './appHarness.js';
import { changesOf, reader, signedIn } from './consoleSupport.js';
import { CARD, CARD_MASKED, csv, PAYEE_TAIL, row, rowsFile } from './appFiles.js';

let c: TestConsole | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await c?.close();
  c = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function open(): Promise<TestConsole> {
  c = await openTestConsole();
  return c;
}

/** A console opened without a database, as `validate` runs without --db. */
async function openWithoutDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'cup-app-nodb-'));
  const runtime = await openConsole({
    databasePath: null,
    version: 'test',
    logDir: join(dir, 'logs'),
    keySources: { passphrase: async () => TEST_PASSPHRASE, passphraseAvailable: () => true },
  });
  cleanups.push(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return runtime;
}

/** Nothing was stored and nobody was audited. */
async function expectNothingStored(con: TestConsole) {
  expect(await con.ok(null, 'listBatches', undefined)).toEqual([]);
  expect(await changesOf(con)).toEqual([]);
}

function progressOf(events: ConsoleEvent[]) {
  return events.flatMap((event) =>
    event.type === 'intake.progress' ? [[event.phase, event.done, event.total] as const] : [],
  );
}

/** A file whose payment ids the console generates (no payment_id column). */
function fileWithoutIds(name: string, amounts: string[]) {
  return csv(name, [
    'amount,currency,card_number,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip,description',
    ...amounts.map((amount, i) => `${amount},CNY,${CARD.slice(0, -1)}${i},1,5,李,娜,${PAYEE_TAIL}`),
  ]);
}

describe('validateFile', () => {
  it('works without a database: every row validated, no earlier use checked, no duplicate named', async () => {
    const runtime = await openWithoutDatabase();
    const file = rowsFile('nodb.csv', [row('N-1', '150.00'), row('N-2', '5.00')]);
    const result = await runtime.app.call('validateFile', { file }, { lang: 'en', session: null });
    if (!result.ok) throw new Error(result.error.message);
    const report = result.value;
    expect(report.file).toMatchObject({
      name: 'nodb.csv',
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      encoding: 'utf-8',
      delimiter: ',',
      rows: 2,
      duplicate_of: [],
    });
    expect(report.summary).toEqual({
      rows: 2,
      ok: 1,
      warnings: 0,
      errors: 1,
      total_fen: 15000,
      file_total_fen: 15500,
    });
    expect(report.rows.map((r) => [r.line, r.payment_id, r.status, r.issues.map((i) => i.code)])).toEqual([
      [2, 'N-1', 'ok', []],
      [3, 'N-2', 'error', ['AMOUNT_BELOW_MIN']],
    ]);
    // Importing needs the database the validation could do without.
    const imported = await runtime.app.call('importFile', { file }, { lang: 'en', session: 'any-token' });
    expect(imported).toMatchObject({ ok: false, error: { code: 'NO_DATABASE' } });
  });

  it('with a database: ids earlier batches used are PAYMENT_ID_USED, identical bytes name the batch', async () => {
    const con = await open();
    const first = payoutFile(3, 'P');
    await con.ok('alice', 'importFile', { file: first });

    const overlapping = rowsFile('second.csv', [row('P-2', '150.00'), row('Q-1', '160.00')]);
    const report = await con.ok('bob', 'validateFile', { file: overlapping });
    expect(report.file.duplicate_of).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 2, ok: 1, errors: 1, total_fen: 16000 });
    const [used, fresh] = report.rows;
    expect(used).toMatchObject({ line: 2, payment_id: 'P-2', status: 'error' });
    expect(used?.issues).toEqual([
      {
        code: 'PAYMENT_ID_USED',
        severity: 'error',
        field: 'payment_id',
        message: 'Payment ID "P-2" was already used by an earlier payout: every payout needs a new one.',
      },
    ]);
    expect(fresh).toMatchObject({ payment_id: 'Q-1', status: 'ok', issues: [] });

    const again = await con.ok('bob', 'validateFile', { file: first });
    expect(again.file.duplicate_of).toEqual([1]);
    // The same card and amount as batch 1's payouts, within the duplicate window: a warning besides.
    expect(again.rows.map((r) => r.issues.map((i) => i.code))).toEqual([
      ['PAYMENT_ID_USED', 'PAYOUT_DUPLICATE_HISTORY'],
      ['PAYMENT_ID_USED', 'PAYOUT_DUPLICATE_HISTORY'],
      ['PAYMENT_ID_USED', 'PAYOUT_DUPLICATE_HISTORY'],
    ]);
    // Validating stores nothing and audits nothing.
    expect((await con.ok(null, 'listBatches', undefined)).map((b) => b.id)).toEqual([1]);
    expect((await changesOf(con)).map((e) => e.action)).toEqual(['batch.import']);
  });

  it("rows: 'problems' returns only the rows with issues (warnings and errors); the summary counts all", async () => {
    const con = await open();
    const file = rowsFile('mixed.csv', [
      row('M-1', '150.00', CARD),
      row('M-2', '150.00', CARD), // repeats M-1's card and amount: a warning
      row('M-3', 'abc'),
      row('M-4', '170.00'),
    ]);
    const problems = await con.ok('alice', 'validateFile', { file, rows: 'problems' });
    expect(problems.rows.map((r) => [r.payment_id, r.status, r.issues.map((i) => i.code)])).toEqual([
      ['M-2', 'warning', ['ROW_DUPLICATE']],
      ['M-3', 'error', ['AMOUNT_INVALID']],
    ]);
    expect(problems.summary).toMatchObject({ rows: 4, ok: 2, warnings: 1, errors: 1, total_fen: 47000 });
    const all = await con.ok('alice', 'validateFile', { file });
    expect(all.rows.map((r) => r.payment_id)).toEqual(['M-1', 'M-2', 'M-3', 'M-4']);
    expect((await con.ok('alice', 'validateFile', { file, rows: 'none' })).rows).toEqual([]);
  });

  it('preview: the header, where each column goes (null when ignored), the first previewRows raw rows', async () => {
    const con = await open();
    const lines = ['Betrag,Karte,bank_id,region_id,last_name,first_name,Notiz'];
    for (let i = 1; i <= 25; i++) lines.push(`¥${100 + i},${CARD},1,5,王,芳,note ${i}`);
    const file = csv('preview.csv', lines);
    const map = { Betrag: 'amount', Karte: 'card_number' };

    const short = await con.ok('alice', 'validateFile', { file, map, previewRows: 2 });
    expect(short.preview).toEqual({
      header: ['Betrag', 'Karte', 'bank_id', 'region_id', 'last_name', 'first_name', 'Notiz'],
      mapping: {
        Betrag: 'amount',
        Karte: 'card_number',
        bank_id: 'bank_id',
        region_id: 'region_id',
        last_name: 'last_name',
        first_name: 'first_name',
        Notiz: null,
      },
      // As the file has them: the amount still with its currency sign, before any parsing; only the card
      // number masked, as everywhere the console shows one.
      rows: [
        ['¥101', CARD_MASKED, '1', '5', '王', '芳', 'note 1'],
        ['¥102', CARD_MASKED, '1', '5', '王', '芳', 'note 2'],
      ],
    });
    expect(JSON.stringify(short)).not.toContain(CARD);
    expect(short.file.ignored_columns).toEqual(['Notiz']);
    expect(short.rows[0]?.payout.amount_fen).toBe(10100);

    const byDefault = await con.ok('alice', 'validateFile', { file, map });
    expect(byDefault.preview.rows).toHaveLength(20);
    expect(byDefault.preview.rows[19]?.[6]).toBe('note 20');
    expect((await con.ok('alice', 'validateFile', { file, map, previewRows: 0 })).preview.rows).toEqual([]);
  });

  it('map: the command-line string and the {header: field} object read the file alike', async () => {
    const con = await open();
    const file = csv('theirs.csv', [
      'Their Amount,Their Card,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip,description',
      `150.00,${CARD},1,5,张,伟,${PAYEE_TAIL}`,
    ]);
    const unmapped = await con.call('alice', 'validateFile', { file });
    expect(unmapped).toMatchObject({ ok: false, error: { code: 'FILE_MISSING_COLUMN' } });

    const asText = await con.ok('alice', 'validateFile', {
      file,
      map: 'Their Amount=amount, Their Card=card_number',
    });
    const asObject = await con.ok('alice', 'validateFile', {
      file,
      map: { 'Their Amount': 'amount', 'Their Card': 'card_number' },
    });
    for (const report of [asText, asObject]) {
      expect(report.summary).toMatchObject({ rows: 1, ok: 1, errors: 0, total_fen: 15000 });
      expect(report.preview.mapping).toMatchObject({ 'Their Amount': 'amount', 'Their Card': 'card_number' });
      expect(report.rows[0]?.payout).toMatchObject({ amount_fen: 15000, card_number: CARD_MASKED });
      expect(JSON.stringify(report)).not.toContain(CARD);
    }
    // The field may also be named by its Chinese template header.
    const chinese = await con.ok('alice', 'validateFile', {
      file,
      map: { 'Their Amount': '金额', 'Their Card': '卡号' },
    });
    expect(chinese.summary.ok).toBe(1);
  });

  it('a bad map is MAP_INVALID, with a message in the caller’s language; a non-text value is INVALID_INPUT', async () => {
    const con = await open();
    const file = csv('theirs.csv', [
      'Their Amount,Their Card,bank_id,region_id,last_name,first_name',
      `150.00,${CARD},1,5,张,伟`,
    ]);
    const cases: Array<[string | Record<string, string>, string, string]> = [
      ['Their Amount', 'Column mapping "Their Amount" is not in the form header=field.', '格式不正确'],
      [
        { 'Their Amount': 'salary' },
        'Column mapping "Their Amount=salary" names an unknown field.',
        '字段不存在',
      ],
      [
        'Their Amount=amount,Their Amount=card_number',
        'Column mapping "Their Amount=card_number" maps a header or a field twice.',
        '重复映射',
      ],
      [
        'No Such Header=amount,Their Card=card_number',
        'Column mapping "No Such Header=amount": the file has no column with that header.',
        '文件中没有该表头的列',
      ],
    ];
    for (const [map, english, chinese] of cases) {
      const en = await con.call('alice', 'validateFile', { file, map });
      expect(en.ok ? null : en.error.code).toBe('MAP_INVALID');
      expect(en.ok ? null : en.error.message).toContain(english);
      const zh = await con.call('alice', 'importFile', { file, map }, 'zh-CN');
      expect(zh.ok ? null : zh.error.code).toBe('MAP_INVALID');
      expect(zh.ok ? null : zh.error.message).toContain(chinese);
    }
    const notText = await con.runtime.app.callByName(
      'validateFile',
      { file, map: { 'Their Amount': 7 } },
      await signedIn(con, 'alice'),
    );
    expect(notText).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Invalid map.Their Amount: expected text.' },
    });
    await expectNothingStored(con);
  });

  it('an unknown payout method is METHOD_UNKNOWN, naming it', async () => {
    const con = await open();
    const file = payoutFile(1);
    const en = await con.runtime.app.callByName('validateFile', { file, method: 'visa' }, reader());
    expect(en).toEqual({
      ok: false,
      error: {
        code: 'METHOD_UNKNOWN',
        message: 'Unknown payout method "visa" (cup-p2p, cup-quickpay or cup-banks).',
      },
    });
    const zh = await con.runtime.app.callByName(
      'importFile',
      { file, method: 'visa' },
      await signedIn(con, 'alice', 'zh-CN'),
    );
    expect(zh.ok ? null : zh.error).toEqual({
      code: 'METHOD_UNKNOWN',
      message: '未知付款方式“visa”（可选 cup-p2p、cup-quickpay、cup-banks）。',
    });
    await expectNothingStored(con);
  });

  it('file.bytes that are not a Uint8Array are INVALID_INPUT naming the field', async () => {
    const con = await open();
    const text = 'payment_id,amount\nX-1,100.00\n';
    const alice = await signedIn(con, 'alice');
    for (const bytes of [text, [...new TextEncoder().encode(text)], new TextEncoder().encode(text).buffer]) {
      const result = await con.runtime.app.callByName(
        'importFile',
        { file: { name: 'x.csv', bytes } },
        alice,
      );
      expect(result).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Invalid file.bytes: expected the file’s bytes.' },
      });
    }
    const zh = await con.runtime.app.callByName('validateFile', { file: { name: 'x.csv' } }, reader('zh-CN'));
    expect(zh.ok ? null : zh.error.code).toBe('INVALID_INPUT');
    expect(zh.ok ? null : zh.error.message).toMatch(/^file\.bytes 无效：应为/);
    await expectNothingStored(con);
  });

  it('INVALID_INPUT in zh-CN says what was expected in Chinese', async () => {
    const con = await open();
    const zh = await con.runtime.app.callByName(
      'validateFile',
      { file: { name: 'x.csv', bytes: 'not bytes' } },
      reader('zh-CN'),
    );
    expect(zh.ok ? null : zh.error.code).toBe('INVALID_INPUT');
    // Apart from the field's name, no English words.
    expect(zh.ok ? '' : zh.error.message.replace('file.bytes', '')).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('a file-level failure comes back as its code with the message in the caller’s language', async () => {
    const con = await open();
    const empty = { name: 'empty.csv', bytes: new Uint8Array() };
    expect(await con.call('alice', 'validateFile', { file: empty })).toEqual({
      ok: false,
      error: { code: 'FILE_EMPTY', message: 'The file is empty.' },
    });
    expect(await con.call('alice', 'importFile', { file: empty }, 'zh-CN')).toEqual({
      ok: false,
      error: { code: 'FILE_EMPTY', message: '文件为空。' },
    });

    const noCard = csv('nocard.csv', ['amount,bank_id,region_id,last_name,first_name', '150.00,1,5,张,伟']);
    const zh = await con.call('alice', 'validateFile', { file: noCard }, 'zh-CN');
    expect(zh.ok ? null : zh.error).toEqual({
      code: 'FILE_MISSING_COLUMN',
      message: '缺少必填列：card_number（卡号）。',
    });
    const en = await con.call('alice', 'importFile', { file: noCard });
    expect(en.ok ? null : en.error).toEqual({
      code: 'FILE_MISSING_COLUMN',
      message: 'Required column missing: card_number (卡号).',
    });
    await expectNothingStored(con);
  });

  it("emits 'intake.progress' for reading and validating (and storing, when importing)", async () => {
    const con = await open();
    const file = payoutFile(3);
    await con.ok('alice', 'validateFile', { file });
    expect(progressOf(con.events)).toEqual([
      ['read', 0, null],
      ['read', 3, 3],
      ['validate', 3, 3],
    ]);

    con.events.length = 0;
    await con.ok('alice', 'importFile', { file });
    expect(progressOf(con.events)).toEqual([
      ['read', 0, null],
      ['read', 3, 3],
      ['validate', 3, 3],
      ['store', 0, 3],
      ['store', 3, 3],
    ]);
    expect(con.events.at(-1)).toEqual({ type: 'batch.changed', batch_id: 1, status: 'draft' });
  });
});

describe('importFile', () => {
  it('stores a draft batch with exact totals and writes exactly one batch.import entry by the actor', async () => {
    const con = await open();
    const file = payoutFile(3, 'P');
    // The actor's name is kept as written, without the spaces around it.
    const report = await con.ok('  alice ', 'importFile', { file });
    expect(report).toEqual({
      batch_id: 1,
      summary: { rows: 3, ok: 3, warnings: 0, errors: 0, total_fen: 30600, file_total_fen: 30600 },
      file: expect.objectContaining({ name: 'P.csv', rows: 3, duplicate_of: [] }),
      stored: { payouts: 3, total_fen: 30600 },
      refused: null,
      error_rows: [],
    });

    const [batch, ...others] = await con.ok(null, 'listBatches', undefined);
    expect(others).toEqual([]);
    expect(batch).toMatchObject({
      id: 1,
      method: 'cup-p2p',
      source_file_name: 'P.csv',
      source_sha256: report.file.sha256,
      row_count: 3,
      payout_count: 3,
      total_fen: 30600,
      status: 'draft',
      created_by: 'alice',
      approved_by: null,
      duplicate_of: null,
      dropped_error_rows: 0,
      counts: { draft: 3 },
      sums_fen: { draft: 30600 },
    });
    const status = await con.ok(null, 'batchStatus', { batchId: 1 });
    expect(status).toMatchObject({
      batch_id: 1,
      batch_status: 'draft',
      counts: { draft: 3 },
      sums_fen: { draft: 30600 },
    });
    expect(status.rows.map((r) => [r.payment_id, r.amount_fen, r.line])).toEqual([
      ['P-1', 10100, 2],
      ['P-2', 10200, 3],
      ['P-3', 10300, 4],
    ]);

    const audit = await changesOf(con);
    expect(audit).toEqual([
      {
        id: expect.any(Number),
        at: batch?.created_at,
        actor: 'alice',
        action: 'batch.import',
        batch_id: 1,
        details: expect.objectContaining({ payoutCount: 3, totalFen: 30600, sourceFileName: 'P.csv' }),
      },
    ]);
  });

  it('refuses a file with error rows (ROWS_HAVE_ERRORS) unless dropErrors; then stores only the valid rows', async () => {
    const con = await open();
    const file = rowsFile('errors.csv', [row('E-1', '150.00'), row('E-2', '5.00'), row('E-3', '160.00')]);

    const refused = await con.ok('alice', 'importFile', { file });
    expect(refused).toMatchObject({
      batch_id: null,
      stored: null,
      refused: {
        code: 'ROWS_HAVE_ERRORS',
        message:
          'Import refused: 1 rows have errors. Fix them, or import only the valid rows with --drop-errors.',
      },
      summary: { rows: 3, ok: 2, errors: 1, total_fen: 31000 },
    });
    expect(refused.error_rows.map((r) => [r.line, r.payment_id, r.issues[0]?.code])).toEqual([
      [3, 'E-2', 'AMOUNT_BELOW_MIN'],
    ]);
    const zh = await con.ok('alice', 'importFile', { file }, 'zh-CN');
    expect(zh.refused?.message).toBe('拒绝导入：1 行存在错误。请修正，或使用 --drop-errors 仅导入有效行。');
    expect(zh.error_rows[0]?.issues[0]?.message).toBe('金额 5.00 低于 银联 P2P 的最低限额 10.00 元。');
    await expectNothingStored(con);

    const dropped = await con.ok('alice', 'importFile', { file, dropErrors: true });
    expect(dropped).toMatchObject({ batch_id: 1, stored: { payouts: 2, total_fen: 31000 }, refused: null });
    expect(dropped.error_rows.map((r) => r.payment_id)).toEqual(['E-2']);
    const [batch] = await con.ok(null, 'listBatches', undefined);
    expect(batch).toMatchObject({ row_count: 3, payout_count: 2, total_fen: 31000, dropped_error_rows: 1 });
    const detail = await con.ok(null, 'batchDetail', { batchId: 1 });
    expect(detail.rows.map((r) => r.payment_id)).toEqual(['E-1', 'E-3']);
    expect((await changesOf(con)).map((e) => [e.action, e.actor, e.details['droppedErrorRows']])).toEqual([
      ['batch.import', 'alice', 1],
    ]);
  });

  it('refuses the same bytes again (FILE_ALREADY_IMPORTED) unless allowDuplicateFile', async () => {
    const con = await open();
    const file = fileWithoutIds('monthly.csv', ['150.00', '160.00']);
    await con.ok('alice', 'importFile', { file });

    const again = await con.ok('bob', 'importFile', { file });
    expect(again).toMatchObject({
      batch_id: null,
      stored: null,
      file: { duplicate_of: [1] },
      refused: {
        code: 'FILE_ALREADY_IMPORTED',
        message:
          'Import refused: this file (or the same rows saved with other line endings, BOM or encoding) was already imported as batch 1. Importing it again could pay twice; use --allow-duplicate-file if that is really intended.',
      },
    });
    expect((await con.ok(null, 'listBatches', undefined)).map((b) => b.id)).toEqual([1]);
    expect(await changesOf(con)).toHaveLength(1);

    const allowed = await con.ok('bob', 'importFile', { file, allowDuplicateFile: true });
    expect(allowed).toMatchObject({ batch_id: 2, stored: { payouts: 2, total_fen: 31000 }, refused: null });
    const [second] = await con.ok(null, 'listBatches', undefined);
    expect(second).toMatchObject({ id: 2, duplicate_of: 1, created_by: 'bob' });
    // The console generated the payment ids, new ones for each batch.
    const ids = async (batchId: number) =>
      (await con.ok(null, 'batchStatus', { batchId })).rows.map((r) => r.payment_id);
    const [firstIds, secondIds] = [await ids(1), await ids(2)];
    expect(secondIds).toHaveLength(2);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    const audit = await changesOf(con);
    expect(audit.map((e) => [e.action, e.actor, e.batch_id, e.details['duplicateOf']])).toEqual([
      ['batch.import', 'alice', 1, null],
      ['batch.import', 'bob', 2, 1],
    ]);
  });

  it('refuses a file in which no row is valid (NOTHING_TO_IMPORT), even with dropErrors', async () => {
    const con = await open();
    const file = rowsFile('bad.csv', [row('B-1', '5.00'), row('B-2', 'abc')]);
    const report = await con.ok('alice', 'importFile', { file, dropErrors: true }, 'zh-CN');
    expect(report).toMatchObject({
      batch_id: null,
      stored: null,
      refused: { code: 'NOTHING_TO_IMPORT', message: '拒绝导入：没有有效行可保存。' },
    });
    expect(report.error_rows.map((r) => r.payment_id)).toEqual(['B-1', 'B-2']);
    expect(progressOf(con.events).filter(([phase]) => phase === 'store')).toEqual([]);
    await expectNothingStored(con);
  });

  it('needs a signed-in person (SIGN_IN_REQUIRED without a session or with an unknown one), while validating does not', async () => {
    const con = await open();
    const file = payoutFile(2);
    const signInRequired = {
      ok: false,
      error: {
        code: 'SIGN_IN_REQUIRED',
        message:
          'Sign in first. (On the command line: name the user with --user and give the password in CUP_PASSWORD, or at the prompt.)',
      },
    };
    expect(await con.call(null, 'importFile', { file })).toEqual(signInRequired);
    // Reading without a session (the command line) is no licence to change anything.
    for (const caller of [
      { lang: 'en', session: null },
      { lang: 'en', session: null, readsWithoutSession: true },
      { lang: 'en', session: 'not-a-session' },
      { lang: 'en', session: '' },
    ] satisfies Caller[]) {
      expect(await con.runtime.app.call('importFile', { file }, caller)).toEqual(signInRequired);
    }
    // A blank name signs nobody in.
    for (const name of ['', '  ', '\u3000\t']) {
      const signIn = await con.runtime.app.call(
        'signIn',
        { name, password: TEST_PASSWORD },
        { lang: 'en', session: null },
      );
      expect(signIn.ok ? null : signIn.error.code).toBe('SIGN_IN_FAILED');
    }
    const zh = await con.call(null, 'importFile', { file }, 'zh-CN');
    expect(zh.ok ? null : zh.error.message).toBe(
      '请先登录。（命令行中：用 --user 指定用户，并在 CUP_PASSWORD 中或提示时输入密码。）',
    );
    await expectNothingStored(con);
    expect((await con.ok(null, 'validateFile', { file })).summary.ok).toBe(2);
  });

  it('needs the operator role (ROLE_REQUIRED for an approver or a viewer)', async () => {
    const con = await open();
    const file = payoutFile(2);
    await con.ok(TEST_ADMIN, 'addUser', {
      name: 'vera',
      roles: ['approver', 'viewer'],
      password: TEST_PASSWORD,
    });
    expect(await con.call('vera', 'importFile', { file })).toEqual({
      ok: false,
      error: {
        code: 'ROLE_REQUIRED',
        message: 'vera may not do this (batch.import): it needs the role operator.',
      },
    });
    await expectNothingStored(con);
    // Validating a file is reading: every role may.
    expect((await con.ok('vera', 'validateFile', { file })).summary.ok).toBe(2);
  });

  it('applies the per-method limits of the settings', async () => {
    const con = await open();
    await con.ok('admin', 'changeSettings', {
      changes: { limits: { 'cup-p2p': { min_fen: 20000, max_fen: 30000 } } },
    });
    const file = rowsFile('limits.csv', [row('L-1', '100.00'), row('L-2', '250.00'), row('L-3', '300.01')]);
    const report = await con.ok('alice', 'importFile', { file });
    expect(report.refused?.code).toBe('ROWS_HAVE_ERRORS');
    expect(report.error_rows.map((r) => [r.payment_id, r.issues.map((i) => i.code)])).toEqual([
      ['L-1', ['AMOUNT_BELOW_MIN']],
      ['L-3', ['AMOUNT_ABOVE_MAX']],
    ]);
    expect(report.error_rows[0]?.issues[0]?.message).toBe(
      'Amount 100.00 is below the minimum 200.00 CNY for CUP P2P.',
    );
    expect(report.error_rows[1]?.issues[0]?.message).toBe(
      'Amount 300.01 is above the maximum 300.00 CNY for CUP P2P.',
    );
    // Another method keeps its own documented limits.
    const quickpay = await con.ok('alice', 'validateFile', { file, method: 'cup-quickpay' });
    expect(quickpay.summary).toMatchObject({ ok: 3, errors: 0 });
    expect((await con.ok(null, 'listBatches', undefined)).length).toBe(0);
  });

  it('two imports at once sharing a payment id: one is stored, the other is refused (PAYMENT_ID_USED)', async () => {
    const con = await open();
    const a = rowsFile('a.csv', [row('S-1', '150.00'), row('S-2', '160.00')]);
    const b = rowsFile('b.csv', [row('T-1', '170.00'), row('S-2', '180.00')]);
    // Both signed in beforehand: the imports themselves run at once.
    const [alice, bob] = [await signedIn(con, 'alice'), await signedIn(con, 'bob')];
    const [first, second] = await Promise.all([
      con.runtime.app.call('importFile', { file: a }, alice),
      con.runtime.app.call('importFile', { file: b }, bob),
    ]);
    expect(first).toMatchObject({ ok: true, value: { batch_id: 1, stored: { payouts: 2 } } });
    // A refusal like any other: the report, with nothing stored, says why.
    expect(second).toMatchObject({
      ok: true,
      value: {
        batch_id: null,
        stored: null,
        refused: {
          code: 'PAYMENT_ID_USED',
          message:
            'Import refused: payment id S-2 (line 3) is already used by an earlier batch. Nothing was stored.',
        },
      },
    });
    // All of the second file or nothing: T-1 was not stored either.
    expect((await con.ok(null, 'listBatches', undefined)).map((b) => [b.id, b.payout_count])).toEqual([
      [1, 2],
    ]);
    expect((await changesOf(con)).map((e) => `${e.action} by ${e.actor}`)).toEqual(['batch.import by alice']);
  });

  it('two imports at once of the same file: the second is refused as FILE_ALREADY_IMPORTED', async () => {
    const con = await open();
    const file = fileWithoutIds('twice.csv', ['150.00']);
    const [alice, bob] = [await signedIn(con, 'alice'), await signedIn(con, 'bob')];
    const results = await Promise.all([
      con.runtime.app.call('importFile', { file }, alice),
      con.runtime.app.call('importFile', { file }, bob),
    ]);
    const stored = results.filter((r) => r.ok && r.value.batch_id !== null);
    expect(stored).toHaveLength(1);
    expect((await con.ok(null, 'listBatches', undefined)).length).toBe(1);
  });
});
