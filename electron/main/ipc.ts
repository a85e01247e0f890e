import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type ConsoleApi, type Result } from '../contract/api';

type Handlers = {
  [K in keyof ConsoleApi]: (
    ...args: Parameters<ConsoleApi[K]>
  ) => Awaited<ReturnType<ConsoleApi[K]>> | ReturnType<ConsoleApi[K]>;
};

/**
 * Registers one handler per contract channel. Every call is checked to come from the console's own main
 * frame (as VS Code does), and failures reach the renderer as a plain code + message, never a stack.
 */
export function registerIpcHandlers(handlers: Handlers, isAppUrl: (url: string) => boolean): void {
  for (const name of Object.keys(CHANNELS) as Array<keyof ConsoleApi>) {
    const handler = handlers[name] as (...args: unknown[]) => unknown;
    ipcMain.handle(CHANNELS[name], async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event, isAppUrl)) {
        return {
          ok: false,
          error: { code: 'IPC_FORBIDDEN', message: 'Untrusted sender' },
        } satisfies Result<never>;
      }
      try {
        return await handler(...args);
      } catch (err) {
        console.error(`[ipc] ${name} failed:`, err instanceof Error ? err.message : 'unknown error');
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'The operation failed.' },
        } satisfies Result<never>;
      }
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
