import type { AppInfo, ConsoleApi } from '../contract/api.js';
import { listBatches } from '../core/store/batches.js';
import type { Database } from '../core/store/database.js';

/**
 * The implementations behind the IPC contract, one function per ConsoleApi member. Deliberately free of
 * 'electron' so the same handlers can be served to a browser over a loopback bridge in end-to-end tests;
 * Electron-only facts (app version, resolved paths) come in as plain values.
 */

export interface ConsoleHandlerDeps {
  db: Database;
  databasePath: string;
  version: string;
  environment: AppInfo['environment'];
}

/** Same parameters and Result as the contract; a handler may answer synchronously. */
export type ConsoleHandlers = {
  [K in keyof ConsoleApi]: (
    ...args: Parameters<ConsoleApi[K]>
  ) => Awaited<ReturnType<ConsoleApi[K]>> | ReturnType<ConsoleApi[K]>;
};

export function createConsoleHandlers(deps: ConsoleHandlerDeps): ConsoleHandlers {
  const { db, databasePath, version, environment } = deps;
  return {
    appInfo: () => ({ ok: true, value: { version, environment, databasePath } }),
    // Mapped field by field: the store's snake_case rows never reach the renderer as they are.
    listBatches: () => ({
      ok: true,
      value: listBatches(db).map((b) => ({
        id: b.id,
        method: b.method,
        sourceFileName: b.source_file_name,
        status: b.status,
        payoutCount: b.payout_count,
        totalFen: b.total_fen,
        createdBy: b.created_by,
        createdAt: b.created_at,
      })),
    }),
  };
}
