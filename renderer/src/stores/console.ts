import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, BatchSummary } from '../../../electron/contract/api';

export const useConsoleStore = defineStore('console', () => {
  const info = ref<AppInfo | null>(null);
  const batches = ref<BatchSummary[]>([]);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    const [infoResult, batchesResult] = await Promise.all([
      window.cupConsole.appInfo(),
      window.cupConsole.listBatches(),
    ]);
    if (infoResult.ok) info.value = infoResult.value;
    if (batchesResult.ok) batches.value = batchesResult.value;
    const failed = !infoResult.ok ? infoResult : !batchesResult.ok ? batchesResult : null;
    error.value = failed && !failed.ok ? failed.error.message : null;
  }

  return { info, batches, error, load };
});
