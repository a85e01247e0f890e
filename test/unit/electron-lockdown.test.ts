import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isConsoleUrl } from '../../electron/main/appProtocol.js';

/**
 * The desktop window's lockdown (electron/main/security.ts), with Electron itself replaced (it cannot be
 * loaded under Node): what it answers a page that opens a window, navigates or redirects away, attaches a
 * webview or asks for a permission. Browser mode's equivalents are proven in Chromium (test/e2e/security).
 */
const electron = vi.hoisted(() => ({
  contentsCreated: [] as Array<(event: unknown, contents: unknown) => void>,
  permissionRequest: null as
    null | ((contents: unknown, permission: string, grant: (ok: boolean) => void) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
}));

vi.mock('electron', () => ({
  app: {
    on: (event: string, listener: (event: unknown, contents: unknown) => void) => {
      if (event === 'web-contents-created') electron.contentsCreated.push(listener);
    },
    whenReady: () => Promise.resolve(),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof electron.permissionRequest) =>
        (electron.permissionRequest = handler),
      setPermissionCheckHandler: (handler: typeof electron.permissionCheck) =>
        (electron.permissionCheck = handler),
    },
  },
}));

/** A window's contents as the lockdown sees them: its handlers, to call as Electron would. */
function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let windowOpen: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    setWindowOpenHandler: (handler: typeof windowOpen) => (windowOpen = handler),
    on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
  };
  for (const created of electron.contentsCreated) created({}, contents);
  /** Emits `event` with a preventable event object; whether the handler prevented it. */
  const prevented = (event: string, ...args: unknown[]) => {
    const emitted = { defaultPrevented: false, preventDefault: () => (emitted.defaultPrevented = true) };
    listeners.get(event)?.(emitted, ...args);
    return emitted.defaultPrevented;
  };
  return { windowOpen: (url: string) => windowOpen?.({ url }), prevented };
}

describe('desktop window lockdown', () => {
  beforeAll(async () => {
    const { lockDownContents } = await import('../../electron/main/security.js');
    lockDownContents((url) => isConsoleUrl(url));
    await Promise.resolve();
  });

  it('denies every new window, the console’s own pages included', () => {
    const contents = fakeContents();
    expect(contents.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.windowOpen('app://console/index.html')).toEqual({ action: 'deny' });
  });

  it('refuses navigation and redirects away from the console, and allows its own pages', () => {
    const contents = fakeContents();
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'app://console.evil/',
      'javascript:alert(1)',
    ]) {
      expect(contents.prevented('will-navigate', url), url).toBe(true);
      expect(contents.prevented('will-redirect', url), url).toBe(true);
    }
    expect(contents.prevented('will-navigate', 'app://console/index.html#/batches')).toBe(false);
  });

  it('refuses every webview', () => {
    expect(fakeContents().prevented('will-attach-webview', {}, {})).toBe(true);
  });

  it('grants no permission, asked or checked', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      electron.permissionRequest?.({}, permission, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(electron.permissionCheck?.({}, 'media', 'app://console', {})).toBe(false);
  });
});
