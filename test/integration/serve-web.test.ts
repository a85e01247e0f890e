import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase, TEST_ADMIN, TEST_PASSPHRASE, TEST_PASSWORD } from './cliProcess.js';

/**
 * `cup-payouts serve-web` as users run it: the real command line process, serving the renderer build and
 * the application layer on loopback. Only a caller with the printed token, from the page's own origin, gets
 * anything but the renderer's files.
 */

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cup-payouts.mjs');
/** The first start after a UI change rebuilds the page before serving. */
const START_TIMEOUT_MS = 120_000;
const PAGE_URL = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{32,})$/;

interface Served {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  firstLine: string;
  stderr(): string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

function serveWeb(args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve-web', ...args], {
    env: { ...process.env, LANG: 'C', CUP_PAYOUTS_DB: '', CUP_PAYOUTS_PASSPHRASE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (firstLine) => {
      const match = PAGE_URL.exec(firstLine);
      if (!match) return reject(new Error(`first line is not the page address: ${firstLine}`));
      resolve({
        child,
        origin: `http://127.0.0.1:${match[1]}`,
        token: match[2] as string,
        firstLine,
        stderr: () => stderr,
        exited,
      });
    });
    void exited.then((code) => reject(new Error(`serve-web exited with ${code} before serving: ${stderr}`)));
  });
}

async function stop(served: Served): Promise<number | null> {
  served.child.kill('SIGTERM');
  const code = await served.exited;
  running.delete(served.child);
  return code;
}

/** An operation call as the page makes it; `headers` replace the page's own. */
function callOperation(
  served: Served,
  name: string,
  input: unknown,
  headers: Record<string, string> = { origin: served.origin, 'x-console-token': served.token },
): Promise<Response> {
  return fetch(`${served.origin}/__bridge/op/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ input, lang: 'en' }),
  });
}

/** A raw GET with the path exactly as written (fetch would normalise `..` away) and chosen headers. */
function rawGet(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('cup-payouts serve-web', () => {
  let dir: string;
  let served: Served;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cup-serve-web-'));
    await prepareDatabase(join(dir, 'console.sqlite'), {});
    served = await serveWeb(['--db', join(dir, 'console.sqlite'), '--port', '0'], {
      CUP_PAYOUTS_PASSPHRASE: TEST_PASSPHRASE,
      CUP_PAYOUTS_LOG_DIR: join(dir, 'logs'),
    });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the page address with its token as the first line of stdout', async () => {
    expect(served.firstLine).toMatch(PAGE_URL);
    // The note for the person follows on stderr.
    await expect.poll(() => served.stderr()).toContain(join(dir, 'console.sqlite'));
    // The token goes only to stdout, in the address.
    expect(served.stderr()).not.toContain(served.token);
  });

  it('serves the page without the token, under its Content-Security-Policy, with the page script first', async () => {
    const page = await fetch(`${served.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const declared = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(declared).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toBe(`${declared}; frame-ancestors 'none'`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(html.indexOf('<script src="/__bridge/console.js">')).toBeGreaterThan(-1);
    expect(html.indexOf('<script src="/__bridge/console.js">')).toBeLessThan(html.indexOf('type="module"'));
    // Nothing secret in what any caller may fetch.
    expect(html).not.toContain(served.token);
    const script = await fetch(`${served.origin}/__bridge/console.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(await script.text()).not.toContain(served.token);
  });

  it('answers an operation called with the token from its own origin', async () => {
    const response = await callOperation(served, 'securityStatus', undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      value: { initialised: true, key: expect.any(String), key_wraps: ['passphrase'] },
    });
  });

  it('refuses an operation without the token, with a wrong one, or from another origin', async () => {
    const refused = [
      await callOperation(served, 'securityStatus', undefined, { origin: served.origin }),
      await callOperation(served, 'securityStatus', undefined, {
        origin: served.origin,
        'x-console-token': served.token.replace(/.$/, (last) => (last === '0' ? '1' : '0')),
      }),
      await callOperation(served, 'securityStatus', undefined, {
        origin: 'http://127.0.0.1:1',
        'x-console-token': served.token,
      }),
      await callOperation(served, 'securityStatus', undefined, { 'x-console-token': served.token }),
    ];
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403]);
  });

  it('refuses every request addressed to another host name (DNS rebinding), static files included', async () => {
    const host = { host: `console.example:${new URL(served.origin).port}` };
    expect((await rawGet(served.origin, '/', host)).status).toBe(403);
    expect((await rawGet(served.origin, `/__bridge/events?token=${served.token}`, host)).status).toBe(403);
  });

  it('serves no file outside the renderer build', async () => {
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json']) {
      const answer = await rawGet(served.origin, path);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('"name"');
    }
  });

  it('opens the event stream only with the token, and not for another origin', async () => {
    const events = `${served.origin}/__bridge/events`;
    expect((await fetch(events)).status).toBe(403);
    expect((await fetch(`${events}?token=${'0'.repeat(served.token.length)}`)).status).toBe(403);
    const foreign = await fetch(`${events}?token=${served.token}`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const stream = new AbortController();
    const open = await fetch(`${events}?token=${served.token}`, { signal: stream.signal });
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('text/event-stream');
    stream.abort();
  });

  it('signs the page in as the desktop app does: the session stays in the server', async () => {
    const signedIn = await callOperation(served, 'signIn', { name: TEST_ADMIN, password: TEST_PASSWORD });
    expect(await signedIn.json()).toMatchObject({ ok: true, value: { token: null } });
    const current = await callOperation(served, 'currentSession', undefined);
    expect(await current.json()).toMatchObject({ ok: true, value: { user: { name: TEST_ADMIN } } });
    const batches = await callOperation(served, 'listBatches', undefined);
    expect(await batches.json()).toMatchObject({ ok: true });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await stop(served)).toBe(0);
    await expect(fetch(`${served.origin}/`)).rejects.toThrow();
  });
});

describe('cup-payouts serve-web on a new database, without the passphrase in the environment', () => {
  it(
    'lets the page create the first admin (and the key), then sign in',
    { timeout: START_TIMEOUT_MS },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cup-serve-web-new-'));
      try {
        const served = await serveWeb(['--db', join(dir, 'data', 'console.sqlite')], {
          CUP_PAYOUTS_LOG_DIR: join(dir, 'logs'),
        });
        const status = await callOperation(served, 'securityStatus', undefined);
        expect(await status.json()).toEqual({
          ok: true,
          value: { initialised: false, key: 'none', key_wraps: [] },
        });
        const init = await callOperation(served, 'initialise', {
          admin: TEST_ADMIN,
          password: TEST_PASSWORD,
          passphrase: TEST_PASSPHRASE,
        });
        expect(await init.json()).toMatchObject({ ok: true, value: { name: TEST_ADMIN } });
        const signedIn = await callOperation(served, 'signIn', { name: TEST_ADMIN, password: TEST_PASSWORD });
        expect(await signedIn.json()).toMatchObject({ ok: true, value: { token: null } });
        expect(await stop(served)).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('cup-payouts serve-web refusals', () => {
  it('says when the port is taken, exit code 2', { timeout: START_TIMEOUT_MS }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cup-serve-web-port-'));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const child = spawn(
        process.execPath,
        [CLI, 'serve-web', '--db', join(dir, 'console.sqlite'), '--port', String(port)],
        { env: { ...process.env, LANG: 'C', CUP_PAYOUTS_LOG_DIR: join(dir, 'logs') }, stdio: 'pipe' },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is taken`);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a port out of range as a usage error', async () => {
    const child = spawn(process.execPath, [CLI, 'serve-web', '--port', '70000'], {
      env: { ...process.env, LANG: 'C' },
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number from 0 to 65535');
  });
});
