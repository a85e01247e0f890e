import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentSecurityPolicyHeader,
  declaredContentSecurityPolicy,
  FALLBACK_CONTENT_SECURITY_POLICY,
  rendererFileOf,
} from '../../electron/browser/rendererFiles.js';
import { APP_ENTRY_URL, isConsoleUrl, serveAppRequest } from '../../electron/main/appProtocol.js';

/**
 * The desktop app's app://console/ protocol (served by electron/main/appProtocol.ts, registered in index.ts)
 * and the path rules it shares with browser mode: only the built renderer's files, under the page's own
 * Content-Security-Policy; and which URLs are the console's own pages (navigation and IPC trust them).
 */

const POLICY = "default-src 'self'; script-src 'self'; object-src 'none'";
const PAGE = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="${POLICY}" />
<script type="module" src="./assets/index.js"></script></head><body></body></html>`;

describe('app:// protocol', () => {
  let root: string;
  let rendererDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cup-app-protocol-'));
    rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), PAGE);
    writeFileSync(join(rendererDir, 'assets', 'index.js'), 'export {};');
    // Beside the renderer folder, where a climbing path would land.
    writeFileSync(join(root, 'secret.txt'), 'not for the page');
    writeFileSync(join(root, 'renderer-other.txt'), 'not for the page either');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the page with its declared policy as a header (and no framing)', async () => {
    const response = await serveAppRequest(rendererDir, APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(`${POLICY}; frame-ancestors 'none'`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(PAGE);
    const root = await serveAppRequest(rendererDir, 'app://console/');
    expect(await root.text()).toBe(PAGE);
  });

  it('serves the page’s scripts with a JavaScript type and no page policy', async () => {
    const response = await serveAppRequest(rendererDir, 'app://console/assets/index.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(await response.text()).toBe('export {};');
  });

  it('refuses every path out of the renderer folder', async () => {
    for (const url of [
      'app://console/../secret.txt',
      'app://console/%2e%2e/secret.txt',
      'app://console/..%2fsecret.txt',
      'app://console/..%5csecret.txt',
      'app://console/assets/..%2f..%2fsecret.txt',
      'app://console/%2e%2e%2frenderer-other.txt',
      'app://console/index.html%00.js',
      'app://console/%E0%A4%A',
      'app://console/assets',
      'app://console/missing.js',
    ]) {
      const response = await serveAppRequest(rendererDir, url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('not found');
    }
  });

  it('answers only its own host, and only reads', async () => {
    expect((await serveAppRequest(rendererDir, 'app://other/index.html')).status).toBe(404);
    expect((await serveAppRequest(rendererDir, 'app://console.evil/index.html')).status).toBe(404);
    expect((await serveAppRequest(rendererDir, APP_ENTRY_URL, 'POST')).status).toBe(405);
  });

  it('resolves request paths only inside the folder', () => {
    expect(rendererFileOf(rendererDir, '/')).toBe(join(rendererDir, 'index.html'));
    expect(rendererFileOf(rendererDir, '/assets/index.js')).toBe(join(rendererDir, 'assets', 'index.js'));
    expect(rendererFileOf(rendererDir, '//assets/index.js')).toBe(join(rendererDir, 'assets', 'index.js'));
    expect(rendererFileOf(rendererDir, '/../renderer-other.txt')).toBeNull();
    expect(rendererFileOf(rendererDir, '/..')).toBeNull();
    expect(rendererFileOf(rendererDir, '/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBeNull();
  });
});

describe('the page policy header', () => {
  it('is the policy the page declares, whatever the attribute order, case and quoting', () => {
    expect(declaredContentSecurityPolicy(PAGE)).toBe(POLICY);
    expect(
      declaredContentSecurityPolicy(`<META content="${POLICY}" HTTP-EQUIV=content-security-policy>`),
    ).toBe(POLICY);
  });

  it('falls back to a strict policy for a page that declares none', () => {
    expect(declaredContentSecurityPolicy('<html><head><meta charset="utf-8"></head></html>')).toBeNull();
    expect(contentSecurityPolicyHeader('<html></html>')).toBe(
      `${FALLBACK_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
  });

  it('keeps a frame-ancestors the page already declares', () => {
    const page = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; frame-ancestors 'self'">`;
    expect(contentSecurityPolicyHeader(page)).toBe("default-src 'self'; frame-ancestors 'self'");
  });
});

describe('the console’s own pages', () => {
  it('are app://console/… exactly', () => {
    for (const url of [APP_ENTRY_URL, 'app://console/', 'app://console/index.html#/batches/3'])
      expect(isConsoleUrl(url), url).toBe(true);
    for (const url of [
      'app://console.evil/index.html',
      'app://evil/index.html',
      'app://console@evil/index.html',
      'app://user:pw@console/index.html',
      'app://console:8080/index.html',
      'file:///app/renderer/index.html',
      'http://console/index.html',
      'https://example.com/',
      'about:blank',
      'not a url',
      '',
    ])
      expect(isConsoleUrl(url), url).toBe(false);
  });

  it('are the development server’s origin while developing, not a look-alike', () => {
    const dev = 'http://localhost:5173';
    expect(isConsoleUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isConsoleUrl('http://localhost:5173/#/batches', dev)).toBe(true);
    expect(isConsoleUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isConsoleUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isConsoleUrl(APP_ENTRY_URL, dev)).toBe(false);
  });
});
