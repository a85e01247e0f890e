import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase, defaultDatabasePath } from '../core/store/database';
import { registerIpcHandlers } from './ipc';
import { createConsoleHandlers } from './handlers';
import { lockDownContents } from './security';
import { electronNativeBinding } from './nativeBinding';
import { EngineHost } from './engineHost';
import { loadReferenceData } from '../core/reference/referenceData';

const rendererDevUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererFileUrl = pathToFileURL(rendererFile).href;

function isAppUrl(url: string): boolean {
  if (rendererDevUrl && !app.isPackaged) return url.startsWith(rendererDevUrl);
  return url === rendererFileUrl || url.startsWith(`${rendererFileUrl}#`);
}

lockDownContents(isAppUrl);

async function start(): Promise<void> {
  await app.whenReady();
  const databasePath = process.env['CUP_PAYOUTS_DB'] ?? defaultDatabasePath();
  const nativeBinding = electronNativeBinding();
  const db = openDatabase(databasePath, { nativeBinding });
  // resources/ sits beside the app in development and inside the package's resources when packaged.
  const resourcesDir = app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources');
  const reference = loadReferenceData(join(resourcesDir, 'reference'));
  const engineHost = new EngineHost(db, databasePath, reference, resourcesDir, nativeBinding);
  await engineHost.start();

  registerIpcHandlers(
    createConsoleHandlers({ db, databasePath, version: app.getVersion(), environment: 'sandbox' }),
    isAppUrl,
  );

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'CUP Payout Console',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (rendererDevUrl && !app.isPackaged) await window.loadURL(rendererDevUrl);
  else await window.loadFile(rendererFile);

  app.on('window-all-closed', () => {
    void engineHost.close().finally(() => {
      db.close();
      app.quit();
    });
  });
}

start().catch((err: unknown) => {
  console.error('The console could not start:', err instanceof Error ? err.message : err);
  app.exit(1);
});
