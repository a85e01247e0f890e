/**
 * `cup-payouts banks list` as a process: the shipped bank tables with Chinese names and region flags,
 * without any database; and a payout file whose bank cells are Chinese names, through `validate`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import { METHOD_IDS } from '../../electron/core/types.js';
import { EN_HEADER } from '../fixtures/csv/samples.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');
const reference = loadReferenceData(SOURCE_REFERENCE_DIR);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cup-banks-list-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with no database configured (CUP_PAYOUTS_DB unset) unless `env` sets one. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const base: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  delete base['CUP_PAYOUTS_DB'];
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...base, ...env },
      cwd: dir,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface ListedBank {
  id: number;
  name: string;
  name_zh: string | null;
  looks_like_region: boolean;
}

describe('cup-payouts banks list --json', () => {
  it('prints every shipped table by ID, with Chinese names and region flags, and exits 0', async () => {
    const result = await cli(['banks', 'list', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { methods: Array<{ method: string; banks: ListedBank[] }> };
    expect(Object.keys(doc)).toEqual(['methods']);
    expect(doc.methods.map((m) => m.method)).toEqual([...METHOD_IDS]);
    for (const { method, banks } of doc.methods) {
      const shipped = reference.methods.get(method as (typeof METHOD_IDS)[number])!.banks;
      expect(banks, method).toHaveLength(shipped.length);
      expect(banks.map((b) => b.id)).toEqual(shipped.map((b) => b.id).sort((a, b) => a - b));
      for (const bank of banks) {
        expect(Object.keys(bank)).toEqual(['id', 'name', 'name_zh', 'looks_like_region']);
        expect(bank.name_zh === null || /^\p{Script=Han}+$/u.test(bank.name_zh)).toBe(true);
      }
      expect(banks.find((b) => b.id === 23)).toEqual({
        id: 23,
        name: 'Industrial and Commercial Bank of China',
        name_zh: '中国工商银行',
        looks_like_region: false,
      });
    }
    const p2p = doc.methods[0]!.banks;
    expect(p2p.filter((b) => b.looks_like_region).map((b) => [b.id, b.name])).toEqual([
      [16, 'Jilin Sheng'],
      [18, 'Jiangxi Sheng'],
      [29, 'Tianjin Shi'],
      [30, 'Taiwan Sheng'],
    ]);
    expect(p2p.find((b) => b.id === 22)).toEqual({
      id: 22,
      name: 'HZB',
      name_zh: null,
      looks_like_region: false,
    });
  });

  it('--method cup-quickpay prints that table only: its 29 is ShenZhen Development Bank', async () => {
    const result = await cli(['banks', 'list', '--method', 'cup-quickpay', '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { methods: Array<{ method: string; banks: ListedBank[] }> };
    expect(doc.methods.map((m) => m.method)).toEqual(['cup-quickpay']);
    expect(doc.methods[0]!.banks).toHaveLength(18);
    expect(doc.methods[0]!.banks.find((b) => b.id === 29)).toEqual({
      id: 29,
      name: 'ShenZhen Development Bank',
      name_zh: '深圳发展银行',
      looks_like_region: false,
    });
    expect(doc.methods[0]!.banks.some((b) => b.looks_like_region)).toBe(false);
  });

  it('needs no database, and opens none even when CUP_PAYOUTS_DB names a missing file', async () => {
    const missing = join(dir, 'no-such.sqlite');
    const result = await cli(['banks', 'list', '--method', 'cup-p2p', '--json'], { CUP_PAYOUTS_DB: missing });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).methods[0].banks).toHaveLength(169);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.sqlite'))).toEqual([]);
  });
});

describe('cup-payouts banks list (human)', () => {
  it('prints an aligned table in English, flagging the region names', async () => {
    const result = await cli(['banks', 'list', '--method', 'cup-p2p']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('cup-p2p: 169 banks (shipped table)');
    expect(lines[1]).toMatch(/^ +ID {2}Name +Chinese name +Note$/);
    expect(lines).toHaveLength(3 + 169);
    const nameAt = lines[1]!.indexOf('Name');
    const icbc = lines.find((l) => l.includes('Industrial and Commercial Bank of China'))!;
    expect(icbc).toMatch(/^ +23 {2}Industrial and Commercial Bank of China +中国工商银行$/);
    expect(icbc.indexOf('Industrial')).toBe(nameAt);
    const jilin = lines.find((l) => l.includes('Jilin Sheng'))!;
    expect(jilin).toMatch(/^ +16 {2}Jilin Sheng +— +region name, not a bank$/);
    expect(jilin.indexOf('Jilin')).toBe(nameAt);
  });

  it('prints it in Chinese for a Chinese locale', async () => {
    const result = await cli(['banks', 'list', '--method', 'cup-quickpay'], { LANG: 'zh_CN.UTF-8' });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('cup-quickpay：18 家银行（程序自带列表）');
    expect(lines[1]).toMatch(/ID {2}英文名称 +中文名称 +备注$/);
    expect(lines.find((l) => /^ +29 /.test(l))).toMatch(/ShenZhen Development Bank +深圳发展银行$/);
  });

  it('says in Chinese which entries are region names', async () => {
    const result = await cli(['banks', 'list', '--method', 'cup-banks', '--lang', 'zh-CN']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n +30 {2}Taiwan Sheng +— +地区名称，并非银行\n/);
  });
});

describe('cup-payouts banks list: usage errors exit 2', () => {
  it.each([
    [
      ['banks', 'list', '--method', 'visa'],
      '--method must be one of all, cup-p2p, cup-quickpay, cup-banks, not "visa"',
    ],
    [['banks', 'list', 'cup-p2p'], 'Unexpected argument "cup-p2p"'],
    [['banks', 'list', '--db', 'x.sqlite'], "Unknown option '--db'"],
    [['banks'], 'banks needs a subcommand: list, refresh or show.'],
  ])('%j', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('banks list [--method M|all] [--json]');
  });
});

describe('validate: bank cells by Chinese name', () => {
  function payoutFile(name: string, banks: string[]): string {
    const path = join(dir, name);
    const rows = banks.map((bank, i) => `P-${i + 1},100.00,CNY,6228481234567890128,${bank},5,张,伟`);
    writeFileSync(path, [EN_HEADER, ...rows].join('\n') + '\n');
    return path;
  }

  it('resolves 中国工商银行 to 23 and suggests it for 工商银行', async () => {
    const path = payoutFile('chinese-banks.csv', ['中国工商银行', '中国 工商银行', '工商银行']);
    const result = await cli(['validate', path, '--json']);
    const doc = JSON.parse(result.stdout) as {
      rows: Array<{ payout: { bank_id: number | null }; issues: Array<{ code: string; message: string }> }>;
    };
    expect(doc.rows.map((row) => row.payout.bank_id)).toEqual([23, 23, null]);
    const unknown = doc.rows[2]!.issues.find((issue) => issue.code === 'BANK_UNKNOWN');
    expect(unknown?.message).toContain(
      'Did you mean 23 Industrial and Commercial Bank of China (中国工商银行)?',
    );

    const human = await cli(['validate', path, '--lang', 'zh-CN']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('您是否要填：23 中国工商银行？');
  });

  it('warns about bank 16 in P2P, naming the region entry', async () => {
    const path = payoutFile('region-bank.csv', ['16']);
    const result = await cli(['validate', path, '--json']);
    const doc = JSON.parse(result.stdout) as {
      rows: Array<{
        payout: { bank_id: number };
        issues: Array<{ code: string; severity: string; message: string }>;
      }>;
    };
    expect(doc.rows[0]!.payout.bank_id).toBe(16);
    expect(doc.rows[0]!.issues).toContainEqual({
      code: 'BANK_LOOKS_LIKE_REGION',
      severity: 'warning',
      field: 'bank_id',
      message:
        'Bank 16 is "Jilin Sheng" in the CUP P2P bank list: that is a region name, not a bank. Check the payee\'s bank before sending.',
    });
  });
});
