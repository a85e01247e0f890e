// One build of a kind at a time across processes (tests start many CLIs at once, and `npm install` may run
// while a command rebuilds), shared by the command line's and the renderer's builds.
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Runs `work` holding `lockFile`, unless the build became fresh meanwhile (someone else built it). A lock
 * older than `staleMs` was left by a killed build and is taken over.
 */
export async function withBuildLock(lockFile, isFresh, work, staleMs = 60_000) {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + staleMs;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch {
      if (
        Date.now() > deadline ||
        Date.now() - (statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0) > staleMs
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

/** The newest modification time (ms) of the files under `paths` (folders walked, missing paths skipped). */
export function newestMtimeMs(paths) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  for (const path of paths) visit(path);
  return newest;
}
