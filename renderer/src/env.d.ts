/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

import type { ConsoleApi } from '../../electron/contract/api';

declare global {
  interface Window {
    cupConsole: ConsoleApi;
  }
}
