import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type ConsoleApi } from '../contract/api';

// Named functions only: the renderer never sees ipcRenderer or any channel it was not given.
const api: ConsoleApi = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo),
  listBatches: () => ipcRenderer.invoke(CHANNELS.listBatches),
};

contextBridge.exposeInMainWorld('cupConsole', api);
