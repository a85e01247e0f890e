import { onMounted, onUnmounted } from 'vue';
import type { ConsoleEventListener } from '../../../electron/contract/api';
import { useConsoleStore } from '../stores/console';

/** Listens to the main process's events while the component is on screen. */
export function useConsoleEvents(listener: ConsoleEventListener): void {
  const store = useConsoleStore();
  let stop = () => {};
  onMounted(() => {
    stop = store.onEvent(listener);
  });
  onUnmounted(() => stop());
}
