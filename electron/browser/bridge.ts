/**
 * Browser mode: the built renderer served to a plain browser on loopback, with the contract's operations and
 * events over HTTP instead of Electron's preload and IPC. The same application layer answers (one
 * composition root): `cup-payouts serve-web` runs it for people, and the end-to-end tests drive the real
 * thing in Chromium where Electron cannot run.
 *
 *   page: window.cupConsole.listBatches(input)      (the page script /__bridge/console.js, or `consoleShim`)
 *     -> POST /__bridge/op/listBatches  {input, lang}   (header x-console-token)
 *     -> runtime.app.callByName('listBatches', input, caller)  -> JSON Result
 *   page: window.cupConsole.onEvent(listener)
 *     -> GET /__bridge/events?token=…   (server-sent events)
 *
 * Only pages this server served can call it: the Host must be its own address, an operation's Origin must be
 * its own, and every operation and event stream must carry the token. The token reaches the page in the
 * address's fragment (`pageUrl`, `#token=…`), which browsers never send to a server; the page script keeps it
 * in the tab's sessionStorage and takes it out of the address bar. The renderer's files themselves hold
 * nothing secret and are served without it. Nothing here answers with Access-Control-Allow-Origin, so a page
 * on another origin can neither read an answer nor send a call with the token header.
 *
 * Uint8Array values (file bytes) travel as {"$bytes": base64}. Like the IPC handlers, every input is checked
 * against the contract's schemas (electron/contract/schemas.ts, in this transport's form: the bytes still
 * base64) before it is decoded and before the application layer sees it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OPERATION_NAMES } from '../contract/api.js';
import { checkOperationInput, langOf } from '../contract/schemas.js';
import { holdSession } from '../core/app/heldSession.js';
import type { ConsoleRuntime } from '../core/app/runtime.js';
import { pageScript, withPageScript } from './pageShim.js';
import { COMMON_HEADERS, isHtml, rendererFileHeaders, rendererFileOf } from './rendererFiles.js';

export { consoleShim } from './pageShim.js';

const OPERATION_PREFIX = '/__bridge/op/';
const EVENTS_PATH = '/__bridge/events';
/** The page script that gives the page its window.cupConsole (it holds no token: it reads the address's). */
export const PAGE_SCRIPT_PATH = '/__bridge/console.js';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RunningBridge {
  /** The renderer's address, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** The address to open in a browser: `url` with the token in its fragment (#token=…). */
  pageUrl: string;
  /** What every call must carry; the shim is given it. */
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  /** A built renderer folder (electron-vite's `out/renderer`, or dist/renderer). */
  rendererDir: string;
  runtime: ConsoleRuntime;
  /** The loopback port to listen on; 0 (the default) takes any free one. */
  port?: number;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const root = options.rendererDir;
  const token = randomBytes(24).toString('hex');
  const hasToken = (given: unknown) => typeof given === 'string' && sameSecret(given, token);
  const eventStreams = new Set<ServerResponse>();
  // The page's signed-in session, held here like the desktop main process holds its window's.
  const held = holdSession(options.runtime.app);
  let origin = '';
  let host = '';

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
    // A name that resolves to loopback only by a trick (DNS rebinding) is another site: refused outright.
    if (req.headers.host !== host) return send(res, 403, 'text/plain', 'unknown host');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith(OPERATION_PREFIX))
      return callOperation(req, res, url.pathname.slice(OPERATION_PREFIX.length));
    if (url.pathname === EVENTS_PATH) return openEventStream(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed');
    // Chromium asks an http page for a favicon (Electron's file:// page never does): answer "none".
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (url.pathname === PAGE_SCRIPT_PATH)
      return send(res, 200, 'text/javascript; charset=utf-8', pageScript());
    return serveFile(res, url.pathname);
  }

  async function callOperation(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
    // Like the IPC layer's sender check: only pages served here, holding the token.
    if (req.headers.origin !== origin || !hasToken(req.headers['x-console-token']))
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
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
    // A same-origin EventSource sends no Origin; one from another page does, and is refused like a call.
    const foreignOrigin = req.headers.origin !== undefined && req.headers.origin !== origin;
    if (foreignOrigin || !hasToken(url.searchParams.get('token')))
      return send(res, 403, 'text/plain', 'foreign caller');
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': 'text/event-stream',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    eventStreams.add(res);
    req.on('close', () => eventStreams.delete(res));
  }

  async function serveFile(res: ServerResponse, urlPath: string): Promise<void> {
    const file = rendererFileOf(root, urlPath);
    if (file === null) return send(res, 404, 'text/plain', 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'not found');
    }
    // The page loads the page script before its own (a classic script runs before deferred modules).
    const served = isHtml(file) ? withPageScript(body.toString('utf8'), PAGE_SCRIPT_PATH) : body;
    res.writeHead(200, { ...rendererFileHeaders(file, served), 'content-length': Buffer.byteLength(served) });
    res.end(served);
  }

  try {
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, '127.0.0.1', ready);
    });
  } catch (error) {
    // The port is taken (say): nothing keeps listening to the console's events.
    unsubscribe();
    throw error;
  }
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/`,
    pageUrl: `${origin}/#token=${token}`,
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
    ...COMMON_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Compares a given token with the real one in constant time (no timing tells how much of it matched). */
function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
