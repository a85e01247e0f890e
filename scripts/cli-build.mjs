#!/usr/bin/env node
// The command line's JavaScript build (dist/cli): one small entry chunk and one chunk per command, loaded
// only when that command runs, so `cup-payouts` starts fast. `npm install` runs this (the prepare step),
// which also builds the renderer for `cup-payouts serve-web` (scripts/renderer-build.mjs);
// bin/cup-payouts.mjs rebuilds when a source file is newer than the build, so an edited checkout never
// runs stale code.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestMtimeMs, withBuildLock } from './build-lock.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'cli');
const entryFile = join(outDir, 'cup-payouts.js');
const lockFile = join(root, 'dist', '.cli-build.lock');
/** The folders the command line is built from (serve-web brings in browser mode's bridge). */
const SOURCES = ['cli', 'core', 'contract', 'sandbox', 'browser'].map((name) => join(root, 'electron', name));

function isFresh() {
  if (!existsSync(entryFile)) return false;
  // An installed copy without sources is fresh by definition.
  return statSync(entryFile).mtimeMs >= newestMtimeMs(SOURCES);
}

/** Builds into a new folder, then swaps it in: a command running meanwhile never sees half a build. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const staging = `${outDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { 'cup-payouts': join(root, 'electron', 'cli', 'main.ts') },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // The native SQLite binding stays a package, and so do the CommonJS packages that require Node's own
    // modules at run time (an ESM bundle cannot); everything else (papaparse too) is bundled.
    external: ['better-sqlite3', 'exceljs', 'iconv-lite'],
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
}

/** The built entry's URL, (re)built first when it is missing or older than the sources. */
export async function cliEntry() {
  if (!isFresh()) await withBuildLock(lockFile, isFresh, buildCli);
  return pathToFileURL(entryFile).href;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await withBuildLock(lockFile, isFresh, buildCli);
  // The page serve-web serves. A renderer that does not build (work in progress) must not fail the whole
  // install: serve-web tries again when it starts, and says why it cannot.
  const { ensureRendererBuild } = await import('./renderer-build.mjs');
  try {
    await ensureRendererBuild({ inProcess: true });
  } catch (error) {
    console.warn(`The console's page (dist/renderer) was not built: ${error?.message ?? error}`);
  }
}
