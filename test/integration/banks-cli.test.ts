import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import { METHOD_IDS } from '../../electron/core/types.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { asUser, prepareDatabase } from './cliProcess.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');
const reference = loadReferenceData(SOURCE_REFERENCE_DIR);
const NO_DIFF = { added: [], removed: [], renamed: [] };

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      // Every test account's password and the database's passphrase: refreshing is signed in.
      env: { ...process.env, LANG: 'C', ...asUser() },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let sandbox: RunningSandbox;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'cup-banks-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
beforeEach(async () => {
  dbPath = join(dir, `console-${++n}.sqlite`);
  // Only init creates a database; refreshing the bank lists is an admin's (carol).
  await prepareDatabase(dbPath, { carol: ['admin'] });
});

describe('cup-payouts banks', () => {
  it('refresh --json (the embedded sandbox) prints the documented JSON and exits 0; show reads it back', async () => {
    // The embedded sandbox is ours: the console asks it method by method, each with its own list.
    const result = await cli('banks', 'refresh', '--db', dbPath, '--user', 'carol', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toEqual({
      methods: METHOD_IDS.map((method) => ({
        method,
        fetched_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        count: reference.methods.get(method)!.banks.length,
        diff: NO_DIFF,
      })),
      failed: [],
    });

    const show = await cli('banks', 'show', '--db', dbPath, '--method', 'cup-quickpay', '--json');
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual({
      methods: [
        {
          method: 'cup-quickpay',
          fetched_at: doc.methods[1].fetched_at,
          fetched_by: 'carol',
          environment: 'sandbox',
          count: reference.methods.get('cup-quickpay')!.banks.length,
          diff: NO_DIFF,
        },
      ],
      missing: [],
    });
  });

  it('prints a human summary per method, and show says which methods have no list yet', async () => {
    const refresh = await cli(
      'banks',
      'refresh',
      '--db',
      dbPath,
      '--user',
      'carol',
      '--gate',
      sandbox.url,
      '--method',
      'cup-p2p',
    );
    expect(refresh.code).toBe(0);
    expect(refresh.stdout).toMatch(
      /^cup-p2p: \d+ banks from Gate \(sandbox\) at .*; same as the shipped table\./m,
    );

    const show = await cli('banks', 'show', '--db', dbPath);
    expect(show.code).toBe(1);
    expect(show.stdout).toMatch(/^cup-p2p: \d+ banks .*fetched by carol/m);
    expect(show.stdout).toMatch(/^cup-banks: no bank list stored yet/m);
  });

  it('exits 1 with the reason on stderr when Gate cannot be reached, storing nothing', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const gate = `http://127.0.0.1:${port}`;
    const result = await cli(
      'banks',
      'refresh',
      '--db',
      dbPath,
      '--user',
      'carol',
      '--gate',
      gate,
      '--method',
      'cup-banks',
      '--json',
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      methods: [],
      failed: [{ method: 'cup-banks', detail: expect.any(String) }],
    });
    expect(result.stderr).toMatch(/cup-banks: the bank list could not be fetched .*Nothing was stored\./);

    const show = await cli('banks', 'show', '--db', dbPath, '--json');
    expect(JSON.parse(show.stdout)).toEqual({ methods: [], missing: [...METHOD_IDS] });
  });

  it('exits 2 on a usage error', async () => {
    expect((await cli('banks', 'refresh', '--db', dbPath, '--gate', sandbox.url)).code).toBe(2); // no --user
    expect((await cli('banks', 'refresh', '--db', dbPath, '--user', 'c', '--method', 'visa')).code).toBe(2);
    expect((await cli('banks')).code).toBe(2);
    expect((await cli('banks', 'show', '--db', join(dir, 'missing.sqlite'))).code).toBe(2);
  });
});
