#!/usr/bin/env node
// Builds (or downloads) better-sqlite3 for Electron's ABI into out/native/, leaving node_modules' Node build
// untouched so that `npm test` and the CLI keep working. Needs the internet on first run (Electron headers or
// the prebuilt binary); later runs reuse the cached file.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join(
  root,
  'out',
  'native',
  `electron-${electronVersion}-${process.platform}-${process.arch}`,
  'better_sqlite3.node',
);

if (existsSync(target)) process.exit(0);

const sqlitePackage = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'cup-native-'));
cpSync(sqlitePackage, work, {
  recursive: true,
  filter: (src) => !src.includes(`${join('build', 'Release', 'obj')}`),
});
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });

console.log(`Preparing better-sqlite3 for Electron ${electronVersion}…`);
try {
  run(bin('prebuild-install'), [
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
  ]);
} catch {
  console.log('No prebuilt binary; building from source against Electron headers.');
  // npm tells its scripts where its bundled node-gyp lives.
  const nodeGyp = process.env.npm_config_node_gyp;
  if (!nodeGyp) throw new Error('Run this through npm (npm start) so that node-gyp can be found.');
  run(process.execPath, [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    '--runtime=electron',
  ]);
}
mkdirSync(dirname(target), { recursive: true });
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ready: ${target}`);
