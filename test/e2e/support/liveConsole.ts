/**
 * A console as the end-to-end tests (and an engineer at the screen) use it: the production renderer build,
 * the real application layer over a real SQLite file on the embedded sandbox, the loopback bridge, and
 * Debian's Chromium driven by Playwright. Accounts: `admin`, `alice` (operator), `wang` (approver) and
 * `zhao` (viewer), with the passwords below.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { consoleShim, startBridge, type RunningBridge } from '../../../electron/browser/bridge.js';
import type { Role } from '../../../electron/contract/records.js';
import { openConsole, type ConsoleRuntime } from '../../../electron/core/app/runtime.js';
import type { SendingOverrides } from '../../../electron/core/app/sendingConfig.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const TMP_ROOT = join(ROOT, 'test', '.tmp');

/** A new folder of its own under test/.tmp (which a fresh clone does not have yet) for one test's build. */
export function newBuildDir(prefix: string): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  return mkdtempSync(join(TMP_ROOT, prefix));
}

export const PASSPHRASE = 'e2e passphrase for the console';
export const ACCOUNTS = {
  admin: { password: 'lantern orchard 4417', roles: ['admin'] as Role[] },
  alice: { password: 'copper meadow 2581', roles: ['operator'] as Role[] },
  wang: { password: 'quiet harbour 9034', roles: ['approver'] as Role[] },
  zhao: { password: 'amber valley 6620', roles: ['viewer'] as Role[] },
} as const;
export type AccountName = keyof typeof ACCOUNTS;

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)`;
}

/** Builds the app (same config as `npm run build`) into a folder of its own; returns the renderer folder. */
export async function buildRenderer(outDir: string): Promise<string> {
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
      '--outDir',
      outDir,
      '--logLevel',
      'error',
    ],
    { cwd: ROOT },
  );
  return join(outDir, 'renderer');
}

export function launchChromium(): Promise<Browser> {
  return import('playwright-core').then(({ chromium }) =>
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }),
  );
}

export interface LiveConsole {
  runtime: ConsoleRuntime;
  bridge: RunningBridge;
  dataDir: string;
  /** A session token for an account, signed in on the application layer (as the command line does). */
  signIn(name: AccountName): Promise<string>;
  close(): Promise<void>;
}

export interface LiveConsoleOptions {
  /** The console's clock (tests move it on to let sessions go idle). */
  now?: () => Date;
  dataDir?: string;
  /** How the engine paces itself (the sandbox may be asked sooner than production allows). */
  sending?: SendingOverrides;
  /** A console nobody set up yet: no admin, no accounts (the page asks for the first admin). */
  blank?: boolean;
}

/** A console with its accounts on a new database, served to the browser from `rendererDir`. */
export async function startLiveConsole(
  rendererDir: string,
  options: LiveConsoleOptions = {},
): Promise<LiveConsole> {
  mkdirSync(TMP_ROOT, { recursive: true });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cup-e2e-'));
  const runtime = await openConsole({
    databasePath: join(dataDir, 'console.sqlite'),
    version: '0.1.0-e2e',
    logDir: join(dataDir, 'logs'),
    keySources: { passphrase: async () => PASSPHRASE, passphraseAvailable: () => true },
    ...(options.now ? { now: options.now } : {}),
    ...(options.sending ? { sending: options.sending } : {}),
  });
  const caller = (session: string | null) => ({ lang: 'en' as const, session });
  async function signIn(name: AccountName): Promise<string> {
    const result = await runtime.app.call(
      'signIn',
      { name, password: ACCOUNTS[name].password },
      caller(null),
    );
    if (!result.ok || result.value.token === null)
      throw new Error(`sign-in refused: ${JSON.stringify(result)}`);
    return result.value.token;
  }
  /** The first admin, then the other accounts, as the admin adds them. */
  async function setUpAccounts(): Promise<void> {
    const init = await runtime.app.call(
      'initialise',
      { admin: 'admin', password: ACCOUNTS.admin.password, passphrase: PASSPHRASE },
      caller(null),
    );
    if (!init.ok) throw new Error(`initialise refused: ${JSON.stringify(init)}`);

    const admin = await signIn('admin');
    for (const name of ['alice', 'wang', 'zhao'] as const) {
      const added = await runtime.app.call(
        'addUser',
        { name, roles: ACCOUNTS[name].roles, password: ACCOUNTS[name].password },
        caller(admin),
      );
      if (!added.ok) throw new Error(`addUser ${name} refused: ${JSON.stringify(added)}`);
    }
  }
  if (!options.blank) await setUpAccounts();
  runtime.sending.start();
  const bridge = await startBridge({ rendererDir, runtime });
  return {
    runtime,
    bridge,
    dataDir,
    signIn,
    async close() {
      await bridge.close();
      await runtime.close();
    },
  };
}

/** A page on the bridge, in `locale`, with its console errors, page errors and CSP violations collected. */
export async function openConsolePage(
  browser: Browser,
  bridge: RunningBridge,
  problems: string[],
  locale = 'zh-CN',
  viewport = { width: 1440, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          addEventListener: (
            t: string,
            l: (e: { violatedDirective: string; blockedURI: string }) => void,
          ) => void;
        };
      }
    ).document;
    doc.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`),
    );
  });
  await page.addInitScript({ content: consoleShim(bridge.token) });
  await page.goto(bridge.url);
  return { context, page };
}
