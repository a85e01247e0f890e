/**
 * Bounded concurrency plus a request rate, for everything the client sends to the Gate.
 *
 * The rate is enforced by spacing: two task starts are at least 1000 / requestsPerSecond ms apart. Unlike a
 * token bucket this never bursts, which is what a provider's rate limiter likes best.
 */

export interface LimiterOptions {
  /** Tasks running at once, at most (>= 1). */
  concurrency: number;
  /** Task starts per second; 0 = unlimited. */
  requestsPerSecond: number;
}

/** The reason queued tasks are refused once the limiter is stopped. They never started. */
export class LimiterStoppedError extends Error {
  constructor() {
    super('the request limiter is stopped; the task was not started');
    this.name = 'LimiterStoppedError';
  }
}

interface Queued {
  run: () => void;
  refuse: (error: Error) => void;
}

export class Limiter {
  readonly #concurrency: number;
  readonly #spacingMs: number;
  readonly #queue: Queued[] = [];
  #active = 0;
  #nextStartAt = 0;
  #wakeTimer: NodeJS.Timeout | undefined;
  #stopped = false;
  #idleWaiters: Array<() => void> = [];

  constructor(options: LimiterOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError('concurrency must be a positive integer');
    }
    if (!(options.requestsPerSecond >= 0)) throw new RangeError('requestsPerSecond must be >= 0');
    this.#concurrency = options.concurrency;
    this.#spacingMs = options.requestsPerSecond > 0 ? 1000 / options.requestsPerSecond : 0;
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Runs `task` when a slot is free and the rate allows; rejects with LimiterStoppedError after stop(). */
  schedule<T>(task: () => Promise<T>): Promise<T> {
    if (this.#stopped) return Promise.reject(new LimiterStoppedError());
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        run: () => {
          this.#active += 1;
          // A task that throws synchronously still frees its slot.
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              this.#active -= 1;
              this.#pump();
            });
        },
        refuse: reject,
      });
      this.#pump();
    });
  }

  /** Resolves once nothing is queued or running (tasks scheduled meanwhile are waited for too). */
  drain(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Refuses queued and future tasks; tasks already running finish normally. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#wakeTimer);
    this.#wakeTimer = undefined;
    for (const queued of this.#queue.splice(0)) queued.refuse(new LimiterStoppedError());
    this.#notifyIfIdle();
  }

  #isIdle(): boolean {
    return this.#active === 0 && this.#queue.length === 0;
  }

  #notifyIfIdle(): void {
    if (!this.#isIdle()) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #pump(): void {
    while (!this.#stopped && this.#queue.length > 0 && this.#active < this.#concurrency) {
      const waitMs = this.#nextStartAt - performance.now();
      if (waitMs > 0) {
        this.#wakeTimer ??= setTimeout(() => {
          this.#wakeTimer = undefined;
          this.#pump();
        }, Math.ceil(waitMs));
        return;
      }
      this.#nextStartAt = performance.now() + this.#spacingMs;
      this.#queue.shift()?.run();
    }
    this.#notifyIfIdle();
  }
}
