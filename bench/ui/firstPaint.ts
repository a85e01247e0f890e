/**
 * First paint: from the start of navigation to the first contentful paint (Chromium's 'paint' performance
 * entries), of the console's page against a static page the same bridge serves, in a new browser context
 * each time (nothing cached, nothing stored).
 */
import type { Browser } from 'playwright-core';
import { interleaved, median } from '../measure.js';
import { newContext } from './browserConsole.js';

export interface FirstPaintResult {
  consoleMs: number[];
  baselineMs: number[];
}

/** `runs` interleaved rounds (after a warm-up) of the console page and the baseline page. */
export async function measureFirstPaint(
  browser: Browser,
  pages: { console: string; baseline: string },
  runs: number,
): Promise<FirstPaintResult> {
  const results = await interleaved(runs, {
    console: () => firstContentfulPaint(browser, pages.console),
    baseline: () => firstContentfulPaint(browser, pages.baseline),
  });
  return { consoleMs: results.console, baselineMs: results.baseline };
}

/** Milliseconds from navigation start to the first contentful paint of `url` in a fresh context. */
async function firstContentfulPaint(browser: Browser, url: string): Promise<number> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    const fcp = await page.evaluate(
      () =>
        new Promise<number | null>((resolve) => {
          const inPage = globalThis as unknown as PaintPage;
          // Buffered: the entry may already be there; the page may also still be drawing its first content.
          new inPage.PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
          inPage.setTimeout(() => resolve(null), 10_000);
        }),
    );
    if (fcp === null) throw new Error(`${url}: no first contentful paint within 10 s`);
    return fcp;
  } finally {
    await context.close();
  }
}

export function firstPaintMedians(result: FirstPaintResult): { console: number; baseline: number } {
  return { console: median(result.consoleMs), baseline: median(result.baselineMs) };
}

/** The page's globals used above (the node side typechecks without the DOM library). */
interface PaintPage {
  PerformanceObserver: new (
    callback: (list: { getEntriesByName(name: string): Array<{ startTime: number }> }) => void,
  ) => { observe(options: { type: string; buffered: boolean }): void };
  setTimeout(callback: () => void, ms: number): number;
}
