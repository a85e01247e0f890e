/**
 * The typed API the preload exposes as `window.cupConsole`: one named function per operation, plus one
 * event subscription. The renderer imports nothing from the main process but this contract.
 */
import type { ConsoleEventListener } from './events.js';
import {
  OPERATION_NAMES,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from './operations.js';
import type { Result } from './result.js';

export type ConsoleApi = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>;
} & {
  /** Subscribes to the event stream; returns the unsubscribe function. */
  onEvent(listener: ConsoleEventListener): () => void;
};

/** IPC channel of an operation. */
export function operationChannel(name: OperationName): string {
  return `console:op:${name}`;
}

/** The one channel events travel on, main → renderer. */
export const EVENT_CHANNEL = 'console:event';

export { OPERATION_NAMES };
export type * from './events.js';
export type * from './operations.js';
export type * from './records.js';
export type * from './result.js';
