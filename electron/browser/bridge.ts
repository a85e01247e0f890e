/**
 * Browser mode: the built renderer served to a plain browser on loopback, with the contract's operations and
 * events over HTTP instead of Electron's preload and IPC. The same application layer answers (one
 * composition root), so the end-to-end tests drive the real thing in Chromium where Electron cannot run.
 *
 *   page: window.cupConsole.listBatches(input)      (the shim from `consoleShim`)
 *     -> POST /__bridge/op/listBatches  {input, lang}   (header x-console-token)
 *     -> runtime.app.callByName('listBatches', input, caller)  -> JSON Result
 *   page: window.cupConsole.onEvent(listener)
 *     -> GET /__bridge/events?token=…   (server-sent events)
 *
 * Only pages this server served can call it: the Origin must be its own and every call must carry the token
 * it printed. Uint8Array values (file bytes) travel as {"$bytes": base64}. Like the IPC handlers, every input
 * is checked against the contract's schemas (electron/contract/schemas.ts, in this transport's form: the
 * bytes still base64) before it is decoded and before the application layer sees it.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { OPERATION_NAMES } from '../contract/api.js';
import { checkOperationInput, langOf } from '../contract/schemas.js';
import { holdSession } from '../core/app/heldSession.js';
import type { ConsoleRuntime } from '../core/app/runtime.js';

const OPERATION_PREFIX = '/__bridge/op/';
const EVENTS_PATH = '/__bridge/events';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

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
  /** What every call must carry; the shim is given it. */
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  /** A built renderer folder (electron-vite's `out/renderer`). */
  rendererDir: string;
  runtime: ConsoleRuntime;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const root = resolve(options.rendererDir);
  const token = randomBytes(24).toString('hex');
  const eventStreams = new Set<ServerResponse>();
  // The page's signed-in session, held here like the desktop main process holds its window's.
  const held = holdSession(options.runtime.app);
  let origin = '';

  const unsubscribe = options.runtime.events.subscribe((event) => {
    // Only once someone signed in on the page, as the desktop app does for its windows.
    if (!held.signedIn()) return;
    for (const stream of eventStreams) stream.write(`data: ${JSON.stringify(event)}\n\n`);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.runtime.errors.record(err, 'browser bridge');
      if (!res.headersSent) send(res, 500, 'text/plain', 'bridge failure');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith(OPERATION_PREFIX))
      return callOperation(req, res, url.pathname.slice(OPERATION_PREFIX.length));
    if (url.pathname === EVENTS_PATH) return openEventStream(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed');
    // Chromium asks an http page for a favicon (Electron's file:// page never does): answer "none".
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    return serveFile(res, url.pathname);
  }

  async function callOperation(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
    // Like the IPC layer's sender check: only pages served here, holding the token.
    if (req.headers.origin !== origin || req.headers['x-console-token'] !== token)
      return send(res, 403, 'text/plain', 'foreign caller');
    if (!(OPERATION_NAMES as readonly string[]).includes(name))
      return send(res, 404, 'text/plain', 'no such operation');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, 'text/plain', 'body must be JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return send(res, 400, 'text/plain', 'body must be a JSON object');
    const { input, lang: rawLang } = body as { input?: unknown; lang?: unknown };
    const lang = langOf(rawLang);
    // A refused input is answered like an operation's failure: a Result, and nothing else happens.
    const checked = checkOperationInput(name, input, lang, 'bridge');
    const result = checked.ok
      ? await held.call(name, reviveBytes(checked.value), lang)
      : { ok: false, error: checked.error };
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (url.searchParams.get('token') !== token) return send(res, 403, 'text/plain', 'foreign caller');
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    eventStreams.add(res);
    req.on('close', () => eventStreams.delete(res));
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
    token,
    close: () =>
      new Promise<void>((done, fail) => {
        unsubscribe();
        for (const stream of eventStreams) stream.end();
        server.close((err) => (err ? fail(err) : done()));
        // Chromium keeps connections alive; do not wait for it to let go.
        server.closeAllConnections();
      }),
  };
}

/**
 * The page-side stand-in for the preload, as a script to run in every document before the page's own: the
 * same named functions and onEvent, over this bridge. (Playwright's addInitScript injects it; the page's CSP
 * applies to its requests, which go to the page's own origin.)
 */
export function consoleShim(token: string): string {
  return `(${shim.toString()})(${JSON.stringify(OPERATION_NAMES)}, ${JSON.stringify(token)});`;
}

/** Runs in the browser (this project typechecks without the DOM library, hence `page`). */
function shim(names: string[], token: string): void {
  const page = globalThis as unknown as { document: { documentElement: { lang: string } } };
  const encode = (_key: string, value: unknown) => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (const byte of value) binary += String.fromCharCode(byte);
      return { $bytes: btoa(binary) };
    }
    return value;
  };
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const response = await fetch(`/__bridge/op/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': token },
      body: JSON.stringify({ input, lang: page.document.documentElement.lang }, encode),
    });
    // Like a failed ipcRenderer.invoke: the promise rejects; operation failures arrive as Results.
    if (!response.ok) throw new Error(`bridge ${name}: HTTP ${response.status}`);
    return response.json();
  };
  const api: Record<string, unknown> = Object.fromEntries(
    names.map((name) => [name, (input: unknown) => call(name, input)]),
  );
  api['onEvent'] = (listener: (event: unknown) => void) => {
    const source = new EventSource(`/__bridge/events?token=${token}`);
    source.onmessage = (message) => listener(JSON.parse(message.data as string));
    return () => source.close();
  };
  Object.defineProperty(globalThis, 'cupConsole', { value: Object.freeze(api), enumerable: true });
}

/**
 * A checked input with its {"$bytes": base64} values decoded to Uint8Array (the schemas allow them only where
 * the contract has bytes, and bound how deep the input nests).
 */
function reviveBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveBytes);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const entries = Object.entries(value);
  const bytes = (value as { $bytes?: unknown }).$bytes;
  if (entries.length === 1 && typeof bytes === 'string') return new Uint8Array(Buffer.from(bytes, 'base64'));
  return Object.fromEntries(entries.map(([key, entry]) => [key, reviveBytes(entry)]));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
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
