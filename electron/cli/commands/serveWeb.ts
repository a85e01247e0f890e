/**
 * `cup-payouts serve-web`: the console in a browser. The same renderer build and the same application layer
 * as the desktop app; only the transport differs (browser mode's loopback bridge instead of IPC). The page
 * signs in, unlocks and initialises exactly as the desktop window does.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startBridge, type RunningBridge } from '../../browser/bridge.js';
import type { KeySources } from '../../core/app/keyring.js';
import { openConsole, type ConsoleRuntime } from '../../core/app/runtime.js';
import { PASSPHRASE_ENV } from '../../core/credentials/cipher.js';
import { defaultDatabasePath, defaultLogDir, SOURCE_RESOURCES_DIR } from '../../core/paths.js';
import { integerOption, noPositionals, parseCommandArgs, resolveLang, UsageError } from '../args.js';
import { line, type CliIo } from '../io.js';
import { cliMessages } from '../messages.js';
import { passphraseInEnv } from '../secrets.js';
import { databasePathOf } from '../session.js';
import { cliVersion } from '../version.js';

const OPTIONS = {
  db: { type: 'string' },
  port: { type: 'string' },
} as const;

/** The renderer build `npm install` makes (scripts/renderer-build.mjs), beside the command line's build. */
export function builtRendererDir(): string {
  return join(dirname(SOURCE_RESOURCES_DIR), 'dist', 'renderer');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  noPositionals(positionals);
  const lang = resolveLang(values['lang'], io.env);
  const port = integerOption(values, 'port') ?? 0;
  if (port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535.');
  const text = cliMessages(lang);

  const rendererDir = builtRendererDir();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    line(io.stderr, text.serveWebNoPage(rendererDir));
    return 2;
  }
  // Like the desktop app: its database unless told otherwise; a new one is set up by the page's first admin.
  const databasePath = databasePathOf(values, 'optional', io.env) ?? defaultDatabasePath({ env: io.env });
  const runtime = await openConsole({
    databasePath,
    version: cliVersion(),
    logDir: defaultLogDir({ env: io.env }),
    keySources: keySourcesOf(io),
    lang: () => lang,
  });

  let bridge: RunningBridge;
  try {
    bridge = await startBridge({ rendererDir, runtime, port });
  } catch (error) {
    await runtime.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      line(io.stderr, text.serveWebPortInUse(port));
      return 2;
    }
    throw error;
  }
  // As the desktop app: resume what a previous run left and follow every active batch while serving.
  runtime.sending.start();
  // The address (with its token) is the first line of stdout: scripts and tests read it.
  line(io.stdout, bridge.pageUrl);
  line(io.stderr, text.serveWebReady(databasePath));

  await untilStopped(io.stop);
  await closeAll(bridge, runtime);
  return 0;
}

/**
 * The passphrase in CUP_PAYOUTS_PASSPHRASE unlocks the database's key; without it the page asks (its unlock
 * and first-admin screens), as the desktop app does where the computer's key store cannot.
 */
function keySourcesOf(io: CliIo): KeySources {
  if (!passphraseInEnv(io)) return {};
  const passphrase = io.env[PASSPHRASE_ENV] as string;
  return { passphrase: async () => passphrase, passphraseAvailable: () => true };
}

/** The page's connections first, then the engine (requests in flight are answered and journaled). */
async function closeAll(bridge: RunningBridge, runtime: ConsoleRuntime): Promise<void> {
  try {
    await bridge.close();
  } finally {
    await runtime.close();
  }
}

/** Resolves on SIGINT, SIGTERM or `stop`, whichever comes first, and removes its listeners. */
function untilStopped(stop: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (stop?.aborted) done();
    else stop?.addEventListener('abort', done, { once: true });
  });
}
