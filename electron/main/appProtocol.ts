/**
 * The console's own origin in the desktop app: the renderer is served as app://console/… by a privileged
 * protocol handler instead of file:// (Electron security checklist: a file:// page may read other local
 * files and shares one origin with every file). Only files inside the built renderer folder are served;
 * pages carry the same Content-Security-Policy header as in browser mode.
 *
 * Nothing here imports 'electron': index.ts registers the scheme and hands requests to `serveAppRequest`,
 * so the path rules are tested under plain Node.
 */
import { readFile } from 'node:fs/promises';
import { rendererFileHeaders, rendererFileOf, COMMON_HEADERS } from '../browser/rendererFiles';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
/** What the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The privileges the scheme is registered with: `standard` (relative URLs, a real origin, web storage),
 * `secure` (a secure context, like https), fetch for the page's own files. Not `corsEnabled` (other origins
 * could read it), not `bypassCSP`.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/**
 * Whether `url` is a page of the console: app://console/…, or the development server's origin while
 * developing. Exact origin only: no look-alike host, user info or port, no prefix match.
 */
export function isConsoleUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return parsed.origin === dev.origin && parsed.username === '' && parsed.password === '';
  }
  // A custom scheme's URL has an opaque origin under Node's URL parser: compare its parts instead.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Answers one app:// request from the renderer folder `rendererDir`: 404 for anything outside it. */
export async function serveAppRequest(
  rendererDir: string,
  requestUrl: string,
  method = 'GET',
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed');
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'not found');
  const file = rendererFileOf(rendererDir, url.pathname);
  if (file === null) return plain(404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'not found');
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: rendererFileHeaders(file, body),
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...COMMON_HEADERS, 'content-type': 'text/plain' } });
}
