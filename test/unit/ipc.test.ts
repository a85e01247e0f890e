import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, operationChannel, EVENT_CHANNEL } from '../../electron/contract/api.js';
import type { ConsoleRuntime } from '../../electron/core/app/runtime.js';

/**
 * The Electron transport, with Electron itself replaced (it cannot be loaded under Node): the IPC handlers
 * and the preload are checked for what they pass, to whom, and what they refuse. What the operations do is
 * tested at the application layer.
 */
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, handler),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invoked.push(args);
      return { ok: true, value: null };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      electron.listeners.get(channel)?.delete(listener),
  },
}));

const APP_URL = 'file:///app/renderer/index.html';
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('IPC handlers', () => {
  const calls: Array<{ name: string; input: unknown; caller: unknown }> = [];
  const runtime = {
    app: {
      callByName: async (name: string, input: unknown, caller: unknown) => {
        calls.push({ name, input, caller });
        return { ok: false, error: { code: 'BATCH_NOT_FOUND', message: 'Batch 7 does not exist.' } };
      },
    },
  } as unknown as ConsoleRuntime;

  beforeEach(async () => {
    electron.handlers.clear();
    calls.length = 0;
    const { registerIpcHandlers } = await import('../../electron/main/ipc.js');
    // The window's caller: its language, and its session (none before it signs in).
    registerIpcHandlers(runtime, (url) => url === APP_URL);
  });

  it('registers exactly one channel per operation of the contract', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(operationChannel).sort());
  });

  it('passes the payload and the window’s language through, and returns the coded Result unchanged', async () => {
    const handler = electron.handlers.get(operationChannel('batchStatus'));
    const result = await handler?.(frame(APP_URL), { batchId: 7 }, 'zh-CN');
    expect(calls).toEqual([
      { name: 'batchStatus', input: { batchId: 7 }, caller: { lang: 'zh-CN', session: null } },
    ]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND', message: 'Batch 7 does not exist.' },
    });
    await handler?.(frame(APP_URL), { batchId: 7 }, 'fr');
    expect(calls[1]?.caller).toEqual({ lang: 'en', session: null });
  });

  it('refuses a sender that is not the console’s own main frame, without calling anything', async () => {
    const handler = electron.handlers.get(operationChannel('approveBatch'));
    for (const event of [
      frame('https://evil.example/'),
      frame(APP_URL, { url: APP_URL }),
      { senderFrame: null },
    ]) {
      expect(await handler?.(event, { batchId: 1 }, 'en')).toMatchObject({
        ok: false,
        error: { code: 'IPC_FORBIDDEN' },
      });
    }
    expect(calls).toEqual([]);
  });
});

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.clear();
    electron.invoked.length = 0;
    electron.listeners.clear();
    vi.stubGlobal('document', { documentElement: { lang: 'zh-CN' } });
    await import('../../electron/preload/index.js');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('exposes only named functions: one per operation, plus onEvent', () => {
    const api = electron.exposed.get('cupConsole') as Record<string, unknown>;
    expect([...electron.exposed.keys()]).toEqual(['cupConsole']);
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, 'onEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes the operation’s channel with the input and the page’s language', async () => {
    const api = electron.exposed.get('cupConsole') as Record<string, (input: unknown) => Promise<unknown>>;
    await api['approveBatch']?.({ batchId: 3 });
    expect(electron.invoked).toEqual([[operationChannel('approveBatch'), { batchId: 3 }, 'zh-CN']]);
  });

  it('forwards events without the IPC event object, and unsubscribes', () => {
    const api = electron.exposed.get('cupConsole') as { onEvent(listener: (e: unknown) => void): () => void };
    const received: unknown[] = [];
    const stop = api.onEvent((event) => received.push(event));
    const event = { type: 'batch.changed', batch_id: 1, status: 'approved' };
    for (const listener of electron.listeners.get(EVENT_CHANNEL) ?? [])
      listener({ sender: 'ipc internals' }, event);
    expect(received).toEqual([event]);
    stop();
    expect(electron.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });
});
