import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Papa from 'papaparse';
import { generatePayoutCsv } from '../test/fixtures/payoutFile.js';
import { importPayoutFile, validatePayoutFile } from '../electron/core/intake.js';
import { loadReferenceData } from '../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../electron/core/paths.js';
import { openDatabase } from '../electron/core/store/database.js';
import { median, printTable, ratio, timeMedian, type BenchRow } from './measure.js';

export interface IntakeBenchOptions {
  rows: number;
  runs: number;
  dataDir: string;
}

/** Import pipeline vs a bare papaparse parse of the same text, plus the import's peak memory. */
export async function benchIntake({ rows, runs, dataDir }: IntakeBenchOptions): Promise<boolean> {
  mkdirSync(dataDir, { recursive: true });
  const filePath = join(dataDir, `payouts-${rows}.csv`);
  const text = generatePayoutCsv({ rows, seed: 42, invalidShare: 0.1 });
  writeFileSync(filePath, '\uFEFF' + text);
  const bytes = new Uint8Array(Buffer.from('\uFEFF' + text, 'utf8'));
  const reference = loadReferenceData(SOURCE_REFERENCE_DIR);
  const sizeMb = (bytes.length / 1024 / 1024).toFixed(1);

  const parseMs = await timeMedian(runs, () => Papa.parse(text));
  const validateMs = await timeMedian(runs, () =>
    validatePayoutFile(bytes, 'bench.csv', reference, { method: 'cup-p2p' }),
  );
  // Each import goes into a fresh, already-migrated database file: creating the schema is not part of an
  // import, but the import's own transaction and its fsync are.
  const importTimes: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const dbPath = join(dataDir, `import-${run}.sqlite`);
    const db = openDatabase(dbPath);
    try {
      const start = process.hrtime.bigint();
      // --drop-errors semantics: the generated file mixes invalid rows in on purpose.
      importPayoutFile(bytes, 'bench.csv', reference, {
        method: 'cup-p2p',
        db,
        user: 'bench',
        dropErrors: true,
      });
      if (run > 0) importTimes.push(Number(process.hrtime.bigint() - start) / 1e6); // run 0 warms up
    } finally {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    }
  }
  const importMs = median(importTimes);
  const peakMb = measureImportPeakMemory(filePath, dataDir);

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
      name: 'import peak memory (RSS, separate process)',
      value: `${peakMb.toFixed(0)} MB`,
      baseline: '—',
      ratio: '—',
      goal: '< 400 MB',
      met: peakMb < 400,
    },
  ];
  printTable(`Intake: ${rows.toLocaleString('en-US')}-row file, median of ${runs} runs`, table);
  return table.every((row) => row.met !== false);
}

/** Runs one CLI import in a child process and reads its peak resident memory. */
function measureImportPeakMemory(filePath: string, dataDir: string): number {
  const dbPath = join(dataDir, 'peak.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const script = `
    const { register } = await import('tsx/esm/api');
    register();
    const { main } = await import(${JSON.stringify(new URL('../electron/cli/main.ts', import.meta.url).href)});
    const code = await main(['import', ${JSON.stringify(filePath)}, '--db', ${JSON.stringify(dbPath)}, '--user', 'bench', '--drop-errors', '--json']);
    process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + ' ' + code + '\\n');
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = child.stderr;
  const match = /MAXRSS (\d+) (\d+)/.exec(out);
  if (!match) throw new Error(`peak memory run failed: ${out}`);
  if (match[2] !== '0') throw new Error(`peak memory import exited ${match[2]}`);
  return Number(match[1]) / 1024;
}
