import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path, { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's `resources/` folder when running from source or from the built command line (tests,
 * bench, CLI): the nearest `resources/reference` above this module, wherever a bundler put it.
 */
function findResourcesDir(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'reference', 'methods.json'))) return candidate;
    if (dirname(dir) === dir) return join(start, '..', '..', 'resources');
  }
}

export const SOURCE_RESOURCES_DIR = findResourcesDir(dirname(fileURLToPath(import.meta.url)));
export const SOURCE_REFERENCE_DIR = join(SOURCE_RESOURCES_DIR, 'reference');

const APP_DIR = 'cup-payout-console';
const DB_FILE = 'console.sqlite';

export interface AppDataOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * The per-user folder the console keeps its data in: %APPDATA% on Windows, ~/Library/Application Support on
 * macOS, $XDG_DATA_HOME or ~/.local/share on Linux.
 */
export function appDataDir(options: AppDataOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_DIR);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR);
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const dataHome = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, APP_DIR);
}

/** Where the console keeps its database: CUP_PAYOUTS_DB if set, otherwise in the app data folder. */
export function defaultDatabasePath(options: AppDataOptions = {}): string {
  const override = (options.env ?? process.env).CUP_PAYOUTS_DB?.trim();
  if (override) return override;
  const dir = appDataDir(options);
  return (options.platform ?? process.platform) === 'win32'
    ? path.win32.join(dir, DB_FILE)
    : path.posix.join(dir, DB_FILE);
}

/**
 * Where unexpected errors are written, with the reference id the user sees: CUP_PAYOUTS_LOG_DIR if set,
 * otherwise `logs/` in the app data folder.
 */
export function defaultLogDir(options: AppDataOptions = {}): string {
  const override = (options.env ?? process.env).CUP_PAYOUTS_LOG_DIR?.trim();
  return override || join(appDataDir(options), 'logs');
}
