/**
 * Browser mode's stand-in for the preload: scripts that give a page served by the bridge its
 * window.cupConsole (the same named functions and onEvent), over HTTP to the bridge.
 *
 * - `consoleShim(token)`: for a test that injects it before the page's own scripts (Playwright's
 *   addInitScript), with the token it was given.
 * - `pageScript()`: what the bridge serves at /__bridge/console.js and puts into the page it serves. It holds
 *   no token (any site may ask for a URL; none could read the token from it): it takes the token from the
 *   address's fragment, keeps it in the tab's sessionStorage for reloads, and removes it from the address bar
 *   before the renderer's router reads the fragment.
 *
 * The functions below run in the browser, from their source text: they may use nothing from this module.
 * (This project typechecks without the DOM library, hence the small `page` types.)
 */
import { OPERATION_NAMES } from '../contract/api.js';

/**
 * Run from the TypeScript sources (tsx), the functions' source text calls esbuild's `__name` helper to keep
 * their names; the page has no such helper, so the script brings a harmless one.
 */
const NAME_HELPER = 'var __name = (target) => target;';

export function consoleShim(token: string): string {
  return `${NAME_HELPER}(${installConsole.toString()})(${JSON.stringify(OPERATION_NAMES)}, ${JSON.stringify(token)});`;
}

export function pageScript(): string {
  return `${NAME_HELPER}(${installFromAddress.toString()})(${JSON.stringify(OPERATION_NAMES)}, ${installConsole.toString()});\n`;
}

/** The page's HTML with the page script loaded before any script of its own. */
export function withPageScript(html: string, scriptPath: string): string {
  const tag = `<script src="${scriptPath}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  return headEnd === -1 ? `${tag}${html}` : `${html.slice(0, headEnd)}${tag}${html.slice(headEnd)}`;
}

interface AddressPage {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** Runs in the page: finds the token (the address, else this tab's earlier visit) and installs the API. */
function installFromAddress(names: string[], install: (names: string[], token: string) => void): void {
  // A test's injected shim came first: it already holds the token.
  if ('cupConsole' in globalThis) return;
  const page = globalThis as unknown as AddressPage;
  const storageKey = 'cup-console-token';
  const given = /^#token=([0-9a-f]{16,128})$/.exec(page.location.hash)?.[1] ?? null;
  let token = given;
  try {
    if (given !== null) page.sessionStorage.setItem(storageKey, given);
    else token = page.sessionStorage.getItem(storageKey);
  } catch {
    // Storage switched off: the token lives as long as this page.
  }
  if (given !== null) {
    page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search);
  }
  // Without a token every call is refused, with a message saying which address to open.
  install(names, token ?? '');
}

/**
 * Runs in the page: defines window.cupConsole over the bridge, calls and events carrying `token`, and takes
 * window.open away.
 */
function installConsole(names: string[], token: string): void {
  const page = globalThis as unknown as { document: { documentElement: { lang: string } } };
  const encode = (_key: string, value: unknown) => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (const byte of value) binary += String.fromCharCode(byte);
      return { $bytes: btoa(binary) };
    }
    return value;
  };
  const refusal = () =>
    page.document.documentElement.lang === 'zh-CN'
      ? '控制台拒绝了此页面：请打开 cup-payouts serve-web 输出的地址（其中带有访问令牌）。'
      : 'The console refused this page: open the address `cup-payouts serve-web` printed (it carries the access token).';
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const response = await fetch(`/__bridge/op/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': token },
      body: JSON.stringify({ input, lang: page.document.documentElement.lang }, encode),
    });
    // Like a failed ipcRenderer.invoke: the promise rejects; operation failures arrive as Results.
    if (response.status === 403) throw new Error(refusal());
    if (!response.ok) throw new Error(`bridge ${name}: HTTP ${response.status}`);
    return response.json();
  };
  const api: Record<string, unknown> = Object.fromEntries(
    names.map((name) => [name, (input: unknown) => call(name, input)]),
  );
  api['onEvent'] = (listener: (event: unknown) => void) => {
    const source = new EventSource(`/__bridge/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => listener(JSON.parse(message.data as string));
    return () => source.close();
  };
  Object.defineProperty(globalThis, 'cupConsole', { value: Object.freeze(api), enumerable: true });
  // As the desktop app's window-open handler: the console opens no windows, and its page cannot ask to.
  Object.defineProperty(globalThis, 'open', { value: () => null, writable: false, configurable: false });
}
