#!/usr/bin/env node
// The command line's JavaScript build (dist/cli): one small entry chunk and one chunk per command, loaded
// only when that command runs, so `cup-payouts` starts fast. `npm install` runs this (the prepare step);
// bin/cup-payouts.mjs rebuilds when a source file is newer than the build, so an edited checkout never
// runs stale code.
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'cli');
const entryFile = join(outDir, 'cup-payouts.js');
const lockFile = join(root, 'dist', '.cli-build.lock');
/** The folders the command line is built from. */
const SOURCES = ['cli', 'core', 'contract', 'sandbox'].map((name) => join(root, 'electron', name));

function newestSourceMs() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) if (existsSync(dir)) visit(dir);
  return newest;
}

function isFresh() {
  if (!existsSync(entryFile)) return false;
  // An installed copy without sources is fresh by definition.
  return statSync(entryFile).mtimeMs >= newestSourceMs();
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
    // The native SQLite binding stays a package; everything else (papaparse too) is bundled.
    external: ['better-sqlite3'],
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
}

/** One build at a time across processes (tests start many CLIs at once). */
async function withBuildLock(work) {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch {
      // Someone else is building; a lock older than a minute was left by a killed build.
      if (
        Date.now() > deadline ||
        Date.now() - statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs > 60_000
      ) {
        rmSync(lockFile, { force: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (isFresh()) return;
    }
  }
  try {
    if (!isFresh()) await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** The built entry's URL, (re)built first when it is missing or older than the sources. */
export async function cliEntry() {
  if (!isFresh()) await withBuildLock(buildCli);
  return pathToFileURL(entryFile).href;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await withBuildLock(buildCli);
}
