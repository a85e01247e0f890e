import type { ConsoleApi } from '../contract/api';

declare global {
  interface Window {
    cupConsole: ConsoleApi;
  }
}

export {};
