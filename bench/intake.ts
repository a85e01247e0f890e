import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { generatePayoutCsv } from '../test/fixtures/payoutFile.js';
import { validatePayoutFile } from '../electron/core/intake.js';
import { openConsole } from '../electron/core/app/runtime.js';
import { loadReferenceData } from '../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../electron/core/paths.js';
import { interleavedMedians, median, printTable, ratio, timeOnce, type BenchRow } from './measure.js';
import {
  benchCliEnv,
  BENCH_KEY_SOURCES,
  prepareDatabase,
  removeDatabase,
  setUpAccounts,
} from './benchConsole.js';

/** The generated payout file the intake suites read, on disk and in memory. */
export interface IntakeFile {
  rows: number;
  path: string;
  /** The file's text without its BOM. */
  text: string;
  /** The file's bytes: UTF-8 with a BOM, as Excel saves "CSV UTF-8". */
  bytes: Uint8Array;
}

/** Writes a `rows`-row payout file into `dataDir`, a tenth of its rows invalid on purpose. */
export function writeIntakeFile(rows: number, dataDir: string): IntakeFile {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `payouts-${rows}.csv`);
  const text = generatePayoutCsv({ rows, seed: 42, invalidShare: 0.1 });
  const bytes = new Uint8Array(Buffer.from('\uFEFF' + text, 'utf8'));
  writeFileSync(path, bytes);
  return { rows, path, text, bytes };
}

export interface IntakeBenchOptions {
  file: IntakeFile;
  runs: number;
  dataDir: string;
}

/** Import pipeline vs a bare papaparse parse of the same text, plus the import's peak memory. */
export async function benchIntake({ file, runs, dataDir }: IntakeBenchOptions): Promise<boolean> {
  const { rows, path: filePath, text, bytes } = file;
  const reference = loadReferenceData(SOURCE_REFERENCE_DIR);
  const sizeMb = (bytes.length / 1024 / 1024).toFixed(1);

  let importRun = 0;
  const timeImport = async (): Promise<number> => {
    // Each import goes through the application layer into a fresh, already-migrated database file: creating
    // the schema, the installation key and the operator's account, and signing in, are not part of an import;
    // the import's own transaction, sealing each payee, its fsync and its audit entry are.
    const dbPath = join(dataDir, `import-${importRun++}.sqlite`);
    const runtime = await openConsole({
      databasePath: dbPath,
      version: 'bench',
      logDir: join(dataDir, 'logs'),
      keySources: BENCH_KEY_SOURCES,
    });
    try {
      const { bench } = await setUpAccounts(runtime, { bench: ['operator'] });
      const start = process.hrtime.bigint();
      // --drop-errors semantics: the generated file mixes invalid rows in on purpose.
      const result = await runtime.app.call(
        'importFile',
        { file: { name: 'bench.csv', bytes }, dropErrors: true, rows: 'none' },
        bench,
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (!result.ok || result.value.batch_id === null)
        throw new Error(
          `bench import refused: ${JSON.stringify(result.ok ? result.value.refused : result.error)}`,
        );
      return ms;
    } finally {
      await runtime.close();
      removeDatabase(dbPath);
    }
  };

  // Baseline and subjects alternate round by round, so drift on a shared machine (another job, the heap
  // growing) reaches all three alike instead of whichever ran at the noisy moment.
  const {
    parse: parseMs,
    validate: validateMs,
    import: importMs,
  } = await interleavedMedians(runs, {
    parse: () => timeOnce(() => Papa.parse(text)),
    validate: () => timeOnce(() => validatePayoutFile(bytes, 'bench.csv', reference, { method: 'cup-p2p' })),
    import: timeImport,
  });
  // V8 sizes its young generation by how much survives, so one run's peak can land ~40 MB above the next:
  // the goal is judged on the highest of several runs, not on a lucky one.
  const peaksMb: number[] = [];
  for (let i = 0; i < runs; i++) peaksMb.push(await measureImportPeakMemory(filePath, dataDir));
  const peakMb = Math.max(...peaksMb);

  const perSecond = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
  const table: BenchRow[] = [
    {
      name: `papaparse parse, ${rows.toLocaleString('en-US')} rows (${sizeMb} MB)`,
      value: `${parseMs.toFixed(0)} ms`,
      baseline: '—',
      ratio: '1.00×',
      goal: 'baseline',
      met: null,
    },
    {
      name: 'validate (decode + parse + map + validate)',
      value: `${validateMs.toFixed(0)} ms · ${perSecond(validateMs)}`,
      baseline: `${parseMs.toFixed(0)} ms`,
      ratio: ratio(validateMs, parseMs),
      goal: '≤ 3×',
      met: validateMs <= 3 * parseMs,
    },
    {
      name: 'import (validate + store in SQLite)',
      value: `${importMs.toFixed(0)} ms · ${perSecond(importMs)}`,
      baseline: `${parseMs.toFixed(0)} ms`,
      ratio: ratio(importMs, parseMs),
      goal: '≤ 5×',
      met: importMs <= 5 * parseMs,
    },
    {
      name: `import peak memory (RSS of a separate process, highest of ${runs} runs)`,
      value: `${peakMb.toFixed(0)} MB (median ${median(peaksMb).toFixed(0)} MB)`,
      baseline: '—',
      ratio: '—',
      goal: '< 400 MB',
      met: peakMb < 400,
    },
  ];
  printTable(`Intake: ${rows.toLocaleString('en-US')}-row file, median of ${runs} interleaved runs`, table);
  return table.every((row) => row.met !== false);
}

/** Runs one CLI import in a child process, into a database with an operator `bench`, and reads its peak resident memory. */
async function measureImportPeakMemory(filePath: string, dataDir: string): Promise<number> {
  const dbPath = join(dataDir, 'peak.sqlite');
  await prepareDatabase(dbPath, join(dataDir, 'logs'), { bench: ['operator'] });
  // The built command line as users run it, with a one-line preload that reports the process's peak RSS.
  const reportPeak = `process.on('exit', (code) => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + ' ' + code + '\\n'));`;
  const cli = fileURLToPath(new URL('../bin/cup-payouts.mjs', import.meta.url));
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(reportPeak)}`,
      cli,
      'import',
      filePath,
      '--db',
      dbPath,
      '--user',
      'bench',
      '--drop-errors',
      '--json',
    ],
    // The passphrase and bench's password from the environment, as a script would give them.
    {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      env: benchCliEnv(),
    },
  );
  removeDatabase(dbPath);
  const out = child.stderr;
  const match = /MAXRSS (\d+) (\d+)/.exec(out);
  if (!match) throw new Error(`peak memory run failed: ${out}`);
  if (match[2] !== '0') throw new Error(`peak memory import exited ${match[2]}: ${out}`);
  return Number(match[1]) / 1024;
}
