import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, operationChannel, type Lang, type Result } from '../contract/api';
import type { ConsoleRuntime } from '../core/app/runtime';

/** Who is asking: the desktop's person (until accounts exist) in the language the window shows. */
export type CallerOf = (lang: Lang) => { actor: string | null; lang: Lang };

/**
 * One handler per operation of the contract, each a straight call into the application layer. Every call
 * is checked to come from the console's own main frame (as VS Code does); the application layer checks the
 * payload and answers with a coded Result in the window's language.
 */
export function registerIpcHandlers(
  runtime: ConsoleRuntime,
  callerOf: CallerOf,
  isAppUrl: (url: string) => boolean,
): void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(
      operationChannel(name),
      async (event: IpcMainInvokeEvent, input: unknown, lang: unknown) => {
        if (!isTrustedSender(event, isAppUrl)) {
          return {
            ok: false,
            error: { code: 'IPC_FORBIDDEN', message: 'Untrusted sender' },
          } satisfies Result<never>;
        }
        return runtime.app.callByName(name, input, callerOf(lang === 'zh-CN' ? 'zh-CN' : 'en'));
      },
    );
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
