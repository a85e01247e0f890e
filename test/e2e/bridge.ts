/**
 * A loopback stand-in for Electron's preload + IPC, so the built renderer can run in plain Chromium
 * against the real main-process handlers:
 *
 *   page: window.cupConsole.listBatches()  (shim from installConsoleShim)
 *     -> fetch POST /__bridge/listBatches  body: JSON array of arguments
 *     -> createConsoleHandlers(...).listBatches()  -> JSON Result
 *
 * The same server serves the renderer build, so the page and the bridge share one origin and the page's
 * own CSP (`connect-src 'self'`) allows the calls. The renderer is not changed in any way.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { CHANNELS, type ConsoleApi, type Result } from '../../electron/contract/api.js';
import type { ConsoleHandlers } from '../../electron/main/handlers.js';

const BRIDGE_PREFIX = '/__bridge/';
const API_NAMES = Object.keys(CHANNELS) as Array<keyof ConsoleApi>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface RunningBridge {
  /** The renderer's address, e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

export async function startBridge(options: {
  /** A built renderer folder (electron-vite's `out/renderer`). */
  rendererDir: string;
  handlers: ConsoleHandlers;
}): Promise<RunningBridge> {
  const root = resolve(options.rendererDir);
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[bridge]', err instanceof Error ? err.message : err);
      if (!res.headersSent) send(res, 500, 'text/plain', 'bridge failure');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path.startsWith(BRIDGE_PREFIX)) return callHandler(req, res, path.slice(BRIDGE_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed');
    // Chromium asks an http page for a favicon (Electron's file:// page never does): answer "none".
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    return serveFile(res, path);
  }

  async function callHandler(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
    // The IPC layer only answers the app's own frame; here, only pages served by this bridge.
    if (req.headers.origin !== origin) return send(res, 403, 'text/plain', 'foreign origin');
    // Only contract functions, looked up as own keys (never `__proto__`, `constructor`, ...).
    if (!(API_NAMES as string[]).includes(name)) return send(res, 404, 'text/plain', 'no such function');

    let args: unknown;
    try {
      args = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, 'text/plain', 'body must be JSON');
    }
    if (!Array.isArray(args)) return send(res, 400, 'text/plain', 'body must be a JSON array of arguments');

    const handler = options.handlers[name as keyof ConsoleApi] as (...a: unknown[]) => unknown;
    let result: unknown;
    try {
      result = await handler(...args);
    } catch (err) {
      // Same answer as registerIpcHandlers gives: a code and message, never a stack.
      console.error(`[bridge] ${name} failed:`, err instanceof Error ? err.message : 'unknown error');
      result = {
        ok: false,
        error: { code: 'INTERNAL', message: 'The operation failed.' },
      } satisfies Result<never>;
    }
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  async function serveFile(res: ServerResponse, urlPath: string): Promise<void> {
    const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
    const file = resolve(join(root, relative));
    if (!file.startsWith(root + sep)) return send(res, 404, 'text/plain', 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'not found');
    }
    send(res, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body);
  }

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ready);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        // Chromium keeps connections alive; do not wait for it to let go.
        server.closeAllConnections();
      }),
  };
}

/**
 * Defines `window.cupConsole` in every document the page opens, before any page script runs: the same
 * named functions the preload exposes, each forwarding its arguments to the bridge. Playwright injects it
 * over the DevTools protocol, so the page's CSP does not apply to the script itself, only to its fetches.
 */
export async function installConsoleShim(page: Page): Promise<void> {
  await page.addInitScript((names: string[]) => {
    // Runs in the browser: names come from CHANNELS, serialized by Playwright.
    const call = async (name: string, args: unknown[]): Promise<unknown> => {
      const response = await fetch(`/__bridge/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      // Like a failed ipcRenderer.invoke: the promise rejects; handler failures arrive as Results.
      if (!response.ok) throw new Error(`bridge ${name}: HTTP ${response.status}`);
      return response.json();
    };
    const api = Object.fromEntries(names.map((name) => [name, (...args: unknown[]) => call(name, args)]));
    Object.defineProperty(globalThis, 'cupConsole', { value: Object.freeze(api), enumerable: true });
  }, API_NAMES);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}
