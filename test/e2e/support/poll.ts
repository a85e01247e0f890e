/**
 * expect.poll with the patience a shared two-core machine needs: a screen may take seconds to follow a
 * change there (vitest's own default gives up after one second).
 */
import { expect } from 'vitest';

export const POLL_TIMEOUT_MS = 20_000;

export function poll<T>(read: () => T | Promise<T>, timeout = POLL_TIMEOUT_MS) {
  return expect.poll(read, { timeout, interval: 100 });
}
