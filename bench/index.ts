import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchIntake } from './intake.js';

const DATA_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '.data');

/**
 * `npm run bench` prints markdown tables of side-by-side ratios against baselines measured in the same run.
 * `--smoke` runs tiny sizes so CI can check the benchmark still works; its figures mean nothing.
 */
export async function main(argv: string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  const allMet = [
    await benchIntake({ rows: smoke ? 2_000 : 100_000, runs: smoke ? 1 : 5, dataDir: DATA_DIR }),
  ].every(Boolean);
  console.log(allMet ? '\nAll goals met.' : '\nSome goals were NOT met (see the tables above).');
  // A benchmark reports; it does not fail the build on a noisy machine, except in smoke mode where it must run.
  return 0;
}
