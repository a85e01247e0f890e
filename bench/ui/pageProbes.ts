/**
 * What the UI benchmark runs inside the page. Each function is sent to the page as its source text
 * (page.evaluate), so it may use nothing from outside itself; the small interfaces below stand in for the
 * DOM's types (the node side typechecks without the DOM library).
 */

/** Timestamps (the page's performance.now(), ms) of one whole-file validation on the import screen. */
export interface ValidationMarks {
  /** The validateFile call carrying every row went out. */
  request?: number;
  /** Its answer's headers arrived. */
  response?: number;
  /** Its body arrived, as text. */
  body?: number;
  /** The body parsed: validateFile's answer is in the page. */
  parsed?: number;
  /** The answer's length in characters. */
  answerChars?: number;
  /** The first grid rows are in the DOM. */
  rows?: number;
  /** The frame after that one is done: the rows have been painted. */
  painted?: number;
}

/** Frame times around scrolling the grid from its first row to its last. */
export interface ScrollRecord {
  /** Frame durations (ms between requestAnimationFrame callbacks) with nothing happening, before scrolling. */
  idleFrames: number[];
  /** Frame durations while scrolling, until the last row is drawn. */
  scrollFrames: number[];
  /** Scroll distance per frame, px (every frame shows rows the one before did not). */
  stepPx: number;
  /** The long animation frames (≥ 50 ms) Chromium reported while scrolling: where their time went. */
  longAnimationFrames: LongFrame[];
  /** Durations of the long tasks (≥ 50 ms) Chromium reported while scrolling. */
  longTasks: number[];
  /** The row key (file line) of the lowest row drawn once scrolling ended. */
  lastLineDrawn: number;
}

/** A long animation frame, split as Chromium's long-animation-frame entry splits it. */
export interface LongFrame {
  duration: number;
  /** Time in scripts (event handlers, timers, animation-frame callbacks, promise reactions). */
  scriptMs: number;
  /** From the start of rendering (animation-frame callbacks included) to the frame's end. */
  renderMs: number;
  /** Style and layout at the frame's end. */
  styleLayoutMs: number;
  /** Its longest scripts: what invoked them, their function, their milliseconds. */
  scripts: Array<{ invoker: string; fn: string; ms: number }>;
}

interface LongFrameEntry {
  startTime: number;
  duration: number;
  renderStart?: number;
  styleAndLayoutStart?: number;
  scripts?: Array<{ invoker: string; sourceFunctionName: string; sourceURL: string; duration: number }>;
}

interface ProbeElement {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
}

interface ProbePage {
  fetch(input: unknown, init?: { body?: unknown }): Promise<ProbeResponse>;
  document: {
    body: unknown;
    querySelector(selector: string): ProbeElement | null;
    querySelectorAll(selector: string): Iterable<ProbeElement>;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
    disconnect(): void;
  };
  PerformanceObserver: {
    new (callback: (list: { getEntries(): LongFrameEntry[] }) => void): {
      observe(options: { type: string; buffered?: boolean }): void;
      disconnect(): void;
    };
    supportedEntryTypes: readonly string[];
  };
  performance: { now(): number };
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  cupBenchValidation?: ValidationMarks;
}

interface ProbeResponse {
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * Stamps the next whole-file validation on the import screen: the validateFile call that asks for every row
 * (`rows: 'all'`), its answer (the page's bridge script reads answers with response.json(), which this
 * replaces on that one response with the same text-then-parse, timed), and the first grid rows reaching the
 * DOM and then the screen. Read the marks from `cupBenchValidation`.
 */
export function installValidationProbe(): void {
  const page = globalThis as unknown as ProbePage;
  const marks: ValidationMarks = {};
  page.cupBenchValidation = marks;
  const pageFetch = page.fetch.bind(page);
  page.fetch = async (input, init) => {
    const body = init?.body;
    const wholeFile =
      String(input).endsWith('/validateFile') && typeof body === 'string' && body.includes('"rows":"all"');
    if (!wholeFile || marks.request !== undefined) return pageFetch(input, init);
    marks.request = page.performance.now();
    const response = await pageFetch(input, init);
    marks.response = page.performance.now();
    response.json = async () => {
      const text = await response.text();
      marks.body = page.performance.now();
      marks.answerChars = text.length;
      const answer: unknown = JSON.parse(text);
      marks.parsed = page.performance.now();
      return answer;
    };
    return response;
  };
  const observer = new page.MutationObserver(() => {
    if (marks.parsed === undefined) return;
    if (!page.document.querySelector('[data-testid=validation-grid] .vxe-body--row')) return;
    marks.rows = page.performance.now();
    observer.disconnect();
    // The next frame paints them; a task queued from its animation-frame callback runs once it is done.
    page.requestAnimationFrame(() => page.setTimeout(() => (marks.painted = page.performance.now()), 0));
  });
  observer.observe(page.document.body, { childList: true, subtree: true });
}

/**
 * Records `idleFrameCount` frames with nothing happening, then drags the grid's vertical scroll bar from the
 * top to the bottom, one step per frame, recording every frame's duration until the last row is drawn.
 * The step is the grid's height or more (at most `maxScrollFrames` frames end to end): each frame shows rows
 * the frame before did not, the most a frame of scrolling ever has to draw.
 */
export async function scrollGridEndToEnd(options: {
  idleFrameCount: number;
  maxScrollFrames: number;
  lastLine: number;
}): Promise<ScrollRecord> {
  const page = globalThis as unknown as ProbePage;
  const handle = page.document.querySelector('[data-testid=validation-grid] .vxe-table--scroll-y-handle');
  if (!handle) throw new Error('the grid has no vertical scroll bar');
  const nextFrame = () => new Promise<number>((resolve) => page.requestAnimationFrame(resolve));
  const lowestLineDrawn = () => {
    let lowest = 0;
    for (const row of page.document.querySelectorAll('[data-testid=validation-grid] .vxe-body--row'))
      lowest = Math.max(lowest, Number(row.getAttribute('rowid')));
    return lowest;
  };

  const idleFrames: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < options.idleFrameCount; i++) {
    const now = await nextFrame();
    idleFrames.push(now - last);
    last = now;
  }

  const longAnimationFrames: LongFrame[] = [];
  const longTasks: number[] = [];
  const observe = (type: string, take: (entry: LongFrameEntry) => void) => {
    if (!page.PerformanceObserver.supportedEntryTypes.includes(type)) return null;
    const observer = new page.PerformanceObserver((list) => list.getEntries().forEach(take));
    observer.observe({ type });
    return observer;
  };
  const observers = [
    observe('long-animation-frame', (entry) => {
      const end = entry.startTime + entry.duration;
      const scripts = entry.scripts ?? [];
      longAnimationFrames.push({
        duration: entry.duration,
        scriptMs: scripts.reduce((sum, script) => sum + script.duration, 0),
        renderMs: entry.renderStart ? end - entry.renderStart : 0,
        styleLayoutMs: entry.styleAndLayoutStart ? end - entry.styleAndLayoutStart : 0,
        scripts: [...scripts]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map((script) => ({
            invoker: script.invoker,
            fn: `${script.sourceFunctionName || '(anonymous)'} ${script.sourceURL.split('/').pop() ?? ''}`,
            ms: script.duration,
          })),
      });
    }),
    observe('longtask', (entry) => longTasks.push(entry.duration)),
  ];

  const bottom = handle.scrollHeight - handle.clientHeight;
  const stepPx = Math.max(handle.clientHeight, Math.ceil(bottom / options.maxScrollFrames));
  const scrollFrames: number[] = [];
  // A few frames more than the distance needs: the grid draws the rows of a scroll in the frames after it.
  const frameLimit = Math.ceil(bottom / stepPx) + 120;
  last = await nextFrame();
  for (let frame = 0; frame < frameLimit; frame++) {
    if (handle.scrollTop < bottom) handle.scrollTop = Math.min(bottom, handle.scrollTop + stepPx);
    const now = await nextFrame();
    scrollFrames.push(now - last);
    last = now;
    if (handle.scrollTop >= bottom - 1 && lowestLineDrawn() === options.lastLine) break;
  }
  // Entries of the last frame are delivered a little later.
  await new Promise((resolve) => page.setTimeout(() => resolve(null), 100));
  for (const observer of observers) observer?.disconnect();
  return {
    idleFrames,
    scrollFrames,
    stepPx,
    longAnimationFrames,
    longTasks,
    lastLineDrawn: lowestLineDrawn(),
  };
}

/** What a batch's detail screen did; times are the page's epoch milliseconds (fractional). */
export interface DetailRecord {
  /** Every batchDetail read the screen made: when it went out, its answer came, and it was on screen. */
  reads: Array<{ requested: number; answered?: number; painted?: number }>;
  /** When the page received each of the batch's events over the bridge's event stream. */
  deliveries: Array<{ type: string; at: number }>;
  /** That event stream is open. */
  connected: boolean;
}

interface DetailPage extends ProbePage {
  EventSource: new (url: string) => {
    onopen: (() => void) | null;
    onmessage: ((message: { data: string }) => void) | null;
    close(): void;
  };
  performance: { now(): number; timeOrigin: number };
  cupBenchDetail?: DetailRecord;
}

/**
 * Watches a batch's detail screen: each batchDetail read it makes (from the request to the frame after its
 * answer arrived, when the screen shows it), and, on an event stream of its own, when each of the batch's
 * events reaches the page. Read the record from `cupBenchDetail`.
 */
export function installDetailProbe(options: { token: string; batchId: number }): void {
  const page = globalThis as unknown as DetailPage;
  const now = () => page.performance.timeOrigin + page.performance.now();
  const record: DetailRecord = { reads: [], deliveries: [], connected: false };
  page.cupBenchDetail = record;
  const pageFetch = page.fetch.bind(page);
  page.fetch = async (input, init) => {
    if (!String(input).endsWith('/batchDetail')) return pageFetch(input, init);
    const read: DetailRecord['reads'][number] = { requested: now() };
    record.reads.push(read);
    const response = await pageFetch(input, init);
    const json = response.json.bind(response);
    response.json = async () => {
      const answer = await json();
      read.answered = now();
      // The screen takes the answer in the microtasks that follow; the next frame paints it.
      page.requestAnimationFrame(() => page.setTimeout(() => (read.painted = now()), 0));
      return answer;
    };
    return response;
  };
  const events = new page.EventSource(`/__bridge/events?token=${encodeURIComponent(options.token)}`);
  events.onopen = () => (record.connected = true);
  events.onmessage = (message) => {
    const event = JSON.parse(message.data) as { type: string; batch_id?: number; batch_ids?: number[] };
    const concerns = event.batch_id === options.batchId || (event.batch_ids ?? []).includes(options.batchId);
    if (concerns) record.deliveries.push({ type: event.type, at: now() });
  };
}

/** The page's clock: its epoch milliseconds (fractional). */
export function pageClock(): number {
  const page = globalThis as unknown as DetailPage;
  return page.performance.timeOrigin + page.performance.now();
}

/**
 * Milliseconds of `count` batchDetail calls one after another from the page (what the detail screen asks for
 * its first page), without drawing anything: a read while the console has nothing else to do.
 */
export async function timeBatchReads(options: { batchId: number; count: number }): Promise<number[]> {
  const page = globalThis as unknown as ProbePage & {
    cupConsole: { batchDetail(input: unknown): Promise<unknown> };
  };
  const times: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const start = page.performance.now();
    await page.cupConsole.batchDetail({ batchId: options.batchId, offset: 0, limit: 100 });
    times.push(page.performance.now() - start);
  }
  return times;
}
