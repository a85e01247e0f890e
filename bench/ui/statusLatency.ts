/**
 * A status change reaching the screen: a batch is sent to the embedded sandbox while its detail screen is
 * open, and every `batch.changed` and `payouts.changed` event for it is stamped as the main process emits it.
 * An event is on screen once the screen has read the batch again after it (the database changed before the
 * event went out, so any read that started later sees the change) and painted that read's answer.
 *
 * Baselines, measured in the same runs: the event reaching the page over the bridge's event stream, and one
 * batchDetail read from the page (request to answer painted): the least any screen showing the change needs.
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { payoutFileBytes } from '../payoutFixtures.js';
import type { UiConsole } from './browserConsole.js';
import { installDetailProbe, pageClock, timeBatchReads, type DetailRecord } from './pageProbes.js';

/** One event's way to the screen, in milliseconds. */
export interface EventLatency {
  type: 'batch.changed' | 'payouts.changed';
  /** From its emission to the screen showing it. */
  totalMs: number;
  /** From its emission to the page receiving it (null: the page's stream missed it). */
  deliveryMs: number | null;
  /** From then (or its emission) to the screen's next batchDetail read going out; below 0 when a read went out first. */
  waitMs: number;
  /** That read, from its request to its answer in the page (the main process's part, and the transport's). */
  answerMs: number;
  /** From that answer to the frame that shows it painted (the screen's part). */
  paintMs: number;
}

export interface StatusRun {
  events: EventLatency[];
  /** Milliseconds of each batchDetail read the screen made while the batch was sent (request to painted). */
  readMs: number[];
  /** Milliseconds of batchDetail calls from the page just before sending, the console otherwise idle. */
  idleReadMs: number[];
  /** Events the screen never read after (none, when the screen keeps up). */
  unseen: number;
}

/** How long a batch may take to be sent before the run gives up. */
const SEND_TIMEOUT_MS = 180_000;
/** After the last event: time for the screen's last read. */
const SETTLE_MS = 2_000;
const IDLE_READS = 5;

export async function measureStatusLatency(
  ui: UiConsole,
  payouts: number,
  runs: number,
): Promise<StatusRun[]> {
  const results: StatusRun[] = [];
  for (let run = 0; run < runs; run++) results.push(await statusRun(ui, payouts, `UIS${run + 1}`));
  return results;
}

async function statusRun(ui: UiConsole, payouts: number, idPrefix: string): Promise<StatusRun> {
  const { live } = ui;
  const alice = { lang: 'en' as const, session: await live.signIn('alice') };
  const wang = { lang: 'en' as const, session: await live.signIn('wang') };
  const imported = await live.runtime.app.call(
    'importFile',
    { file: { name: `${idPrefix}.csv`, bytes: payoutFileBytes(payouts, idPrefix) }, rows: 'none' },
    alice,
  );
  if (!imported.ok || imported.value.batch_id === null)
    throw new Error(`status run: import refused: ${JSON.stringify(imported)}`);
  const batchId = imported.value.batch_id;
  const approved = await live.runtime.app.call('approveBatch', { batchId }, wang);
  if (!approved.ok) throw new Error(`status run: approval refused: ${JSON.stringify(approved.error)}`);

  const { context, page } = await ui.openPage(`#/batches/${batchId}`);
  try {
    await page.locator('[data-testid=batch-progress]').waitFor();
    const idleReadMs = await page.evaluate(timeBatchReads, { batchId, count: IDLE_READS });
    await page.evaluate(installDetailProbe, { token: live.bridge.token, batchId });
    await page.waitForFunction(
      () => (globalThis as unknown as { cupBenchDetail: DetailRecord }).cupBenchDetail.connected,
    );
    const offset = await clockOffset(page);

    const emitted: Array<{ type: EventLatency['type']; at: number }> = [];
    let completed!: () => void;
    const finished = new Promise<void>((resolve) => (completed = resolve));
    const unsubscribe = live.runtime.events.subscribe((event) => {
      const concerns =
        (event.type === 'batch.changed' && event.batch_id === batchId) ||
        (event.type === 'payouts.changed' && event.batch_ids.includes(batchId));
      if (!concerns) return;
      emitted.push({ type: event.type, at: performance.timeOrigin + performance.now() });
      if (event.type === 'batch.changed' && ['completed', 'blocked', 'cancelled'].includes(event.status))
        completed();
    });
    try {
      const submitted = await live.runtime.app.call('submitBatch', { batchId }, alice);
      if (!submitted.ok) throw new Error(`status run: submit refused: ${JSON.stringify(submitted.error)}`);
      await within(finished, SEND_TIMEOUT_MS, `batch ${batchId} not sent within ${SEND_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    } finally {
      unsubscribe();
    }
    const record = await page.evaluate(
      () => (globalThis as unknown as { cupBenchDetail: DetailRecord }).cupBenchDetail,
    );
    return { ...latencies(emitted, record, offset), idleReadMs };
  } finally {
    await context.close();
  }
}

/**
 * Each emitted event's way to the screen: to the paint of the first read that went out after it. Page times
 * are brought to the bench's clock by `offset` (page minus bench).
 */
function latencies(
  emitted: ReadonlyArray<{ type: EventLatency['type']; at: number }>,
  record: DetailRecord,
  offset: number,
): Omit<StatusRun, 'idleReadMs'> {
  const reads = record.reads
    .filter((read) => read.painted !== undefined && read.answered !== undefined)
    .map((read) => ({
      requested: read.requested - offset,
      answered: (read.answered as number) - offset,
      painted: (read.painted as number) - offset,
    }));
  // The page's stream delivers the batch's events in the order they were emitted.
  const delivered = record.deliveries.map((delivery) => delivery.at - offset);
  const events: EventLatency[] = [];
  let unseen = 0;
  emitted.forEach((event, index) => {
    const read = reads.find((candidate) => candidate.requested >= event.at);
    if (!read) {
      unseen++;
      return;
    }
    const arrived = delivered[index] ?? null;
    events.push({
      type: event.type,
      totalMs: read.painted - event.at,
      deliveryMs: arrived === null ? null : arrived - event.at,
      waitMs: read.requested - (arrived ?? event.at),
      answerMs: read.answered - read.requested,
      paintMs: read.painted - read.answered,
    });
  });
  return { events, readMs: reads.map((read) => read.painted - read.requested), unseen };
}

/** `work`, or a failure after `ms` (its timer cleared either way, so it keeps no process alive). */
async function within<T>(work: Promise<T>, ms: number, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(failure)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The page's clock minus the bench's, from the quickest of a few round trips. */
async function clockOffset(page: Page): Promise<number> {
  let best = { roundTrip: Infinity, offset: 0 };
  for (let i = 0; i < 7; i++) {
    const before = performance.timeOrigin + performance.now();
    const inPage = await page.evaluate(pageClock);
    const after = performance.timeOrigin + performance.now();
    if (after - before < best.roundTrip)
      best = { roundTrip: after - before, offset: inPage - (before + after) / 2 };
  }
  return best.offset;
}
