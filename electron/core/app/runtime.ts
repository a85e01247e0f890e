/**
 * The composition root: the one place that turns options (a database, an environment, a cipher) into a
 * running console — store, sending service with its provider adapter and engine, application layer. The
 * command line, the desktop main process and browser mode all start here, and only here is the embedded
 * emulated provider known.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_RESOURCES_DIR } from '../paths.js';
import { loadReferenceData } from '../reference/referenceData.js';
import type { ConsoleStore } from '../store/ports.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Lang } from '../types.js';
import { rolePolicy, type AccessPolicy } from './access.js';
import { createApp, type ConsoleApp } from './app.js';
import { createErrorLog, type ErrorLog } from './errorLog.js';
import { AppError } from './errors.js';
import { createEventHub, type EventHub } from './events.js';
import { createKeyring, type KeySources } from './keyring.js';
import { createSessionRegistry } from './sessions.js';
import { createSendingService, type EmbeddedGate, type SendingService } from './sending.js';
import type { SendingOverrides } from './sendingConfig.js';
import { DEFAULT_SETTINGS, readSettings } from './settingsModel.js';

export interface ConsoleOptions {
  /** The database file; null runs without one (validating a file only). */
  databasePath: string | null;
  /** Refuse to create a database that does not exist (read-only commands, a mistyped path). */
  mustExist?: boolean;
  /** A better-sqlite3 build for another runtime (Electron's ABI). */
  nativeBinding?: string;
  /** `resources/` (reference tables); the repository's when running from source. */
  resourcesDir?: string;
  version: string;
  /** Where unexpected errors are written. */
  logDir: string;
  /** How this shell unwraps the installation key: the passphrase (command line), the OS key store (desktop). */
  keySources: KeySources;
  /** One run's own choices over the settings (the command line's options). */
  sending?: SendingOverrides;
  access?: AccessPolicy;
  now?: () => Date;
  /** The language of messages nobody asked for in particular (engine failures on the event stream). */
  lang?: () => Lang;
}

export interface ConsoleRuntime {
  app: ConsoleApp;
  events: EventHub;
  sending: SendingService;
  errors: ErrorLog;
  close(): Promise<void>;
}

export async function openConsole(options: ConsoleOptions): Promise<ConsoleRuntime> {
  const now = options.now ?? (() => new Date());
  const errors = createErrorLog(options.logDir, now);
  const events = createEventHub((error) => errors.record(error, 'event listener'));
  const resourcesDir = options.resourcesDir ?? SOURCE_RESOURCES_DIR;
  const reference = loadReferenceData(join(resourcesDir, 'reference'));
  const store = openStore(options);
  const databasePath = options.databasePath;

  const embeddedGate =
    databasePath === null
      ? null
      : async (): Promise<EmbeddedGate> => {
          // Loaded on first use: most commands never start it. Its ledger is kept beside the database, so a
          // later run (or the desktop app after a restart) still finds what an earlier one registered.
          const { startSandbox } = await import('../../sandbox/index.js');
          const gate = await startSandbox({
            port: 0,
            statePath: databasePath === ':memory:' ? undefined : `${databasePath}.sandbox.sqlite`,
            referenceDir: join(resourcesDir, 'reference'),
            nativeBinding: options.nativeBinding,
          });
          return { url: gate.url, close: () => gate.close() };
        };

  const keyring = createKeyring(store, options.keySources, now);
  const settings = async () => (store ? readSettings(await store.settings.all()) : DEFAULT_SETTINGS);
  const sending = createSendingService({
    store,
    settings,
    overrides: options.sending ?? {},
    keys: () => keyring.unlock(),
    reference,
    events,
    errors,
    embeddedGate,
    lang: options.lang ?? (() => 'en'),
    now: () => now().getTime(),
  });
  const app = createApp({
    store,
    reference,
    resourcesDir,
    now,
    events,
    access: options.access ?? rolePolicy,
    keyring,
    sessions: createSessionRegistry(),
    sending,
    errors,
    version: options.version,
  });
  return {
    app,
    events,
    sending,
    errors,
    async close() {
      await sending.stop();
      await store?.close();
    },
  };
}

function openStore(options: ConsoleOptions): ConsoleStore | null {
  const path = options.databasePath;
  if (path === null) return null;
  if (options.mustExist && path !== ':memory:' && !existsSync(path))
    throw new AppError('NO_DATABASE', { path });
  return openSqliteStore(path, { nativeBinding: options.nativeBinding });
}
