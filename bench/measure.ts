/** Small timing helpers: the median of several runs, so one noisy run on a shared machine does not decide. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `fn` `runs` times (after one warm-up) and returns the median wall time in milliseconds. */
export async function timeMedian(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

export interface BenchRow {
  name: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | null;
}

export function printTable(title: string, rows: BenchRow[]): void {
  console.log(`\n### ${title}\n`);
  console.log('| measurement | value | baseline (same run) | ratio | goal | met |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const met = r.met === null ? '' : r.met ? 'yes' : 'NO';
    console.log(`| ${r.name} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${met} |`);
  }
}
