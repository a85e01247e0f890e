/** One stream of events for everything long-running; shells subscribe (the CLI's progress bar, IPC). */
import type { ConsoleEvent, ConsoleEventListener } from '../../contract/events.js';

export type { ConsoleEvent, ConsoleEventListener };

export interface EventHub {
  emit(event: ConsoleEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: ConsoleEventListener): () => void;
}

export function createEventHub(onListenerError: (error: unknown) => void = () => {}): EventHub {
  const listeners = new Set<ConsoleEventListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        // A failing listener (a closed window) must not stop the work that emits.
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
