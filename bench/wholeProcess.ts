/**
 * The CLI as a user runs it: each measurement is a whole `node` process, timed from spawn to exit, so
 * start-up, module loading, reading the file and writing the report all count. Every process is compared
 * with a bare Node process doing the least the command could do (baselines measured in the same run).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCliEnv, copyDatabase, prepareDatabase, removeDatabase } from './benchConsole.js';
import type { IntakeFile } from './intake.js';
import { interleavedMedians, printTable, ratio, type BenchRow } from './measure.js';

export interface WholeProcessBenchOptions {
  file: IntakeFile;
  runs: number;
  dataDir: string;
}

export interface WholeProcessOutcome {
  /** Every goal was met (false as well when a process failed). */
  met: boolean;
  /** Some process exited with an unexpected code, so its figures are missing. */
  failed: boolean;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/cup-payouts.mjs', import.meta.url));
const PAPAPARSE_ONLY = fileURLToPath(new URL('./papaparseOnly.mjs', import.meta.url));
/** How much of a failed process's stderr is kept for the report. */
const STDERR_TAIL_CHARS = 2_000;

/** A Node process to time: its arguments (after the node binary) and the exit codes that mean it worked. */
interface NodeProcess {
  args: string[];
  okExitCodes: readonly number[];
  /** Its environment, when not the bench's own. */
  env?: NodeJS.ProcessEnv;
}

class ProcessFailure extends Error {}

/** A measurement that stops running its process after the first failure and remembers why it failed. */
interface Probe {
  measure: () => Promise<number>;
  failure: string | null;
}

export async function benchWholeProcess({
  file,
  runs,
  dataDir,
}: WholeProcessBenchOptions): Promise<WholeProcessOutcome> {
  const rowsLabel = file.rows.toLocaleString('en-US');
  const sizeMb = (file.bytes.length / 1024 / 1024).toFixed(1);

  const parseOnly = probe(() => timeProcess({ args: [PAPAPARSE_ONLY, file.path], okExitCodes: [0] }));
  // validate exits 1 when rows have errors, and the generated file has some on purpose.
  const validate = probe(() => timeProcess(cli(['validate', file.path], [0, 1])));
  // Every import goes into a copy of one database with the installation key and an operator `bench`.
  const template = join(dataDir, 'whole-process-template.sqlite');
  await prepareDatabase(template, join(dataDir, 'logs'), { bench: ['operator'] });
  const importFile = probe(() => timeImportIntoNewDatabase(file.path, dataDir, template));
  const intake = await interleavedMedians(runs, {
    parseOnly: parseOnly.measure,
    validate: validate.measure,
    import: importFile.measure,
  });

  const bareNode = probe(() => timeProcess({ args: ['-e', '0'], okExitCodes: [0] }));
  const help = probe(() => timeProcess(cli(['--help'], [0])));
  const startUp = await interleavedMedians(runs, { bareNode: bareNode.measure, help: help.measure });

  const papaparse: Baseline = {
    name: `node + papaparse only: read + decode + parse, ${rowsLabel} rows (${sizeMb} MB)`,
    probe: parseOnly,
    ms: intake.parseOnly,
  };
  const node: Baseline = { name: 'node -e 0', probe: bareNode, ms: startUp.bareNode };
  const table: BenchRow[] = [
    baselineRow(papaparse),
    subjectRow('cup-payouts validate FILE', validate, intake.validate, papaparse, 3),
    subjectRow(
      'cup-payouts import FILE --db FRESH_DB --user bench --drop-errors',
      importFile,
      intake.import,
      papaparse,
      5,
    ),
    baselineRow(node),
    subjectRow('cup-payouts --help', help, startUp.help, node, 4),
  ];
  printTable(`Whole process (spawn → exit): ${rowsLabel}-row file, median of ${runs} runs`, table);
  console.log(
    '\nEach row is a whole `node` process, as a user runs it; ratio = time relative to its baseline.',
  );

  removeDatabase(template);
  const failures = [parseOnly, validate, importFile, bareNode, help].filter((p) => p.failure !== null);
  for (const p of failures) console.log(`\nFAILED: ${p.failure}`);
  return { met: table.every((row) => row.met !== false), failed: failures.length > 0 };
}

function cli(args: string[], okExitCodes: readonly number[]): NodeProcess {
  return { args: [CLI, ...args], okExitCodes };
}

let importRun = 0;

/**
 * One `cup-payouts import` into a fresh copy of `template` (no batch yet), signed in as `bench` with the
 * password and the passphrase in its environment, as a script runs it: unlocking the key and checking the
 * password are part of every command now, so they are timed. The copy is made and removed untimed.
 */
async function timeImportIntoNewDatabase(
  filePath: string,
  dataDir: string,
  template: string,
): Promise<number> {
  const dbPath = join(dataDir, `whole-process-import-${importRun++}.sqlite`);
  copyDatabase(template, dbPath);
  try {
    // --drop-errors stores the valid rows, so anything but 0 means the import failed.
    return await timeProcess({
      ...cli(['import', filePath, '--db', dbPath, '--user', 'bench', '--drop-errors'], [0]),
      env: benchCliEnv(),
    });
  } finally {
    removeDatabase(dbPath);
  }
}

/**
 * Milliseconds from spawning `node` with `args` to its exit. Stdout goes to /dev/null; stderr is drained
 * through a pipe and kept only to explain a failure. Rejects with ProcessFailure on an unexpected exit.
 */
function timeProcess({ args, okExitCodes, env }: NodeProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let exitedAt = 0n;
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.on('exit', () => {
      exitedAt = process.hrtime.bigint();
    });
    child.on('error', (err) => reject(new ProcessFailure(`${describe(args)}: ${err.message}`)));
    // 'close' comes after 'exit' once stderr is drained, so a failure's message is complete.
    child.on('close', (code, signal) => {
      if (code !== null && okExitCodes.includes(code)) resolve(Number(exitedAt - start) / 1e6);
      else reject(new ProcessFailure(failureMessage(args, code, signal, stderr)));
    });
  });
}

function failureMessage(args: string[], code: number | null, signal: string | null, stderr: string): string {
  const how = code === null ? `killed by ${signal}` : `exit code ${code}`;
  const output = stderr.trim() ? `\n${stderr.trim()}` : ' (nothing on stderr)';
  return `${describe(args)}: ${how}${output}`;
}

function describe(args: string[]): string {
  return ['node', ...args].join(' ');
}

function probe(run: () => Promise<number>): Probe {
  const p: Probe = {
    failure: null,
    measure: async () => {
      if (p.failure !== null) return NaN;
      try {
        return await run();
      } catch (err) {
        if (!(err instanceof ProcessFailure)) throw err;
        p.failure = err.message;
        return NaN;
      }
    },
  };
  return p;
}

interface Baseline {
  name: string;
  probe: Probe;
  ms: number;
}

function baselineRow({ name, probe: p, ms }: Baseline): BenchRow {
  return {
    name,
    value: p.failure === null ? formatMs(ms) : 'FAILED (see below)',
    baseline: '—',
    ratio: p.failure === null ? '1.00×' : '—',
    goal: 'baseline',
    met: p.failure === null ? null : false,
  };
}

/** A command compared with its baseline; `goal` is the largest acceptable ratio. */
function subjectRow(name: string, p: Probe, ms: number, baseline: Baseline, goal: number): BenchRow {
  const comparable = p.failure === null && baseline.probe.failure === null;
  return {
    name,
    value: p.failure === null ? formatMs(ms) : 'FAILED (see below)',
    baseline: baseline.probe.failure === null ? formatMs(baseline.ms) : 'FAILED',
    ratio: comparable ? ratio(ms, baseline.ms) : '—',
    goal: `≤ ${goal}×`,
    met: comparable && ms <= goal * baseline.ms,
  };
}

function formatMs(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}
