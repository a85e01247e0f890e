/**
 * The desktop console's screens in Chromium (browser mode: the production renderer build behind the loopback
 * bridge, a seeded console on the embedded sandbox), each figure beside a baseline measured in the same run:
 * - first paint of the console's page, against a static page the same bridge serves;
 * - the import screen's grid showing a whole file's first rows once validateFile's answer is in the page,
 *   against that call itself and parsing its answer;
 *   and every frame while that grid is scrolled end to end, against idle frames of the same page;
 * - a batch's status and payout changes reaching its detail screen, against the event's delivery to the page
 *   and one read of the batch from the page.
 * See bench/ui/*.ts for how each is measured.
 */
import { join } from 'node:path';
import { chromiumMissing } from '../test/e2e/support/liveConsole.js';
import { writeIntakeFile, type IntakeFile } from './intake.js';
import { median, printTable, ratio, type BenchRow } from './measure.js';
import { BASELINE_PAGE, startUiConsole, type UiConsole } from './ui/browserConsole.js';
import { measureFirstPaint, type FirstPaintResult } from './ui/firstPaint.js';
import { measureStatusLatency, type EventLatency, type StatusRun } from './ui/statusLatency.js';
import { measureValidationGrid, type GridResult } from './ui/validationGrid.js';

export interface UiBenchOptions {
  file: IntakeFile;
  runs: number;
  dataDir: string;
  /** Payouts in each batch sent for the status measurement. */
  statusPayouts: number;
}

const GOAL_MS = 1_000;
const FRAME_GOAL_MS = 50;

/** Runs the suite and prints its table; true when every goal is met (or Chromium is missing: nothing to judge). */
export async function benchUi(options: UiBenchOptions): Promise<boolean> {
  const missing = chromiumMissing();
  if (missing !== null) {
    console.log(`\n### Desktop console in Chromium\n\nSkipped: ${missing}.`);
    return true;
  }
  const gridOnly = gridOnlyOptions(process.argv.slice(2), options);
  if (gridOnly) return benchGridOnly(gridOnly);
  const ui = await startUiConsole(options.dataDir);
  try {
    const pages = { console: ui.live.bridge.pageUrl, baseline: `${ui.live.bridge.url}${BASELINE_PAGE}` };
    const paintSignedOut = await measureFirstPaint(ui.browser, pages, options.runs);
    await signInOnce(ui);
    const paintSignedIn = await measureFirstPaint(ui.browser, pages, options.runs);
    // A grid run (read, validate and scroll a whole file) or a batch sent takes most of a minute: fewer of them.
    const heavyRuns = Math.min(options.runs, 3);
    const grid = await measureValidationGrid(ui, options.file, heavyRuns);
    const status = await measureStatusLatency(ui, options.statusPayouts, heavyRuns);
    const rows = [
      ...paintRows(paintSignedOut, paintSignedIn),
      ...gridRows(grid, options.file.rows),
      ...scrollRows(grid),
      ...statusRows(status, options.statusPayouts),
    ];
    printTable(
      `Desktop console in Chromium: ${options.file.rows.toLocaleString('en-US')}-row file; median of ` +
        `${options.runs} runs (first paint), ${heavyRuns} runs (grid, status)`,
      rows,
    );
    console.log(`\n${longFrameNote(grid)}`);
    console.log(`\n${statusNote(status)}`);
    if (ui.problems.length > 0) {
      console.log(`\nThe pages reported ${ui.problems.length} problem(s):`);
      for (const problem of [...new Set(ui.problems)].slice(0, 10)) console.log(`- ${problem.slice(0, 300)}`);
    }
    return rows.every((row) => row.met !== false);
  } finally {
    await ui.close();
  }
}

/**
 * `--grid-only` (with `--only=ui`) measures the validation grid alone, for quick iterations on its scrolling:
 * `--grid-rows=N` a smaller generated file, `--grid-runs=N` that many timed runs (3 unless told).
 */
function gridOnlyOptions(argv: string[], options: UiBenchOptions): UiBenchOptions | null {
  if (!argv.includes('--grid-only')) return null;
  const number = (name: string) => {
    const value = argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
    return value === undefined ? null : Number(value);
  };
  const rows = number('grid-rows');
  const file = rows === null ? options.file : writeIntakeFile(rows, join(options.dataDir, 'grid-only'));
  return { ...options, file, runs: number('grid-runs') ?? 3 };
}

async function benchGridOnly(options: UiBenchOptions): Promise<boolean> {
  const ui = await startUiConsole(options.dataDir);
  try {
    await signInOnce(ui);
    const grid = await measureValidationGrid(ui, options.file, options.runs);
    const rows = [...gridRows(grid, options.file.rows), ...scrollRows(grid)];
    printTable(
      `Validation grid in Chromium: ${options.file.rows.toLocaleString('en-US')}-row file; ${options.runs} runs`,
      rows,
    );
    console.log(`\n${longFrameNote(grid)}`);
    for (const [index, run] of grid.runs.entries()) {
      const frames = run.scroll.scrollFrames;
      console.log(
        `run ${index + 1}: ${frames.length} frames, p95 ${ms1(quantile(frames, 0.95))}, max ` +
          `${ms1(Math.max(...frames))}, ≥ ${FRAME_GOAL_MS} ms: ${frames.filter((f) => f >= FRAME_GOAL_MS).length}`,
      );
    }
    return rows.every((row) => row.met !== false);
  } finally {
    if (ui.problems.length > 0) {
      console.log(`\nThe pages reported ${ui.problems.length} problem(s):`);
      for (const problem of [...new Set(ui.problems)].slice(0, 10)) console.log(`- ${problem.slice(0, 300)}`);
    }
    await ui.close();
  }
}

/** The page signs alice in; the bridge keeps her session for every later page (as it does for a person). */
async function signInOnce(ui: UiConsole): Promise<void> {
  const { context, page } = await ui.openPage();
  try {
    await ui.signIn(page, 'alice');
  } finally {
    await context.close();
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const ms1 = (value: number) => `${value.toFixed(1)} ms`;

function paintRows(signedOut: FirstPaintResult, signedIn: FirstPaintResult): BenchRow[] {
  // Both rounds load the same baseline page: one baseline for the two.
  const baseline = median([...signedOut.baselineMs, ...signedIn.baselineMs]);
  const subject = (name: string, values: number[]): BenchRow => {
    const value = median(values);
    return {
      name,
      value: `${ms(value)} (max ${ms(Math.max(...values))})`,
      baseline: ms(baseline),
      ratio: ratio(value, baseline),
      goal: '< 1 s',
      met: value < GOAL_MS,
    };
  };
  return [
    {
      name: 'first contentful paint: static page from the same bridge',
      value: ms(baseline),
      baseline: '—',
      ratio: '1.00×',
      goal: 'baseline',
      met: null,
    },
    subject('first contentful paint: console page, signed out (sign-in form)', signedOut.consoleMs),
    subject('first contentful paint: console page, signed in (batch list)', signedIn.consoleMs),
  ];
}

function gridRows(grid: GridResult, rows: number): BenchRow[] {
  const of = (pick: (marks: GridResult['runs'][number]['marks']) => number) =>
    grid.runs.map((run) => pick(run.marks));
  const call = of((m) => m.parsed - m.request);
  const parse = of((m) => m.parsed - m.body);
  const toRows = of((m) => m.rows - m.parsed);
  const toPaint = of((m) => m.painted - m.parsed);
  const answerMb = (grid.runs[0]?.marks.answerChars ?? 0) / 1e6;
  const parseMs = median(parse);
  const subject = (name: string, values: number[]): BenchRow => ({
    name,
    value: `${ms(median(values))} (max ${ms(Math.max(...values))})`,
    baseline: ms(parseMs),
    ratio: ratio(median(values), parseMs),
    goal: '≤ 1 s',
    met: median(values) <= GOAL_MS,
  });
  return [
    {
      name: `validateFile, every row (${rows.toLocaleString('en-US')}): request → answer in the page`,
      value: ms(median(call)),
      baseline: '—',
      ratio: '—',
      goal: 'baseline',
      met: null,
    },
    {
      name: `JSON.parse of that answer in the page (${answerMb.toFixed(1)} M characters of JSON)`,
      value: ms(parseMs),
      baseline: '—',
      ratio: '1.00×',
      goal: 'baseline',
      met: null,
    },
    subject('answer in the page → first grid rows in the DOM', toRows),
    subject('answer in the page → first grid rows painted', toPaint),
    {
      name: 'peak JS heap of the page (warm-up run: file read, validated, scrolled)',
      value: `${(grid.peakHeapBytes / 1024 / 1024).toFixed(0)} MB`,
      baseline: '—',
      ratio: '—',
      goal: '—',
      met: null,
    },
  ];
}

/** The `share` quantile of `values` (nearest rank). */
function quantile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

function scrollRows(grid: GridResult): BenchRow[] {
  const idle = median(grid.runs.map((run) => median(run.scroll.idleFrames)));
  const idleMax = Math.max(...grid.runs.map((run) => Math.max(...run.scroll.idleFrames)));
  const p95 = median(grid.runs.map((run) => quantile(run.scroll.scrollFrames, 0.95)));
  const maxima = grid.runs.map((run) => Math.max(...run.scroll.scrollFrames));
  const worst = Math.max(...maxima);
  const frames = median(grid.runs.map((run) => run.scroll.scrollFrames.length));
  const over = grid.runs.reduce(
    (sum, run) => sum + run.scroll.scrollFrames.filter((frame) => frame >= FRAME_GOAL_MS).length,
    0,
  );
  const longFrames = grid.runs.flatMap((run) =>
    run.scroll.longAnimationFrames.map((frame) => frame.duration),
  );
  const step = grid.runs[0]?.scroll.stepPx ?? 0;
  return [
    {
      name: 'frame time, grid idle before scrolling (median; max)',
      value: `${ms1(idle)}; ${ms1(idleMax)}`,
      baseline: '—',
      ratio: '1.00×',
      goal: 'baseline',
      met: null,
    },
    {
      name: `scrolling end to end (${frames} frames, ${step} px a frame): p95 frame`,
      value: ms1(p95),
      baseline: ms1(idle),
      ratio: ratio(p95, idle),
      goal: '—',
      met: null,
    },
    {
      name: 'scrolling end to end: slowest frame (median of runs; worst run)',
      value: `${ms1(median(maxima))}; ${ms1(worst)}`,
      baseline: ms1(idle),
      ratio: ratio(median(maxima), idle),
      goal: `every frame < ${FRAME_GOAL_MS} ms`,
      met: worst < FRAME_GOAL_MS,
    },
    {
      name: `frames ≥ ${FRAME_GOAL_MS} ms, all runs (long animation frames Chromium reported; longest)`,
      value: `${over} (${longFrames.length}; ${longFrames.length ? ms(Math.max(...longFrames)) : '—'})`,
      baseline: '—',
      ratio: '—',
      goal: '0',
      met: over === 0,
    },
  ];
}

/** Where the long frames of scrolling went, as Chromium's long-animation-frame entries tell. */
function longFrameNote(grid: GridResult): string {
  const frames = grid.runs.flatMap((run) => run.scroll.longAnimationFrames);
  if (frames.length === 0) return 'Scrolling: Chromium reported no long animation frame.';
  const invokers = new Map<string, number>();
  for (const frame of frames) {
    const top = frame.scripts[0];
    const name = top ? `${top.invoker} (${top.fn})` : 'no script (rendering)';
    invokers.set(name, (invokers.get(name) ?? 0) + 1);
  }
  const byCount = [...invokers].sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name}: ${count}`);
  return (
    `Scrolling: ${frames.length} long animation frames (≥ 50 ms) over ${grid.runs.length} runs; median ` +
    `${ms(median(frames.map((f) => f.duration)))}, of which script ${ms(median(frames.map((f) => f.scriptMs)))} ` +
    `and style and layout ${ms(median(frames.map((f) => f.styleLayoutMs)))}. Longest script by what ran it: ` +
    `${byCount.join('; ')}.`
  );
}

function statusRows(runs: StatusRun[], payouts: number): BenchRow[] {
  const events = runs.flatMap((run) => run.events);
  const delivery = median(events.flatMap((event) => (event.deliveryMs === null ? [] : [event.deliveryMs])));
  const read = median(runs.flatMap((run) => run.readMs));
  const idleRead = median(runs.flatMap((run) => run.idleReadMs));
  const floor = delivery + read;
  const unseen = runs.reduce((sum, run) => sum + run.unseen, 0);
  const subject = (type: EventLatency['type'], what: string): BenchRow => {
    const values = events.filter((event) => event.type === type).map((event) => event.totalMs);
    const worst = values.length ? Math.max(...values) : NaN;
    return {
      name: `${type} → the detail screen shows ${what} (${values.length} events)`,
      value: `${ms(median(values))} (max ${ms(worst)})`,
      baseline: ms(floor),
      ratio: ratio(median(values), floor),
      goal: '≤ 1 s, every one',
      met: values.length > 0 && worst <= GOAL_MS && unseen === 0,
    };
  };
  return [
    {
      name: `event → the page receives it (bridge event stream; ${runs.length} batches of ${payouts} sent)`,
      value: ms(delivery),
      baseline: '—',
      ratio: '—',
      goal: 'baseline',
      met: null,
    },
    {
      name: 'batchDetail read by the detail screen while sending, request → answer painted',
      value: ms(read),
      baseline: '—',
      ratio: '—',
      goal: 'baseline',
      met: null,
    },
    {
      name: 'batchDetail call from the page before sending (console idle), request → answer',
      value: ms(idleRead),
      baseline: '—',
      ratio: '—',
      goal: 'for comparison',
      met: null,
    },
    subject('batch.changed', 'the new status'),
    subject('payouts.changed', 'the new counts'),
  ];
}

/** Where the time of the slowest events went: reaching the page, waiting for the screen's next read, the read. */
function statusNote(runs: StatusRun[]): string {
  const events = runs.flatMap((run) => run.events).sort((a, b) => b.totalMs - a.totalMs);
  const slow = events.filter((event) => event.totalMs > GOAL_MS);
  const described = slow.length > 0 ? slow : events.slice(0, Math.max(1, Math.ceil(events.length / 20)));
  const part = (pick: (event: EventLatency) => number | null) =>
    ms(median(described.flatMap((event) => (pick(event) === null ? [] : [pick(event) as number]))));
  return (
    `Status changes: ${slow.length > 0 ? `${slow.length} events took over 1 s` : `the slowest ${described.length} events`}; ` +
    `median of their parts: reaching the page ${part((e) => e.deliveryMs)}, waiting for the screen's next read ` +
    `${part((e) => e.waitMs)}, that read's answer ${part((e) => e.answerMs)}, painting it ` +
    `${part((e) => e.paintMs)}.`
  );
}
