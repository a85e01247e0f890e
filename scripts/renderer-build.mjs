#!/usr/bin/env node
// The renderer's production build for browser mode (`cup-payouts serve-web`): renderer/index.html built by
// vite with the renderer section of electron.vite.config.ts (the desktop app's very build), into
// dist/renderer. `npm install` makes it (the prepare step, scripts/cli-build.mjs); bin/cup-payouts.mjs
// rebuilds it before serve-web when a renderer source is newer, so an edited UI is what the browser gets.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestMtimeMs, withBuildLock } from './build-lock.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const rendererBuildDir = join(root, 'dist', 'renderer');
const entryFile = join(rendererBuildDir, 'index.html');
const lockFile = join(root, 'dist', '.renderer-build.lock');
/** What the page is built from: its sources, the contract it imports, the build config and the packages. */
const SOURCES = [
  join(root, 'renderer'),
  join(root, 'electron', 'contract'),
  join(root, 'electron.vite.config.ts'),
  join(root, 'package-lock.json'),
];
/** A renderer build takes far longer than the command line's: a lock is stale only after this. */
const LOCK_STALE_MS = 5 * 60_000;

export function isRendererFresh() {
  if (!existsSync(entryFile)) return false;
  // An installed copy without sources is fresh by definition.
  return statSync(entryFile).mtimeMs >= newestMtimeMs(SOURCES);
}

/** Builds into a new folder, then swaps it in: a page being served meanwhile never sees half a build. */
export async function buildRenderer() {
  // Stamped with the start: a source saved during the build makes the next start build again.
  const startedSeconds = Date.now() / 1000;
  const staging = `${rendererBuildDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  // electron-vite's own resolution of the config (its renderer presets included), as `electron-vite build`.
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const resolved = await resolveConfig({ root, logLevel: 'error' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
  renderer.logLevel = 'error';
  renderer.build = { ...renderer.build, outDir: staging, emptyOutDir: true };
  try {
    await build(renderer);
    utimesSync(join(staging, 'index.html'), startedSeconds, startedSeconds);
    rmSync(rendererBuildDir, { recursive: true, force: true });
    renameSync(staging, rendererBuildDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Makes sure dist/renderer is built from the current sources. By default the build runs in a child process
 * (vite and its plugins are not kept in the memory of the server that follows); its output goes to stderr,
 * since stdout's first line is serve-web's address.
 */
export async function ensureRendererBuild({ inProcess = false } = {}) {
  if (isRendererFresh()) return rendererBuildDir;
  if (inProcess) {
    await withBuildLock(lockFile, isRendererFresh, buildRenderer, LOCK_STALE_MS);
    return rendererBuildDir;
  }
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error(`the renderer build failed (exit ${code}; see above)`);
  return rendererBuildDir;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await ensureRendererBuild({ inProcess: true });
}
