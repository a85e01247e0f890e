import { describe, expect, it } from 'vitest';
import { Limiter, LimiterStoppedError } from '../../electron/core/providers/transport/limiter.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Limiter', () => {
  it('never runs more tasks at once than its concurrency', async () => {
    const limiter = new Limiter({ concurrency: 3, requestsPerSecond: 0 });
    let running = 0;
    let maxRunning = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.schedule(async () => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await sleep(5 + (i % 3) * 3);
          running -= 1;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(maxRunning).toBe(3);
    expect(limiter.active).toBe(0);
  });

  it('spaces task starts to respect the rate', async () => {
    const limiter = new Limiter({ concurrency: 10, requestsPerSecond: 50 }); // one start per 20 ms
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, () =>
        limiter.schedule(async () => {
          starts.push(performance.now());
        }),
      ),
    );
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    // Timers may fire a little late, never early enough to break the spacing by more than a rounding.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(19);
    const span = (starts.at(-1) as number) - (starts[0] as number);
    expect(span).toBeGreaterThanOrEqual(7 * 20 - 2);
    expect(span).toBeLessThan(7 * 20 + 150);
  });

  it('frees the slot of a task that fails, and passes the failure on', async () => {
    const limiter = new Limiter({ concurrency: 1, requestsPerSecond: 0 });
    const failing = limiter.schedule(() => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(limiter.schedule(async () => 'next')).resolves.toBe('next');
  });

  it('drains: resolves when nothing is queued or running', async () => {
    const limiter = new Limiter({ concurrency: 2, requestsPerSecond: 0 });
    await limiter.drain(); // idle already
    let done = 0;
    for (let i = 0; i < 5; i += 1) {
      void limiter.schedule(async () => {
        await sleep(5);
        done += 1;
      });
    }
    expect(limiter.pending).toBe(3);
    await limiter.drain();
    expect(done).toBe(5);
  });

  it('stops: queued and later tasks are refused, running ones finish', async () => {
    const limiter = new Limiter({ concurrency: 1, requestsPerSecond: 0 });
    const running = limiter.schedule(async () => {
      await sleep(10);
      return 'finished';
    });
    const queued = limiter.schedule(async () => 'never');
    limiter.stop();
    await expect(queued).rejects.toBeInstanceOf(LimiterStoppedError);
    await expect(limiter.schedule(async () => 'late')).rejects.toBeInstanceOf(LimiterStoppedError);
    await expect(running).resolves.toBe('finished');
    await limiter.drain();
  });

  it('refuses nonsense settings', () => {
    expect(() => new Limiter({ concurrency: 0, requestsPerSecond: 0 })).toThrow(RangeError);
    expect(() => new Limiter({ concurrency: 1, requestsPerSecond: -1 })).toThrow(RangeError);
  });
});
