import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { message } from './pages/messages.js';
import {
  addonFileVerdict,
  describeVerdict,
  electronAbi,
  electronExecutable,
  electronNativePath,
  electronVersion,
} from '../../scripts/electron-abi.mjs';

/**
 * Launches the real desktop app. Runs only where the Electron binary has been downloaded (users' and
 * developers' machines with internet) and better-sqlite3 was built for it (`npm start` does both); on this
 * offline CI machine it is skipped with the reason. Never imports `electron` (that would try to download it).
 */

const root = join(import.meta.dirname, '..', '..');
const electronDir = join(root, 'node_modules', 'electron');
const electronBinary = electronExecutable(electronDir);
const version = electronVersion(electronDir);
const abi = electronAbi(electronDir);
const nativeBinding = electronNativePath(root, version);
const native = addonFileVerdict(nativeBinding, abi);

// Every reason the launch cannot happen here, so one skip message tells all that is missing.
const problems: string[] = [];
if (!electronBinary) {
  problems.push(
    `the Electron ${version} binary has not been downloaded (run \`npm start\` once with internet)`,
  );
}
if (!abi) {
  problems.push(
    `cannot tell which ABI Electron ${version} needs (${join(electronDir, 'abi_version')} is missing)`,
  );
} else if (native.verdict === 'missing') {
  problems.push(
    `better-sqlite3 has not been built for Electron (ABI ${abi}) yet (run \`npm start\` once with internet)`,
  );
} else if (native.verdict !== 'match') {
  problems.push(`${describeVerdict(native, nativeBinding)} (run \`npm start\` to rebuild it)`);
}
const missing = problems.length > 0 ? problems.join('; ') : null;

if (missing) console.warn(`Skipping the Electron launch test: ${missing}.`);

describe('desktop app', () => {
  it.skipIf(missing !== null)(
    'opens a hardened window showing the console shell',
    async () => {
      const { _electron } = await import('playwright-core');
      execFileSync(
        process.execPath,
        [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
        {
          cwd: root,
          stdio: 'ignore',
        },
      );
      const dataDir = mkdtempSync(join(tmpdir(), 'cup-electron-'));
      const app = await _electron.launch({
        executablePath: electronBinary as string,
        args: [join(root, 'out', 'main', 'index.js')],
        env: {
          ...process.env,
          CUP_PAYOUTS_DB: join(dataDir, 'console.sqlite'),
          CUP_PAYOUTS_LOG_DIR: join(dataDir, 'logs'),
        },
      });
      try {
        const window = await app.firstWindow();
        await expect.poll(() => window.title()).toBe('CUP Payout Console');
        // The console's own origin, not file:// (a file:// page shares its origin with every local file).
        expect(window.url()).toMatch(/^app:\/\/console\/index\.html(#.*)?$/);
        // A new database: the window asks for the first admin, in the system's language.
        const firstAdmin = (['en', 'zh-CN'] as const).map((lang) => message(lang, 'common.createAdminTitle'));
        await window
          .getByRole('heading', { level: 2, name: new RegExp(`^(${firstAdmin.join('|')})$`) })
          .waitFor({ timeout: 30_000 });
        const prefs = await app.evaluate(({ BrowserWindow }) => {
          const [win] = BrowserWindow.getAllWindows();
          const webPreferences = (
            win?.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
          ).getLastWebPreferences();
          return { sandbox: webPreferences['sandbox'], contextIsolation: webPreferences['contextIsolation'] };
        });
        expect(prefs).toEqual({ sandbox: true, contextIsolation: true });
        // The renderer has the typed API and nothing else from Node.
        // (The callbacks run in the renderer, so they name globalThis themselves.)
        type Page = { require?: unknown; cupConsole: { listBatches: unknown } };
        expect(await window.evaluate(() => typeof (globalThis as unknown as Page).require)).toBe('undefined');
        expect(
          await window.evaluate(() => typeof (globalThis as unknown as Page).cupConsole.listBatches),
        ).toBe('function');
      } finally {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
