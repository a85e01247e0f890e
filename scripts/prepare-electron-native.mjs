#!/usr/bin/env node
// Builds (or downloads) better-sqlite3 for Electron's ABI into out/native/, leaving node_modules' Node build
// untouched so that `npm test` and the CLI keep working. Needs the internet on first run (Electron headers or
// the prebuilt binary); later runs reuse the cached file once its ABI is checked again.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addonFileVerdict,
  describeVerdict,
  electronAbi,
  electronNativePath,
  electronVersion as readElectronVersion,
} from './electron-abi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = readElectronVersion(electronDir);
const abi = electronAbi(electronDir);
const target = electronNativePath(root, electronVersion);

if (!abi) {
  console.error(
    `Cannot tell which ABI Electron ${electronVersion} needs: ${join(electronDir, 'abi_version')} is missing or ` +
      'unreadable. Reinstall Electron (`npm ci`).',
  );
  process.exit(1);
}

// A file cached by an earlier run is trusted only if it is still built for this Electron.
if (existsSync(target)) {
  const cached = addonFileVerdict(target, abi);
  if (cached.verdict === 'match') process.exit(0);
  console.log(`${describeVerdict(cached, target)}: building it again.`);
  rmSync(target);
}

const sqlitePackage = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'cup-native-'));
// Copy the sources only: the Node build in build/ must never be mistaken for an Electron one.
cpSync(sqlitePackage, work, {
  recursive: true,
  filter: (src) => !src.startsWith(join(sqlitePackage, 'build')),
});
const built = join(work, 'build', 'Release', 'better_sqlite3.node');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

// node-gyp takes npm's config from npm_config_* variables, and they win over its command line: a nodedir set
// in the npm config (pointing at Node's own headers) would yield a Node build. Drop those, so that the flags
// below (Electron's version, runtime and headers) are the ones used.
const npmBuildSettings =
  /^npm_config_(nodedir|target|runtime|dist_url|disturl|arch|build_from_source)$|^npm_package_config_node_gyp_/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !npmBuildSettings.test(key)));
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: work, env, stdio: 'inherit', shell: process.platform === 'win32' });

console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (ABI ${abi})…`);
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
const prebuilt = addonFileVerdict(built, abi);
if (prebuilt.verdict !== 'missing' && prebuilt.verdict !== 'match') {
  console.log(`${describeVerdict(prebuilt, 'The prebuilt binary')}; not using it.`);
  rmSync(built);
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
  } catch (error) {
    if (!nodeGyp) console.error(error.message);
    // fall through to the messages below
  }
}
const result = addonFileVerdict(built, abi);
if (result.verdict === 'match') {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
}
rmSync(work, { recursive: true, force: true });
if (result.verdict === 'missing') {
  console.error(
    `Could not prepare better-sqlite3 for Electron ${electronVersion}. The first \`npm start\` needs the internet ` +
      '(a prebuilt binary, or Electron headers and a C++ toolchain to build one). The command line and the tests ' +
      'work without it.',
  );
  process.exit(1);
}
if (result.verdict !== 'match') {
  console.error(
    `Refusing the better-sqlite3 build: ${describeVerdict(result, 'it')}. Electron could not load it. Check ` +
      'that nothing in the environment or npm config forces other headers (nodedir, target, runtime).',
  );
  process.exit(1);
}
console.log(`better-sqlite3 for Electron ready (ABI ${abi}): ${target}`);
