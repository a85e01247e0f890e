import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../electron/browser/bridge.js';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import { ensureRendererBuild } from '../../scripts/renderer-build.mjs';

/**
 * The console page's security in a real browser (Chromium), served as `cup-payouts serve-web` serves it:
 * the renderer build, the page script that carries the token, the bridge to the real application layer.
 * The page gets no Node, runs under its Content-Security-Policy, opens no windows, and no other origin (a
 * second loopback server) can call the bridge, frame the page or listen to its events, even knowing the token.
 * (The desktop window's navigation and window-open refusals are Electron's: test/unit/electron-lockdown.test.ts.)
 */

const CHROMIUM = '/usr/bin/chromium';
const PASSPHRASE = 'e2e passphrase for security';

const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (apt-get install -y chromium)`;
if (missing) console.warn(`Skipping the browser security test: ${missing}.`);

/**
 * What the callbacks below use of the page (this project typechecks without the DOM library). They run in
 * the page, from their source text: each names `globalThis` itself and gets what it needs as an argument.
 */
interface PageGlobals {
  cupConsole: { securityStatus(input?: undefined): Promise<{ ok: boolean }> };
  location: { hash: string; href: string };
  document: {
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ): void;
    createElement(tag: 'script'): { textContent: string; src: string };
    head: { append(node: unknown): void };
  };
  open(url: string): unknown;
  inlineScriptRan?: boolean;
  foreignScriptRan?: boolean;
}

describe.skipIf(missing !== null)('the console page in Chromium', () => {
  let dataDir: string;
  let runtime: ConsoleRuntime;
  let bridge: RunningBridge;
  let browser: Browser | undefined;
  /** Another site on this computer: same host, another port, so another origin. */
  let elsewhere: Server;
  let elsewhereOrigin: string;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    const [rendererDir, launched] = await Promise.all([
      ensureRendererBuild(),
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
    ]);
    browser = launched;
    dataDir = mkdtempSync(join(tmpdir(), 'cup-e2e-security-'));
    // A console nobody set up yet: a foreign page that got through could create its first admin.
    runtime = await openConsole({
      databasePath: join(dataDir, 'console.sqlite'),
      version: 'e2e',
      logDir: join(dataDir, 'logs'),
      keySources: { passphrase: async () => PASSPHRASE, passphraseAvailable: () => true },
    });
    bridge = await startBridge({ rendererDir, runtime });
    elsewhere = createServer((req, res) => {
      if (req.url === '/script.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end('window.foreignScriptRan = true;');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>elsewhere</title><iframe src="${bridge.pageUrl}"></iframe>`);
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await runtime?.close();
    elsewhere?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The console page as a person opens it: the printed address, nothing injected. */
  async function openConsolePage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    await page.goto(bridge.pageUrl);
    await page.waitForFunction(() => 'cupConsole' in globalThis);
    return { context, page };
  }

  it('has no Node, only the console API, and keeps the token out of the address bar', async () => {
    const { context, page } = await openConsolePage();
    try {
      for (const name of ['require', 'process', 'module', 'Buffer', 'global', '__dirname'])
        expect(await page.evaluate(`typeof ${name}`), name).toBe('undefined');
      expect(
        await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).cupConsole.securityStatus),
      ).toBe('function');
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).location.href)).not.toContain(
        bridge.token,
      );
      // The page script's token works, also after a reload (this tab keeps it).
      expect(
        await page.evaluate(() => (globalThis as unknown as PageGlobals).cupConsole.securityStatus()),
      ).toMatchObject({ ok: true });
      await page.reload();
      await page.waitForFunction(() => 'cupConsole' in globalThis);
      expect(
        await page.evaluate(() => (globalThis as unknown as PageGlobals).cupConsole.securityStatus()),
      ).toMatchObject({ ok: true });
    } finally {
      await context.close();
    }
  });

  it('runs under a Content-Security-Policy: no inline script, no script from elsewhere, no eval', async () => {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    try {
      const response = await page.goto(bridge.pageUrl);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      const outcome = await page.evaluate(
        (foreignScript) =>
          new Promise<{ inline: boolean; foreign: boolean; violations: string[] }>((resolve) => {
            const violations: string[] = [];
            const { document } = globalThis as unknown as PageGlobals;
            document.addEventListener('securitypolicyviolation', (event) =>
              violations.push(`${event.violatedDirective} ${event.blockedURI}`),
            );
            const inline = document.createElement('script');
            inline.textContent = 'window.inlineScriptRan = true;';
            document.head.append(inline);
            const foreign = document.createElement('script');
            foreign.src = foreignScript;
            document.head.append(foreign);
            setTimeout(
              () =>
                resolve({
                  inline: (globalThis as unknown as PageGlobals).inlineScriptRan === true,
                  foreign: (globalThis as unknown as PageGlobals).foreignScriptRan === true,
                  violations,
                }),
              500,
            );
          }),
        `${elsewhereOrigin}/script.js`,
      );
      expect(outcome.inline).toBe(false);
      expect(outcome.foreign).toBe(false);
      expect(outcome.violations).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^script-src(-elem)? inline$/),
          expect.stringMatching(new RegExp(`^script-src(-elem)? ${elsewhereOrigin}/script.js$`)),
        ]),
      );
      // Code evaluated by the test harness itself is exempt from the policy: the page's own code, run later
      // from a timer, is not.
      const evalOutcome = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            setTimeout(() => {
              const outcomes: string[] = [];
              for (const attempt of [() => eval('1 + 1'), () => new Function('return 2')()]) {
                try {
                  outcomes.push(`ran: ${String(attempt())}`);
                } catch (error) {
                  outcomes.push((error as Error).name);
                }
              }
              resolve(outcomes);
            }, 0);
          }),
      );
      expect(evalOutcome).toEqual(['EvalError', 'EvalError']);
    } finally {
      await context.close();
    }
  });

  it('opens no window: window.open answers null and no page appears', async () => {
    const { context, page } = await openConsolePage();
    try {
      let popups = 0;
      page.on('popup', () => (popups += 1));
      const open = (url: string) => (globalThis as unknown as PageGlobals).open(url);
      expect(await page.evaluate(open, 'about:blank')).toBeNull();
      expect(await page.evaluate(open, bridge.url)).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(popups).toBe(0);
      expect(context.pages()).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('refuses another origin calling the bridge, even with the token', async () => {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${elsewhereOrigin}/`);
      const attempt = { url: `${bridge.url}__bridge/op/initialise`, token: bridge.token };
      const body = JSON.stringify({
        input: { admin: 'intruder', password: 'intruder password 2026', passphrase: PASSPHRASE },
        lang: 'en',
      });
      // With the token header the browser must ask first (preflight); the bridge grants nothing.
      const withToken = await page.evaluate(
        async ({ url, token, body }) => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-console-token': token },
              body,
            });
            return `answered ${response.status}`;
          } catch (error) {
            return (error as Error).name;
          }
        },
        { ...attempt, body },
      );
      expect(withToken).toBe('TypeError');
      // A "simple" request goes without asking, but loses the token header and carries its Origin: refused,
      // and the browser withholds even the refusal (Cross-Origin-Resource-Policy).
      const simple = await page.evaluate(
        async ({ url, body }) => {
          try {
            const response = await fetch(url, { method: 'POST', mode: 'no-cors', body });
            return response.type;
          } catch (error) {
            return (error as Error).name;
          }
        },
        { ...attempt, body },
      );
      expect(simple).toBe('TypeError');
      // Neither reached the application layer: the console still has no account.
      const status = await runtime.app.call('securityStatus', undefined, { lang: 'en', session: null });
      expect(status).toMatchObject({ ok: true, value: { initialised: false } });
    } finally {
      await context.close();
    }
  });

  it('refuses another origin listening to the event stream, even with the token', async () => {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${elsewhereOrigin}/`);
      const outcome = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const source = new EventSource(url);
            source.onopen = () => resolve('open');
            source.onerror = () => {
              source.close();
              resolve('error');
            };
          }),
        `${bridge.url}__bridge/events?token=${bridge.token}`,
      );
      expect(outcome).toBe('error');
    } finally {
      await context.close();
    }
  });

  it('cannot be framed by another origin: the framed console never loads, so it holds no API', async () => {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${elsewhereOrigin}/`);
      await page.waitForLoadState('load');
      const framed = page.frames().find((frame) => frame !== page.mainFrame());
      expect(framed).toBeDefined();
      expect(framed?.url().startsWith(bridge.url)).toBe(false);
      expect(await framed?.evaluate(() => 'cupConsole' in globalThis).catch(() => false)).toBe(false);
    } finally {
      await context.close();
    }
  });
});
