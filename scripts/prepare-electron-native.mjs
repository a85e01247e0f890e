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
// Copy the sources only: the Node build in build/ must never be mistaken for an Electron one.
cpSync(sqlitePackage, work, {
  recursive: true,
  filter: (src) => !src.startsWith(join(sqlitePackage, 'build')),
});
const built = join(work, 'build', 'Release', 'better_sqlite3.node');
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
  // handled below: no file means no prebuilt binary
}
if (!existsSync(built)) {
  console.log('No prebuilt binary; building from source against Electron headers.');
  // npm tells its scripts where its bundled node-gyp lives.
  const nodeGyp = process.env.npm_config_node_gyp;
  try {
    if (!nodeGyp) throw new Error('node-gyp not found: run this through npm (npm start)');
    run(process.execPath, [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ]);
  } catch {
    // fall through to the message below
  }
}
if (!existsSync(built)) {
  rmSync(work, { recursive: true, force: true });
  console.error(
    `Could not prepare better-sqlite3 for Electron ${electronVersion}. The first \`npm start\` needs the internet ` +
      '(a prebuilt binary, or Electron headers and a C++ toolchain to build one). The command line and the tests ' +
      'work without it.',
  );
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
copyFileSync(built, target);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ready: ${target}`);
