/**
 * The page's JavaScript heap, sampled through the Chrome DevTools Protocol (Performance.getMetrics,
 * JSHeapUsedSize) while something runs: its peak. Sampling costs the page a little, so the bench samples
 * only its warm-up run, never a timed one.
 */
import type { Page } from 'playwright-core';

export interface HeapSampler {
  /** Stops sampling; the highest heap seen, in bytes. */
  stop(): Promise<number>;
}

export async function sampleHeap(page: Page, everyMs = 200): Promise<HeapSampler> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let running = true;
  const sample = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
    peak = Math.max(peak, used);
  };
  const loop = (async () => {
    while (running) {
      await sample().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sample().catch(() => {});
      await cdp.detach().catch(() => {});
      return peak;
    },
  };
}
