/**
 * "One person alone cannot take a batch from import to sending" through the desktop app's transport: the
 * real IPC handlers (Electron replaced, it cannot load under Node) over a real console on a real database.
 * Each window signs in on its own; the session's token stays in the main process; the rules are the
 * application layer's, so the transport cannot skip them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { operationChannel } from '../../electron/contract/api.js';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import { openTestConsole, payoutFile, TEST_PASSWORD, type TestConsole } from './appHarness.js';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      electron.handlers.set(channel, handler),
  },
}));

const APP_URL = 'file:///app/renderer/index.html';

type Answer =
  { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

/** One window of the desktop app: its calls come from its own main frame. */
function windowOf(id: number) {
  const sender = { id, once: () => undefined };
  return async (name: string, input?: unknown, lang = 'en'): Promise<Answer> => {
    const handler = electron.handlers.get(operationChannel(name as never));
    if (!handler) throw new Error(`no handler for ${name}`);
    return (await handler({ senderFrame: { url: APP_URL, parent: null }, sender }, input, lang)) as Answer;
  };
}

function codeOf(answer: Answer): string {
  return answer.ok ? 'ok' : answer.error.code;
}

describe('the desktop transport enforces accounts, roles and four eyes', () => {
  let c: TestConsole;
  let ipc: { isSignedIn(webContentsId: number): boolean };

  beforeEach(async () => {
    electron.handlers.clear();
    c = await openTestConsole();
    for (const [name, roles] of [
      ['dave', ['operator', 'approver']],
      ['bob', ['approver']],
    ] as const)
      await c.ok('admin', 'addUser', { name, roles: [...roles], password: TEST_PASSWORD });
    const { registerIpcHandlers } = await import('../../electron/main/ipc.js');
    ipc = registerIpcHandlers(c.runtime, (url) => url === APP_URL);
  });

  afterEach(async () => {
    await c.close();
  });

  it('only a window someone signed in to is sent events; signing out stops them', async () => {
    const call = windowOf(1);
    expect(ipc.isSignedIn(1)).toBe(false);
    await call('signIn', { name: 'dave', password: 'not the password' });
    expect(ipc.isSignedIn(1)).toBe(false);
    await call('signIn', { name: 'dave', password: TEST_PASSWORD });
    expect([ipc.isSignedIn(1), ipc.isSignedIn(2)]).toEqual([true, false]);
    await call('signOut');
    expect(ipc.isSignedIn(1)).toBe(false);
  });

  it('nothing but signing in works before a window signs in', async () => {
    const call = windowOf(1);
    expect(codeOf(await call('listBatches'))).toBe('SIGN_IN_REQUIRED');
    expect(codeOf(await call('importFile', { file: payoutFile(2, 'NOPE') }))).toBe('SIGN_IN_REQUIRED');
    expect(codeOf(await call('securityStatus'))).toBe('ok');
    const listed = await c.ok(null, 'listBatches', undefined);
    expect(listed).toEqual([]);
  });

  it('signing in answers the session, never its token', async () => {
    const call = windowOf(1);
    const answer = await call('signIn', { name: 'Dave', password: TEST_PASSWORD });
    expect(answer).toEqual({
      ok: true,
      value: {
        token: null,
        session: expect.objectContaining({
          user: expect.objectContaining({ name: 'dave', roles: ['operator', 'approver'] }),
          idle_minutes: 15,
        }),
      },
    });
    expect(JSON.stringify(answer)).not.toMatch(/[A-Za-z0-9_-]{40}/);
  });

  it('one person holding both roles imports, and cannot approve under any name variant', async () => {
    const call = windowOf(1);
    expect(codeOf(await call('signIn', { name: 'dave', password: TEST_PASSWORD }))).toBe('ok');
    const imported = await call('importFile', { file: payoutFile(3, 'DESK') });
    expect(codeOf(imported)).toBe('ok');
    const batchId = (imported as unknown as { value: { batch_id: number } }).value.batch_id;

    for (const variant of ['dave', 'DAVE', 'ｄａｖｅ', 'dave\u200b']) {
      expect(codeOf(await call('signIn', { name: variant, password: TEST_PASSWORD }))).toBe('ok');
      const approve = await call('approveBatch', { batchId });
      expect(codeOf(approve), variant).toBe('SAME_USER_APPROVAL');
    }
    // A look-alike name is nobody's account.
    expect(codeOf(await call('signIn', { name: 'dаve', password: TEST_PASSWORD }))).toBe('SIGN_IN_FAILED');
    expect(codeOf(await call('submitBatch', { batchId }))).toBe('BATCH_WRONG_STATUS');
    const report = await c.ok(null, 'batchStatus', { batchId });
    expect(report.batch_status).toBe('draft');
  });

  it('each window has its own session: another person approves in their window', async () => {
    const desk1 = windowOf(1);
    const desk2 = windowOf(2);
    await desk1('signIn', { name: 'dave', password: TEST_PASSWORD });
    const imported = await desk1('importFile', { file: payoutFile(2, 'TWO') });
    const batchId = (imported as unknown as { value: { batch_id: number } }).value.batch_id;
    expect(codeOf(await desk2('approveBatch', { batchId }))).toBe('SIGN_IN_REQUIRED');
    await desk2('signIn', { name: 'bob', password: TEST_PASSWORD });
    const approved = await desk2('approveBatch', { batchId });
    expect(approved).toMatchObject({
      ok: true,
      value: { batch: { status: 'approved', approved_by: 'bob' } },
    });
    // An approver may not send; the operator in the other window may.
    expect(codeOf(await desk2('submitBatch', { batchId }))).toBe('ROLE_REQUIRED');
    expect(codeOf(await desk1('currentSession'))).toBe('ok');
    expect(
      ((await desk1('currentSession')) as unknown as { value: { user: { name: string } } }).value.user.name,
    ).toBe('dave');
    // Signing out ends only that window's session.
    await desk2('signOut');
    expect(codeOf(await desk2('listBatches'))).toBe('SIGN_IN_REQUIRED');
    expect(codeOf(await desk1('listBatches'))).toBe('ok');
  });

  it('refuses a frame that is not the app main frame before anything runs', async () => {
    const handler = electron.handlers.get(operationChannel('signIn'))!;
    const answer = (await handler(
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 9 } },
      { name: 'dave', password: TEST_PASSWORD },
      'en',
    )) as Answer;
    expect(codeOf(answer)).toBe('IPC_FORBIDDEN');
    const trail = await c.ok(null, 'auditTrail', { action: 'auth.' });
    expect(trail.filter((entry) => entry.actor === 'dave')).toEqual([]);
  });
});

describe('sessions lock after idle time', () => {
  let runtime: ConsoleRuntime;
  let dir: string;
  let nowMs = Date.parse('2026-12-01T09:00:00Z');

  beforeEach(async () => {
    electron.handlers.clear();
    dir = mkdtempSync(join(tmpdir(), 'cup-idle-'));
    runtime = await openConsole({
      databasePath: join(dir, 'console.sqlite'),
      version: 'test',
      logDir: join(dir, 'logs'),
      keySources: { passphrase: async () => 'idle test passphrase', passphraseAvailable: () => true },
      now: () => new Date(nowMs),
    });
    const anonymous = { lang: 'en' as const, session: null };
    const init = await runtime.app.call(
      'initialise',
      { admin: 'admin', password: TEST_PASSWORD, passphrase: 'idle test passphrase' },
      anonymous,
    );
    expect(init.ok).toBe(true);
    const { registerIpcHandlers } = await import('../../electron/main/ipc.js');
    registerIpcHandlers(runtime, (url) => url === APP_URL);
  });

  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('locks after the configured minutes without activity; the password opens it again', async () => {
    const call = windowOf(1);
    await call('signIn', { name: 'admin', password: TEST_PASSWORD });
    expect(codeOf(await call('changeSettings', { changes: { session_idle_minutes: 5 } }))).toBe('ok');
    nowMs += 4 * 60_000;
    expect(codeOf(await call('listBatches'))).toBe('ok');
    nowMs += 5 * 60_000 + 1;
    const locked = await call('listBatches', undefined, 'zh-CN');
    expect(locked).toEqual({
      ok: false,
      error: { code: 'SESSION_LOCKED', message: 'admin 的会话因长时间无操作已锁定：请重新输入密码。' },
    });
    // Still locked, whatever is asked, until the password is given again.
    expect(codeOf(await call('getSettings'))).toBe('SESSION_LOCKED');
    expect(codeOf(await call('unlockSession', { password: 'not it at all' }))).toBe('SIGN_IN_FAILED');
    expect(codeOf(await call('unlockSession', { password: TEST_PASSWORD }))).toBe('ok');
    expect(codeOf(await call('listBatches'))).toBe('ok');
  });
});

describe('browser mode sends events only once someone signed in on the page', () => {
  it('an event stream opened before sign-in carries nothing until the page signs in', async () => {
    const c = await openTestConsole();
    const rendererDir = mkdtempSync(join(tmpdir(), 'cup-bridge-'));
    const { startBridge } = await import('../../electron/browser/bridge.js');
    const bridge = await startBridge({ rendererDir, runtime: c.runtime });
    const origin = bridge.url.replace(/\/$/, '');
    const received: string[] = [];
    const stream = new AbortController();
    try {
      const response = await fetch(`${origin}/__bridge/events?token=${bridge.token}`, {
        signal: stream.signal,
      });
      const reader = response.body!.getReader();
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          received.push(new TextDecoder().decode(value));
        }
      })();
      const events = () =>
        received
          .join('')
          .split('\n')
          .filter((line) => line.startsWith('data: '));

      await c.ok('alice', 'importFile', { file: payoutFile(1, 'EV-A') });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(events()).toEqual([]);

      const signIn = await fetch(`${origin}/__bridge/op/signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-console-token': bridge.token, origin },
        body: JSON.stringify({ input: { name: 'admin', password: TEST_PASSWORD }, lang: 'en' }),
      });
      expect(await signIn.json()).toMatchObject({ ok: true, value: { token: null } });
      await c.ok('alice', 'importFile', { file: payoutFile(1, 'EV-B') });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(events().length).toBeGreaterThan(0);
      expect(events().join('\n')).toContain('batch.changed');
    } finally {
      stream.abort();
      await bridge.close();
      await c.close();
      rmSync(rendererDir, { recursive: true, force: true });
    }
  });
});
