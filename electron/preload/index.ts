import { contextBridge, ipcRenderer } from 'electron';
import {
  EVENT_CHANNEL,
  OPERATION_NAMES,
  operationChannel,
  type ConsoleApi,
  type ConsoleEvent,
  type ConsoleEventListener,
} from '../contract/api';

// Named functions only: the renderer never sees ipcRenderer, an IPC event object, or a channel it was not
// given. Each call carries the language the page shows, so messages come back in it.
const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(operationChannel(name), input, pageLanguage()),
  ]),
);

/** The `lang` of the page's <html>: the renderer keeps it set to the language it shows. */
function pageLanguage(): string | undefined {
  const page = globalThis as { document?: { documentElement?: { lang?: string } } };
  return page.document?.documentElement?.lang;
}

function onEvent(listener: ConsoleEventListener): () => void {
  const forward = (_event: unknown, consoleEvent: ConsoleEvent) => listener(consoleEvent);
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
}

const api = { ...operations, onEvent } as ConsoleApi;

contextBridge.exposeInMainWorld('cupConsole', api);
