/** The reconciliation screen's behaviour: the earlier runs, the run on screen, a new run, resolving. */
import { ElMessage } from 'element-plus';
import { computed, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { OperationError } from '../../../../../electron/contract/api';
import type { ReconciliationResult } from '../../../../../electron/contract/records';
import { useLoader } from '../../../composables/useLoader';
import { formatCount } from '../../../format';
import { language } from '../../../locales';
import { useConsoleStore } from '../../../stores/console';
import { reconcileInput, type RunForm } from './input';
import { withResolved } from './kinds';

/** How many earlier runs the history lists. */
export const HISTORY_SIZE = 20;

/**
 * The history of runs (newest first) and one run on screen: the newest at first, another when chosen, a new
 * one once it ran. The run on screen is read again when every screen must (its details are in the page's
 * language).
 */
export function useReconciliation() {
  const store = useConsoleStore();
  const { t } = useI18n();

  const runs = useLoader(() => store.call('reconciliationRuns', { limit: HISTORY_SIZE }));
  const current = shallowRef<ReconciliationResult | null>(null);
  const currentError = ref<OperationError | null>(null);
  const opening = ref<number | null>(null);
  const running = ref(false);
  const runError = ref<OperationError | null>(null);

  const mayRun = computed(() => store.can('reconcile.run'));
  const mayResolve = computed(() => store.can('reconcile.resolve'));

  async function open(runId: number): Promise<void> {
    opening.value = runId;
    try {
      const result = await store.call('reconciliationRun', { runId });
      // A later choice (or a new run) wins over an answer that arrives late.
      if (opening.value !== runId) return;
      if (result.ok) {
        current.value = result.value;
        currentError.value = null;
      } else {
        currentError.value = result.error;
      }
    } finally {
      if (opening.value === runId) opening.value = null;
    }
  }

  // The newest run is shown once the history is first read.
  watch(
    () => runs.data.value,
    (list) => {
      const newest = list?.[0];
      if (!current.value && newest && opening.value === null) void open(newest.id);
    },
  );
  // Read again in the page's language (the exceptions' details are words of the main process).
  watch(
    () => store.dataGeneration,
    () => {
      if (current.value) void open(current.value.run.id);
    },
  );

  async function run(form: RunForm): Promise<boolean> {
    const input = reconcileInput(form);
    if (!input || running.value) return false;
    running.value = true;
    runError.value = null;
    opening.value = null;
    try {
      const result = await store.call('reconcile', input);
      if (!result.ok) {
        runError.value = result.error;
        return false;
      }
      current.value = result.value;
      currentError.value = null;
      ElMessage.success(
        t('reconciliation.form.done', { n: formatCount(result.value.exceptions.length, language.value) }),
      );
      void runs.reload();
      return true;
    } finally {
      running.value = false;
    }
  }

  /** Closes an exception with a note; the failure is returned for the dialog to show. */
  async function resolve(exceptionId: number, note: string): Promise<OperationError | null> {
    const result = await store.call('resolveReconciliationException', { exceptionId, note: note.trim() });
    if (!result.ok) return result.error;
    if (current.value) current.value = withResolved(current.value, result.value);
    ElMessage.success(t('reconciliation.resolve.done'));
    void runs.reload();
    return null;
  }

  return { runs, current, currentError, opening, running, runError, mayRun, mayResolve, open, run, resolve };
}

export type ReconciliationScreen = ReturnType<typeof useReconciliation>;
export type { RunForm };
