/**
 * `cup-payouts reconcile` as users run it: payouts imported, approved and sent to the sandbox, the provider's
 * operations fetched from the sandbox's Data API and saved as the file a person would save, then edited to
 * hold every kind of break. Exit codes 0 (no exceptions), 1 (exceptions), 2 (unreadable file); the JSON
 * shape of the contract; the runs listed and an exception resolved with a note.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { postJson } from '../../electron/sandbox/testing.js';
import { HEADER, row } from '../app/appFiles.js';
import { asUser, FAST_SENDING, prepareDatabase, runCli } from './cliProcess.js';

type Operation = Record<string, JsonValue>;

let dir: string;
let sandbox: RunningSandbox;
let db: string;
/** The Data API's answer once every payout was final, and again after CLI-4 was reversed. */
let before: Operation[];
let after: Operation[];

const cli = (args: string[]) =>
  runCli([...args, '--db', db], asUser({ CUP_PAYOUTS_LOG_DIR: join(dir, 'logs') }));

/** Every operation of today (UTC), as the Data API lists them: signed, one page. */
async function dataApiOperations(): Promise<Operation[]> {
  const day = new Date().toISOString().slice(0, 10);
  const body: Record<string, JsonValue> = {
    token: sandbox.dataApiToken,
    project_id: [200],
    interval: { from: `${day} 00:00:00`, to: `${day} 23:59:59` },
    limit: 1000,
    offset: 0,
  };
  const answer = await postJson(`${sandbox.url}/v1/operations/get`, {
    ...body,
    signature: sign(body, sandbox.dataApiSecret),
  });
  expect(answer.status).toBe(200);
  return (answer.json as { operations: Operation[] }).operations;
}

function writeFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cup-cli-reconcile-'));
  sandbox = await startSandbox({ port: 0, finalAfterMs: 50 });
  db = join(dir, 'console.sqlite');
  await prepareDatabase(db);
  // CLI-2 declines (the test project declines ¥400.00); the others are paid.
  const payouts = writeFile(
    'payouts.csv',
    [
      HEADER,
      row('CLI-1', '100.00'),
      row('CLI-2', '400.00'),
      row('CLI-3', '200.00'),
      row('CLI-4', '300.00'),
      row('CLI-5', '150.00'),
      '',
    ].join('\n'),
  );
  expect((await cli(['import', payouts, '--user', 'alice'])).code).toBe(0);
  expect((await cli(['approve', '1', '--user', 'bob'])).code).toBe(0);
  const sent = await cli([
    'submit',
    '1',
    '--user',
    'alice',
    '--gate',
    sandbox.url,
    '--wait',
    ...FAST_SENDING,
  ]);
  // Exit 1: not every payout was paid (CLI-2 declined); every one is final.
  expect(sent.stdout).toContain('Batch 1 (completed)');
  before = await dataApiOperations();
  expect((await postJson(`${sandbox.url}/__sandbox/reverse`, { payment_id: 'CLI-4' })).status).toBe(200);
  after = await dataApiOperations();
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const copy = (operations: Operation[]) => operations.map((op) => structuredClone(op));

/** The answer after the reversal, edited into every kind of break, saved as two overlapping pages. */
function everyKind(): unknown {
  const operations = copy(after).filter((op) => op['payment_id'] !== 'CLI-5');
  const cli3 = operations.find((op) => op['payment_id'] === 'CLI-3')!;
  cli3['sum_initial'] = { amount: 20500, currency: 'CNY' };
  const cli1 = operations.find((op) => op['payment_id'] === 'CLI-1')!;
  operations.push({ ...structuredClone(cli1), operation_id: '99000000000001' });
  operations.push({ ...structuredClone(cli1), payment_id: 'STRANGER-1', operation_id: '99000000000002' });
  operations.push({
    ...structuredClone(cli1),
    payment_id: 'QR-SALE-1',
    operation_id: '99000000000003',
    operation_type: 'sale',
    sum_initial: { amount: 8800, currency: 'CNY' },
  });
  return [
    { operations: operations.slice(0, 4), signature: 'page-1' },
    // The second page starts again at the fourth operation: it counts once.
    { operations: operations.slice(3), signature: 'page-2' },
  ];
}

describe('cup-payouts reconcile', () => {
  it('exits 0 when the provider shows exactly what was sent, purchases listed apart', async () => {
    expect(
      before.map((op) => `${op['payment_id']}/${op['operation_type']}/${op['operation_status']}`),
    ).toEqual([
      'CLI-1/payout/success',
      'CLI-2/payout/decline',
      'CLI-3/payout/success',
      'CLI-4/payout/success',
      'CLI-5/payout/success',
    ]);
    const file = writeFile('clean.json', { operations: before, signature: 'saved' });
    const result = await cli(['reconcile', '--provider-file', file, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report).slice(0, 2)).toEqual(['summary', 'exceptions']);
    expect(report.summary).toEqual({
      matched: 5,
      missing_at_provider: 0,
      unknown_at_console: 0,
      amount_mismatch: 0,
      status_mismatch: 0,
      duplicates: 0,
      pending: 0,
      purchases: 0,
    });
    expect(report.exceptions).toEqual([]);
    expect(report.run).toMatchObject({ ran_by: 'console', file_name: 'clean.json', format: 'ecommpay-json' });
  });

  it('exits 1 with every kind of break, in the documented JSON', async () => {
    const file = writeFile('every-kind.json', everyKind());
    const result = await cli(['reconcile', '--provider-file', file, '--format', 'ecommpay-json', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toEqual({
      matched: 1,
      missing_at_provider: 1,
      unknown_at_console: 1,
      amount_mismatch: 1,
      status_mismatch: 1,
      duplicates: 1,
      pending: 0,
      purchases: 1,
    });
    expect(
      report.exceptions.map((e: { kind: string; payment_id: string }) => `${e.kind} ${e.payment_id}`),
    ).toEqual([
      'missing_at_provider CLI-5',
      'unknown_at_console STRANGER-1',
      'amount_mismatch CLI-3',
      'status_mismatch CLI-4',
      'duplicate CLI-1',
    ]);
    const [missing, , amount, reversed] = report.exceptions;
    expect(Object.keys(missing).slice(0, 2)).toEqual(['kind', 'payment_id']);
    expect(missing).toMatchObject({
      id: expect.any(Number),
      batch_id: 1,
      console_amount_fen: 15000,
      console_status: 'success',
      provider_amount_fen: null,
      provider_status: null,
      detail: expect.stringContaining('do not show it'),
    });
    expect(amount).toMatchObject({ console_amount_fen: 20000, provider_amount_fen: 20500 });
    expect(reversed).toMatchObject({ console_status: 'success', provider_status: 'reversed' });
    expect(report.purchases).toEqual([
      expect.objectContaining({ payment_id: 'QR-SALE-1', operation_type: 'sale' }),
    ]);
    expect(report.run.provider_operations).toBe(after.length - 1 + 3);

    // Sent minutes ago: with an hour's grace the missing payout and the reversal are pending, not breaks.
    const graced = await cli(['reconcile', '--provider-file', file, '--grace-minutes', '60', '--json']);
    expect(graced.code).toBe(1);
    expect(JSON.parse(graced.stdout).summary).toMatchObject({
      missing_at_provider: 0,
      status_mismatch: 0,
      pending: 2,
    });
  });

  it('reads the Dashboard CSV through --map, and prints a readable table without --json', async () => {
    const lines = ['Merchant reference,Type,Result,Total (CNY),Currency'];
    for (const op of before) {
      const amount = (op['sum_initial'] as { amount: number }).amount;
      lines.push(`${op['payment_id']},Payout,${op['operation_status']},${(amount / 100).toFixed(2)},CNY`);
    }
    lines.push('CLI-9,Payout,Success,10.00,CNY');
    const file = writeFile('dashboard.csv', `\uFEFF${lines.join('\r\n')}\r\n`);
    const result = await cli([
      'reconcile',
      '--provider-file',
      file,
      '--map',
      'Merchant reference=payment_id,Result=operation_status,Total (CNY)=amount',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Matched: 5');
    expect(result.stdout).toContain('Unknown to the console: 1');
    expect(result.stdout).toMatch(/unknown at console\s+CLI-9/);

    const zh = await cli([
      'reconcile',
      '--provider-file',
      file,
      '--map',
      'Merchant reference=订单号,Result=operation_status,Total (CNY)=amount',
      '--lang',
      'zh-CN',
    ]);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain('控制台未知: 1');
  });

  it('exits 2 for a file it cannot read, naming the line, without a stack trace', async () => {
    const bad = writeFile(
      'bad.csv',
      'payment_id,operation_status,amount\nCLI-1,success,100.00\nCLI-2,decline,four hundred\n',
    );
    const result = await cli(['reconcile', '--provider-file', bad, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'PROVIDER_FILE_VALUE: The provider file\'s line 3 has no readable amount ("four hundred").\n',
    );
    const zh = await cli(['reconcile', '--provider-file', bad, '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('第 3 行');

    const notJson = await cli(['reconcile', '--provider-file', bad, '--format', 'ecommpay-json']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^PROVIDER_FILE_UNREADABLE: /);
    const absent = await cli(['reconcile', '--provider-file', join(dir, 'nowhere.json')]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('nowhere.json');
    const usage = await cli(['reconcile', '--json']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--provider-file FILE is required');
    for (const run of [result, zh, notJson, absent, usage]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists the runs, shows one, and resolves an exception once with a note', async () => {
    const file = writeFile('resolve.json', everyKind());
    const report = JSON.parse(
      (await cli(['reconcile', '--provider-file', file, '--user', 'carol', '--json'])).stdout,
    );
    expect(report.run.ran_by).toBe('carol');

    const runs = await cli(['reconciliations', '--json']);
    expect(runs.code).toBe(0);
    expect(JSON.parse(runs.stdout).runs[0]).toMatchObject({ id: report.run_id, ran_by: 'carol' });
    const one = await cli(['reconciliations', String(report.run_id), '--json']);
    expect(JSON.parse(one.stdout).exceptions).toHaveLength(5);

    const duplicate = report.exceptions.find((e: { kind: string }) => e.kind === 'duplicate');
    const note = 'Provider refunds the second payout (ticket 4411).';
    const resolved = await cli([
      'resolve-exception',
      String(duplicate.id),
      '--note',
      note,
      '--user',
      'bob',
      '--json',
    ]);
    expect(resolved.code).toBe(0);
    expect(JSON.parse(resolved.stdout)).toMatchObject({
      id: duplicate.id,
      resolved_by: 'bob',
      resolution_note: note,
    });
    const again = await cli([
      'resolve-exception',
      String(duplicate.id),
      '--note',
      'again',
      '--user',
      'carol',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^RECONCILIATION_EXCEPTION_RESOLVED: /);

    const audit = JSON.parse((await cli(['audit', 'list', '--action', 'reconcile.', '--json'])).stdout);
    expect(audit.entries.at(-1)).toMatchObject({
      actor: 'bob',
      action: 'reconcile.resolve',
      details: { exception_id: duplicate.id, kind: 'duplicate', payment_id: 'CLI-1', note },
    });
    expect(
      audit.entries.filter((e: { action: string }) => e.action === 'reconcile.run').length,
    ).toBeGreaterThanOrEqual(3);
  });
});
