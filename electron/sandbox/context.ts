import type { MethodCatalog } from './methods.js';
import type { ResolvedOptions } from './options.js';
import type { StatsRecorder } from './stats.js';
import type { SandboxStore } from './store.js';

/** Everything a route needs: configuration, reference tables, the ledger, the clock and the counters. */
export interface SandboxContext {
  options: ResolvedOptions;
  catalog: MethodCatalog;
  store: SandboxStore;
  stats: StatsRecorder;
  now(): number;
}
