/**
 * The typed contract between the renderer and the main process. The preload exposes exactly these
 * functions as `window.cupConsole`; the main process registers one handler per channel.
 * Types only: this file is shared by main, preload and renderer builds.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export interface AppInfo {
  version: string;
  /** Environment the console sends payouts to; the embedded sandbox unless configured otherwise. */
  environment: 'sandbox' | 'production';
  databasePath: string;
}

export interface BatchSummary {
  id: number;
  method: string;
  sourceFileName: string;
  status: string;
  payoutCount: number;
  totalFen: number;
  createdBy: string;
  createdAt: string;
}

export interface ConsoleApi {
  appInfo(): Promise<Result<AppInfo>>;
  listBatches(): Promise<Result<BatchSummary[]>>;
}

/** IPC channel names, one per API function. */
export const CHANNELS = {
  appInfo: 'console:app-info',
  listBatches: 'console:list-batches',
} as const satisfies Record<keyof ConsoleApi, string>;
