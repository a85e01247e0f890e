import { app, BrowserWindow, dialog, protocol, screen } from 'electron';
import { join } from 'node:path';
import { EVENT_CHANNEL, type Lang } from '../contract/api';
import { createErrorLog } from '../core/app/errorLog';
import { AppError, describeKnownError } from '../core/app/errors';
import { openConsole } from '../core/app/runtime';
import { defaultDatabasePath, defaultLogDir } from '../core/paths';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  isConsoleUrl,
  serveAppRequest,
} from './appProtocol';
import { registerIpcHandlers } from './ipc';
import { electronNativeBinding } from './nativeBinding';
import { safeStorageCipher } from './safeStorageCipher';
import { lockDownContents } from './security';
import { MIN_WINDOW_SIZE, placeWindow, readWindowState, writeWindowState } from './windowState';

const rendererDevUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererDir = join(import.meta.dirname, '../renderer');

/** The console's own pages: app://console/… (or the development server while developing), nothing else. */
function isAppUrl(url: string): boolean {
  return isConsoleUrl(url, rendererDevUrl);
}

// Before the app is ready, or the scheme gets no origin of its own.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
lockDownContents(isAppUrl);

async function start(): Promise<void> {
  await app.whenReady();
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url, request.method));
  // resources/ sits beside the app in development and inside the package's resources when packaged.
  const resourcesDir = app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources');
  const systemLang: Lang = app.getLocale().startsWith('zh') ? 'zh-CN' : 'en';
  // The composition root: store, sending service and engine, in the environment the settings choose.
  const runtime = await openConsole({
    databasePath: defaultDatabasePath(),
    nativeBinding: electronNativeBinding(),
    resourcesDir,
    version: app.getVersion(),
    logDir: defaultLogDir(),
    // The installation key is unwrapped by this computer's key store (safeStorage); a database the command
    // line created is unlocked once with its passphrase (unlockKey), then wrapped for the key store too.
    keySources: { os: safeStorageCipher },
    lang: () => systemLang,
  });
  // Every window signs in with an account (signIn); the first start creates the admin (initialise).
  const ipc = registerIpcHandlers(runtime, isAppUrl);
  runtime.events.subscribe((event) => {
    // Only to windows someone signed in to: a window at its sign-in screen learns nothing of the batches.
    for (const window of BrowserWindow.getAllWindows())
      if (ipc.isSignedIn(window.webContents.id)) window.webContents.send(EVENT_CHANNEL, event);
  });
  // Resumes whatever a previous run left (interrupted requests are resolved by status query first), then
  // keeps following every active batch while the console is open.
  runtime.sending.start();

  const windowStateFile = join(app.getPath('userData'), 'window-state.json');
  const placed = placeWindow(
    readWindowState(windowStateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    x: placed.x,
    y: placed.y,
    width: placed.width,
    height: placed.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'CUP Payout Console',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click on a link would ask for a new window (auxclick); the window-open handler denies it
      // anyway, but the page should not even get to ask.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.on('close', () => {
    // The size it had before it was maximized, so "restore" returns to it next time too.
    writeWindowState(windowStateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.once('ready-to-show', () => {
    // maximize() also shows the window: only once its page is ready.
    if (placed.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(rendererDevUrl ?? APP_ENTRY_URL);

  app.on('window-all-closed', () => {
    // Requests in flight are answered and journaled before the app quits.
    void runtime.close().finally(() => app.quit());
  });
}

/** A console that cannot start says why, in the system's language; an unexpected cause gets a log reference. */
start().catch((err: unknown) => {
  const lang: Lang = app.getLocale().startsWith('zh') ? 'zh-CN' : 'en';
  let known = describeKnownError(err, lang);
  if (!known) {
    const log = createErrorLog(defaultLogDir());
    const reference = log.record(err, 'desktop start');
    known = describeKnownError(new AppError('INTERNAL', { reference, log: log.path }), lang);
  }
  dialog.showErrorBox('CUP Payout Console', known?.message ?? 'The console could not start.');
  app.exit(1);
});
