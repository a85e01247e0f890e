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

/** Milliseconds `fn` takes. */
export async function timeOnce(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs each measurement `runs` times, alternating them (A B, B A, …) after a warm-up round, and returns
 * every measurement's results. Alternating spreads a shared machine's noise over all of them alike.
 */
export async function interleaved<M extends Record<string, unknown>>(
  runs: number,
  measurements: { [K in keyof M]: () => Promise<M[K]> },
  { warmUp = true } = {},
): Promise<{ [K in keyof M]: Array<M[K]> }> {
  const keys = Object.keys(measurements) as Array<keyof M>;
  if (warmUp) for (const key of keys) await measurements[key]();
  const results = Object.fromEntries(keys.map((key) => [key, []])) as unknown as {
    [K in keyof M]: Array<M[K]>;
  };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? keys : [...keys].reverse();
    for (const key of order) results[key].push(await measurements[key]());
  }
  return results;
}

/**
 * The median milliseconds of each measurement, run `runs` times interleaved (see `interleaved`): every round
 * runs all of them back to back, so drift on the machine reaches baseline and subject alike.
 */
export async function interleavedMedians<K extends string>(
  runs: number,
  measurements: Record<K, () => Promise<number>>,
): Promise<Record<K, number>> {
  const results = await interleaved<Record<K, number>>(runs, measurements);
  const keys = Object.keys(results) as K[];
  return Object.fromEntries(keys.map((key) => [key, median(results[key])])) as Record<K, number>;
}

/** `1,234/s` */
export function perSecond(count: number, ms: number, unit = ''): string {
  return `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}${unit}/s`;
}
