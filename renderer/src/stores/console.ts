import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, BatchView, ConsoleEvent } from '../../../electron/contract/api';

/** The console's state in the window: what the main process reported last, kept live by its events. */
export const useConsoleStore = defineStore('console', () => {
  const info = ref<AppInfo | null>(null);
  const batches = ref<BatchView[]>([]);
  /** The last failure, as the main process said it (code and message in the UI's language). */
  const error = ref<{ code: string; message: string } | null>(null);
  const loaded = ref(false);

  async function load(): Promise<void> {
    const [infoResult, batchesResult] = await Promise.all([
      window.cupConsole.appInfo(undefined),
      window.cupConsole.listBatches(undefined),
    ]);
    if (infoResult.ok) info.value = infoResult.value;
    if (batchesResult.ok) batches.value = batchesResult.value;
    const failed = !infoResult.ok ? infoResult : !batchesResult.ok ? batchesResult : null;
    error.value = failed && !failed.ok ? failed.error : null;
    loaded.value = batchesResult.ok;
  }

  /** Batches and payouts change while the window is open (sending, another desk): reload on each change. */
  function follow(): () => void {
    return window.cupConsole.onEvent((event: ConsoleEvent) => {
      if (event.type === 'batch.changed' || event.type === 'payouts.changed') void load();
      if (event.type === 'engine.error') error.value = { code: event.code, message: event.message };
    });
  }

  return { info, batches, error, loaded, load, follow };
});
