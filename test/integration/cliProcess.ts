/**
 * The command line as users run it: a whole `cup-payouts` process, its exit code and both streams. The
 * environment is the test's own with LANG=C (English messages) and no CUP_PAYOUTS_DB, so a test names every
 * database it uses.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, LANG: 'C', CUP_PAYOUTS_DB: '', ...env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Sending options that make `submit --wait` quick against the embedded sandbox. */
export const FAST_SENDING = [
  '--status-delay-ms',
  '100',
  '--poll-initial-ms',
  '50',
  '--poll-max-ms',
  '200',
  '--not-found-grace-ms',
  '1000',
  '--timeout-ms',
  '1000',
];
