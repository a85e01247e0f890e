/**
 * The import screen with a whole file validated: how soon the grid shows its first rows once validateFile's
 * answer is in the page, and every frame while the grid is scrolled from its first row to its last. Each
 * run is a new tab that picks the file, lets the console preview it, and presses "validate".
 */
import type { Page } from 'playwright-core';
import type { UiConsole } from './browserConsole.js';
import { sampleHeap } from './heapSampler.js';
import {
  installValidationProbe,
  scrollGridEndToEnd,
  type ScrollRecord,
  type ValidationMarks,
} from './pageProbes.js';

export interface GridRun {
  marks: Required<ValidationMarks>;
  scroll: ScrollRecord;
}

export interface GridResult {
  runs: GridRun[];
  /** The page's highest JS heap during the warm-up run (loading and scrolling), bytes. */
  peakHeapBytes: number;
}

/** End to end, at most this many frames: see scrollGridEndToEnd. */
const MAX_SCROLL_FRAMES = 1_000;
const IDLE_FRAMES = 120;

/** One warm-up run (sampling the heap), then `runs` timed ones, for a file of `rows` rows at `filePath`. */
export async function measureValidationGrid(
  ui: UiConsole,
  file: { path: string; rows: number },
  runs: number,
): Promise<GridResult> {
  const warmUp = await gridRun(ui, file, true);
  const timed: GridRun[] = [];
  for (let i = 0; i < runs; i++) timed.push((await gridRun(ui, file, false)).run);
  return { runs: timed, peakHeapBytes: warmUp.peakHeapBytes };
}

async function gridRun(
  ui: UiConsole,
  file: { path: string; rows: number },
  sampled: boolean,
): Promise<{ run: GridRun; peakHeapBytes: number }> {
  const { context, page } = await ui.openPage('#/import');
  try {
    // The bridge keeps alice's session; should a page still show the sign-in form, she signs in on it.
    await ui.signIn(page, 'alice');
    await page.evaluate("location.hash = '#/import'");
    await page.locator('[data-testid=file-drop]').waitFor();
    const heap = sampled ? await sampleHeap(page) : null;
    await page.locator('input[type=file]').setInputFiles(file.path);
    await page.locator('[data-testid=raw-preview]').waitFor({ timeout: 120_000 });
    await page.evaluate(installValidationProbe);
    await page.locator('[data-testid=validate]').click();
    const marks = await waitForPaintedRows(page);
    // The file's header is line 1: its last row is line rows + 1.
    const scroll = await page.evaluate(scrollGridEndToEnd, {
      idleFrameCount: IDLE_FRAMES,
      maxScrollFrames: MAX_SCROLL_FRAMES,
      lastLine: file.rows + 1,
    });
    if (scroll.lastLineDrawn !== file.rows + 1)
      throw new Error(`scrolling ended at line ${scroll.lastLineDrawn}, not at ${file.rows + 1}`);
    const peakHeapBytes = heap ? await heap.stop() : 0;
    return { run: { marks, scroll }, peakHeapBytes };
  } finally {
    await context.close();
  }
}

async function waitForPaintedRows(page: Page): Promise<Required<ValidationMarks>> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { cupBenchValidation?: ValidationMarks }).cupBenchValidation?.painted !==
      undefined,
    undefined,
    { timeout: 300_000, polling: 250 },
  );
  const marks = await page.evaluate(
    () => (globalThis as unknown as { cupBenchValidation: ValidationMarks }).cupBenchValidation,
  );
  for (const key of ['request', 'response', 'body', 'parsed', 'answerChars', 'rows', 'painted'] as const)
    if (marks[key] === undefined) throw new Error(`validation mark ${key} missing`);
  return marks as Required<ValidationMarks>;
}
