import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, operationChannel, type Result } from '../contract/api';
import { checkOperationInput, langOf } from '../contract/schemas';
import { holdSession, type HeldSession } from '../core/app/heldSession';
import type { ConsoleRuntime } from '../core/app/runtime';

/**
 * One handler per operation of the contract, each a straight call into the application layer, behind two
 * gates: the call must come from the console's own main frame (as VS Code checks), and its payload must have
 * the contract's shape (electron/contract/schemas.ts). A call refused by either never reaches the application
 * layer, which checks the payload's meaning and answers with a coded Result in the window's language.
 *
 * Each window has its own signed-in session, held here in the main process: the renderer never sees a token.
 */
export function registerIpcHandlers(
  runtime: ConsoleRuntime,
  isAppUrl: (url: string) => boolean,
): { isSignedIn(webContentsId: number): boolean } {
  const sessions = new Map<number, HeldSession>();
  const sessionOf = (event: IpcMainInvokeEvent): HeldSession => {
    const id = event.sender?.id ?? 0;
    let held = sessions.get(id);
    if (!held) {
      held = holdSession(runtime.app);
      sessions.set(id, held);
      // A closed window's session ends with it.
      event.sender?.once?.('destroyed', () => sessions.delete(id));
    }
    return held;
  };
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(
      operationChannel(name),
      async (event: IpcMainInvokeEvent, input: unknown, lang: unknown): Promise<Result<unknown>> => {
        if (!isTrustedSender(event, isAppUrl)) {
          return {
            ok: false,
            error: { code: 'IPC_FORBIDDEN', message: 'Untrusted sender' },
          } satisfies Result<never>;
        }
        const language = langOf(lang);
        const checked = checkOperationInput(name, input, language, 'ipc');
        if (!checked.ok) return { ok: false, error: checked.error } satisfies Result<never>;
        return sessionOf(event).call(name, checked.value, language);
      },
    );
  }
  return { isSignedIn: signedInOf(sessions) };
}

/** Whether a window's session is signed in: events (batch ids, statuses, counts) go only to those. */
function signedInOf(sessions: Map<number, HeldSession>) {
  return (webContentsId: number) => sessions.get(webContentsId)?.signedIn() ?? false;
}

function isTrustedSender(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
