import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 in node_modules is built for Node (the engine's tests and CLI use it). Electron needs a
 * build for its own ABI; `scripts/prepare-electron-native.mjs` (run by `npm start`) puts one here, so the
 * two never overwrite each other.
 */
export function electronNativeBinding(): string | undefined {
  const candidate = join(
    import.meta.dirname,
    '..',
    'native',
    `electron-${process.versions.electron}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  return existsSync(candidate) ? candidate : undefined;
}
