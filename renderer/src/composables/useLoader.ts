import { onMounted, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { OperationError, Result } from '../../../electron/contract/api';
import { useConsoleStore } from '../stores/console';

export interface Loader<T> {
  /** The last value read; kept while a reload runs, so a screen does not flash empty. */
  data: ShallowRef<T | null>;
  /** Why the last read failed: the screen shows it with a retry, never an empty list. */
  error: Ref<OperationError | null>;
  loading: Ref<boolean>;
  reload(): Promise<void>;
}

/**
 * Reads a screen's data through `read`, again whenever the console asks every screen to (sign-in, session
 * reopened, language changed). Answers of an older read that arrive after a newer one started are dropped.
 */
export function useLoader<T>(read: () => Promise<Result<T>>): Loader<T> {
  const store = useConsoleStore();
  const data = shallowRef<T | null>(null);
  const error = ref<OperationError | null>(null);
  const loading = ref(false);
  let generation = 0;

  async function reload(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    const result = await read();
    if (mine !== generation) return;
    loading.value = false;
    if (result.ok) {
      data.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  onMounted(() => void reload());
  watch(
    () => store.dataGeneration,
    () => void reload(),
  );
  return { data, error, loading, reload };
}

/**
 * Runs `work` at most once per `ms`: a burst of events (a thousand payouts changing) becomes a few reads.
 */
export function throttle(work: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  return () => {
    if (timer) {
      pending = true;
      return;
    }
    work();
    timer = setTimeout(function again() {
      timer = null;
      if (pending) {
        pending = false;
        work();
        timer = setTimeout(again, ms);
      }
    }, ms);
  };
}
